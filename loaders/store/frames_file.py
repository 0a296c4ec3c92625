"""Every stored slice's rows as columnar bytes (Arrow IPC, zstd), so a worker's first read of
a new data version decodes a few blobs instead of fetching and converting every row.

Table ``frame_snapshots``: one row per slice (import, dataset, period), written by the import
in the same transaction as the slice's rows, from the very column lists it inserts (nothing is
read back). A slice never changes after it is stored (rows are never deleted), so its bytes
stay right for every data version in which it is current: a rollback needs no new bytes (the
slices it shows again have theirs), and two imports at once each write their own slices.

A dataset's current frame is its current slices' frames in the order of the SQL read
(period, then row; ``Store._current_query``), with the SQL read's dtypes. The reader falls
back to the SQL read of the dataset when a current slice has no bytes (stored before
migration 0006) or its bytes do not decode to the spec's columns (corrupt, or written by
another version of the program).

Text decodes to pandas' Python-object strings (``loaders/__init__.py``). A column of repeated
names (units, statuses) is stored dictionary-encoded: each distinct text becomes one Python
string shared by its cells, about twice as fast as converting cell by cell, and the shared
strings hash faster where the figures match names (``dashboard/kpis/organisation.py``).

Beside the rows, each slice of a keyed dataset keeps its own key columns (``loaders/keys.py``,
made by the importing process from the same typed rows): :func:`encode_keys`,
:func:`decode_keys`. They carry the name rule's version (:data:`KEY_RULE`); keys of another
rule, or that do not fit the slice, decode to None and the worker makes them from the rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc
from pandas.core.arrays.string_ import StringArray

from loaders.keys import KEYED, WITH_IDS, Coded, OwnKeys
from loaders.names import key_column
from loaders.specs import DTYPES, Dataset

COMPRESSION = "lz4"  # 100k assignments: a few MB; decompressed faster than zstd
_STRING = pd.StringDtype("python")
_DICTIONARY = pa.dictionary(pa.int32(), pa.string())  # a text column of repeated names
_ARROW: dict[str, pa.DataType] = {
    "string": pa.string(), "Float64": pa.float64(), "Int64": pa.int64(),
    "boolean": pa.bool_(), "datetime64[ns]": pa.timestamp("us"),
}


def _schema(ds: Dataset) -> pa.Schema:
    return pa.schema([(c.field, _ARROW[DTYPES[c.kind]]) for c in ds.columns])


def _matches(schema: pa.Schema, ds: Dataset) -> bool:
    """Whether ``schema`` is the spec's, a text column plain or dictionary-encoded."""
    expected = _schema(ds)
    return schema.names == expected.names and all(
        got == want or (want == pa.string() and got == _DICTIONARY)
        for got, want in zip(schema.types, expected.types, strict=True))


def _array(values: list | pd.Series, kind: pa.DataType) -> pa.Array:
    """The column as Arrow; a text column of repeated names (units, statuses: fewer distinct
    texts than half its cells) dictionary-encoded, so reading it spreads one Python string
    per distinct text (cheaper than encoding it on every read). A typed Series converts
    without a Python object per cell (numbers, flags, dates)."""
    if isinstance(values, pd.Series) and values.dtype.kind == "M":
        values = values.to_numpy(dtype="datetime64[us]")  # NaT is null (from_pandas)
    array = pa.array(values, type=kind, from_pandas=True)
    if kind != pa.string() or len(array) == 0:
        return array
    encoded = pc.dictionary_encode(array)
    return encoded if 2 * len(encoded.dictionary) < len(array) else array


def encode(columns: Mapping[str, list | pd.Series], ds: Dataset) -> bytes:
    """The slice's spec columns as Arrow IPC bytes; given as the typed frame of the slice
    (what the import stores), or as Python lists (None for NA, datetimes for dates)."""
    arrays = [_array(columns[f.name], f.type) for f in _schema(ds)]
    table = pa.Table.from_arrays(arrays, names=[f.name for f in _schema(ds)])
    sink = pa.BufferOutputStream()
    options = ipc.IpcWriteOptions(compression=COMPRESSION)
    with ipc.new_file(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def decode(content: bytes, ds: Dataset) -> pa.Table | None:
    """The slice ``content`` holds, or None when it is not a table of ``ds``'s spec columns
    and types (corrupt, or written by another version of the program)."""
    try:
        table = ipc.open_file(pa.BufferReader(content)).read_all()
    except (pa.ArrowException, ValueError, TypeError, OSError):
        return None
    return table if _matches(table.schema, ds) else None


def to_frame(tables: list[pa.Table], ds: Dataset) -> pd.DataFrame:
    """The slices' rows one after another, as the SQL read gives them: the spec's columns
    and dtypes, a fresh RangeIndex."""
    if not tables:
        tables = [_schema(ds).empty_table()]
    data = {c.field: _column([t.column(c.field) for t in tables], DTYPES[c.kind])
            for c in ds.columns}
    return pd.DataFrame(data, index=pd.RangeIndex(sum(t.num_rows for t in tables)),
                        copy=False)


def _column(parts: list[pa.ChunkedArray], dtype: str) -> pd.Series:
    chunks = [chunk for part in parts for chunk in part.chunks]
    if dtype == "string":
        # pandas' public constructor checks every cell again (a third of this step's cost;
        # its unchecked one is private, and kept out so that a pandas upgrade cannot break it)
        texts = [_texts(chunk) for chunk in chunks] or [np.array([], dtype=object)]
        return pd.Series(StringArray(texts[0] if len(texts) == 1 else np.concatenate(texts),
                                     dtype=_STRING), copy=False)
    column = pa.chunked_array(chunks, type=_ARROW[dtype]).combine_chunks()
    if dtype == "datetime64[ns]":
        values = column.to_numpy(zero_copy_only=False)  # NaT for the missing
        return pd.Series(values.astype("datetime64[ns]"), dtype=dtype)
    return pd.Series(pd.array(column, dtype=dtype), copy=False)


def _texts(chunk: pa.Array) -> np.ndarray:
    """Python strings and pd.NA; one string object per distinct text of a dictionary."""
    if chunk.null_count == len(chunk):  # a column no row fills (an optional one)
        return np.full(len(chunk), pd.NA, dtype=object)
    if pa.types.is_dictionary(chunk.type):
        distinct = np.array([*chunk.dictionary.to_pylist(), pd.NA], dtype=object)
        indices = chunk.indices.fill_null(-1) if chunk.null_count else chunk.indices
        return distinct[indices.to_numpy(zero_copy_only=False)]
    values = chunk.to_numpy(zero_copy_only=False)  # None for null
    if chunk.null_count:
        values[chunk.is_null().to_numpy(zero_copy_only=False)] = pd.NA
    return values


# --- a slice's own keys -------------------------------------------------------------------

KEY_RULE = b"1"  # the name rule's version (loaders/names.py): a change makes stored keys stale
_RULE_FIELD = b"tertial.key_rule"
_FIRST, _IDS, _STATUS, _BLANK = "first", "key", "code", "blank"


@dataclass(frozen=True)
class SliceKeys:
    """One current slice of a dataset's frame: its period cell, its rows (``start`` to
    ``stop`` in the frame) and the own keys the import stored for it (None: none stored)."""

    period: str
    start: int
    stop: int
    content: bytes | None

    def own(self, name: str) -> OwnKeys | None:
        """The slice's stored keys, or None (none, or not usable: made from the rows)."""
        return decode_keys(self.content, name, self.stop - self.start)


def _key_names(name: str) -> list[str]:
    names = [key_column(c) for c in KEYED.get(name, ())]
    return [_FIRST, *names, _IDS, _STATUS, _BLANK] if name == WITH_IDS else names


def _coded_array(coded: Coded, kept: np.ndarray, rows: int) -> pa.Array:
    """(codes, keys) of the kept rows as a dictionary array over every row (null where a row
    is NA or not kept), the dictionary the distinct keys (None and repeats folded away)."""
    codes, keys = coded
    unique_codes, distinct = pd.factorize(np.asarray(keys, dtype=object), use_na_sentinel=True)
    folded = np.append(unique_codes, -1)[codes]
    full = np.full(rows, -1, dtype=np.int32)
    full[kept] = folded
    indices = pa.array(full, type=pa.int32(), mask=full < 0)
    return pa.DictionaryArray.from_arrays(indices, pa.array(distinct.tolist(), pa.string()))


def encode_keys(own: OwnKeys, name: str, rows: int) -> bytes | None:
    """The own keys of a slice of ``rows`` rows of dataset ``name`` as Arrow IPC bytes; None
    for a dataset without keys."""
    if name not in KEYED:
        return None
    first = np.ones(rows, dtype=bool) if own.first is None else own.first
    kept = np.flatnonzero(first)
    arrays = [_coded_array(own.coded[c], kept, rows) for c in KEYED[name]]
    if name == WITH_IDS:
        ids = np.full(rows, None, dtype=object)
        ids[kept] = own.ids
        blank = np.zeros(rows, dtype=bool)
        blank[kept] = own.blank
        arrays = [pa.array(first), *arrays, pa.array(ids, pa.string(), from_pandas=True),
                  _coded_array(own.status, kept, rows), pa.array(blank)]
    table = pa.Table.from_arrays(arrays, names=_key_names(name)).replace_schema_metadata(
        {_RULE_FIELD: KEY_RULE})
    sink = pa.BufferOutputStream()
    with ipc.new_file(sink, table.schema,
                      options=ipc.IpcWriteOptions(compression=COMPRESSION)) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _coded(column: pa.ChunkedArray, kept: np.ndarray | None) -> Coded:
    chunk = column.combine_chunks()
    codes = chunk.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    keys = np.array(chunk.dictionary.to_pylist(), dtype=object)
    return (codes if kept is None else codes[kept]), keys


def decode_keys(content: bytes | None, name: str, rows: int) -> OwnKeys | None:
    """The own keys :func:`encode_keys` stored for a slice of ``rows`` rows, or None when
    there are none, or they are of another rule, dataset or length (then they are made)."""
    if content is None or name not in KEYED:
        return None
    try:
        table = ipc.open_file(pa.BufferReader(content)).read_all()
    except (pa.ArrowException, ValueError, TypeError, OSError):
        return None
    meta = table.schema.metadata or {}
    if (meta.get(_RULE_FIELD) != KEY_RULE or table.schema.names != _key_names(name)
            or table.num_rows != rows):
        return None
    try:
        if name != WITH_IDS:
            return OwnKeys(None, {c: _coded(table.column(key_column(c)), None)
                                  for c in KEYED[name]})
        first = table.column(_FIRST).to_numpy()
        kept = None if first.all() else first
        ids = table.column(_IDS).to_numpy()
        blank = table.column(_BLANK).to_numpy()
        return OwnKeys(first, {c: _coded(table.column(key_column(c)), kept) for c in KEYED[name]},
                       ids=ids if kept is None else ids[kept],
                       status=_coded(table.column(_STATUS), kept),
                       blank=blank if kept is None else blank[kept])
    except (pa.ArrowException, ValueError, TypeError, AttributeError):
        return None
