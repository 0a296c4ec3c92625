"""The assignments grid's rows, one block at a time: filter, sort and page in pandas.

The browser never receives every assignment. AG Grid's infinite row model asks for a block
(``startRow``..``endRow``) with its sort and filter models; :func:`page_assignments` answers
with that block's rows as text cells (status as word and symbol, dates as ``2018-08-31``) and
the number of rows the whole query matches. Text filters and the quick filter match the text
the reader sees, in the page's language; sorting follows the data (status by severity, dates
as dates, names in Swedish alphabetical order), ties by id, and without a sort of the
reader's own the worst come first (red, yellow, green, closed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from dashboard.kpis.prepared import memoized
from dashboard.kpis.status import STATUS_LABELS
from dashboard.text.i18n import t
from loaders.language import pick
from loaders.periods import Tertial
from loaders.vocabulary import ASSIGNMENT_TYPE_WORDS

from .operations import ACTIVE
from .organisation import Frames, keys_of, swedish_key
from .rows import DEPARTMENT, period_rows
from .scope import Selection, in_scope, resolve

# The grid's columns, in order; every cell the browser gets is text
GRID_COLUMNS: tuple[str, ...] = ("id", "name", "type", "department", "unit", "owner", "status",
                                 "comment", "end_date", "ends_soon")
TEXT_COLUMNS: tuple[str, ...] = ("id", "name", "type", "department", "unit", "owner", "status",
                                 "comment")
QUICK_COLUMNS: tuple[str, ...] = TEXT_COLUMNS  # what the quick filter searches
# Sort order of statuses: ascending puts the worst first (red, yellow, green, then closed)
STATUS_CODES: tuple[str, ...] = ("red", "yellow", "green", "completed", "cancelled")
STATUS_RANK: Mapping[str, int] = {code: i for i, code in enumerate(STATUS_CODES)}
# Yellow and red need a comment (docs/format.md): without one the grid's cell says so
NEEDS_COMMENT: frozenset[str] = frozenset({"red", "yellow"})
# Without a sort of the reader's own: the worst first, then by id
DEFAULT_SORT: tuple[Mapping[str, str], ...] = ({"colId": "status", "sort": "asc"},)
DATE_FORMAT = "%Y-%m-%d"
# what assignment_table gives: the shown text, the raw status code, the end as a date, the flag
TABLE_COLUMNS: tuple[str, ...] = (*TEXT_COLUMNS, "code", "end", "soon")
MAX_BLOCK = 500  # a forged request never gets more rows than this


def _lang_index(lang: str) -> int:
    return pick(lang, 0, 1)


def _optional(rows: pd.DataFrame, column: str) -> pd.Series:
    """A text column the rows may lack (then every cell missing), blanks as missing."""
    if column not in rows.columns:
        return pd.Series(pd.NA, index=rows.index, dtype="string")
    text = rows[column].astype("string").str.strip()
    return text.mask(text.eq("")).astype("string")


def _text_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Assignment rows as the text the grid shows, with raw ``code`` and ``end`` kept."""
    i = _lang_index(lang)
    types = {code: words[i] for code, words in ASSIGNMENT_TYPE_WORDS.items()}
    statuses = {code: words[i] for code, words in STATUS_LABELS.items()}
    return pd.DataFrame({
        "id": rows["id"].astype("string").str.strip(),
        "name": rows["name"].astype("string"),
        "type": rows["type"].astype("string").map(types).astype("string"),
        "department": _optional(rows, DEPARTMENT),
        "unit": rows["unit"].astype("string"),
        "owner": _optional(rows, "owner"),
        "status": rows["code"].map(statuses).astype("string"),
        "comment": rows["comment"].astype("string"),
        "code": rows["code"].astype("string"),
        "end": pd.to_datetime(rows["end_date"]),
    }).reset_index(drop=True)


def ends_soon(end: pd.Series, code: pd.Series, last_day: dt.date) -> pd.Series:
    """Active assignments (green, yellow, red) whose end date is on or before ``last_day``
    (the next tertial's last day); completed and cancelled ones are never flagged."""
    due = (end <= pd.Timestamp(last_day)).fillna(False)
    return (due & code.isin(ACTIVE).fillna(False)).astype(bool)


def _rank(series: pd.Series, key: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Each cell's place in the column's order under ``key`` (missing cells NaN), computed
    once per distinct value: sorting by it later is a sort of numbers."""
    codes, distinct = pd.factorize(series, use_na_sentinel=True)
    if not len(distinct):
        return pd.Series(float("nan"), index=series.index)
    order = key(pd.Series(distinct)).argsort(kind="stable").to_numpy()
    places = np.empty(len(distinct) + 1, dtype=float)
    places[order] = np.arange(len(distinct), dtype=float)
    places[-1] = np.nan  # the sentinel -1 picks the last slot
    return pd.Series(places[codes], index=series.index)


def _period_table(frames: Frames, period: Tertial, lang: str) -> pd.DataFrame:
    """The grid's table of every assignment of a tertial, with ``unit__key`` for scoping and
    a ``rank__<column>`` per sortable column (read-only: kept per data version)."""
    def compute() -> pd.DataFrame:
        rows = period_rows(frames, "assignments", period)
        table = _text_table(rows, lang)
        table["soon"] = ends_soon(table["end"], table["code"], period.next.last_day)
        ranks = {RANK_PREFIX + c: _rank(table[c], _sort_key(c)) for c in SORTABLE}
        return table.assign(**ranks, **{UNIT_KEY: keys_of(rows, "unit").to_numpy()})
    return memoized(frames, ("grid.period_table", period, lang), compute)


def _scoped_table(frames: Frames, selection: Selection, lang: str) -> pd.DataFrame:
    scope = resolve(frames, selection)
    return in_scope(_period_table(frames, scope.period, lang), scope)


def assignment_table(frames: Frames, selection: Selection, lang: str = "sv") -> pd.DataFrame:
    """Every assignment of the selection as text columns plus ``code``, ``end`` (datetime)
    and ``soon`` (bool: ends before the next tertial is over)."""
    table = _scoped_table(frames, selection, lang)
    return table[list(TABLE_COLUMNS)].reset_index(drop=True)


def _contains(series: pd.Series, text: str) -> pd.Series:
    return series.str.casefold().str.contains(text.casefold(), regex=False).fillna(False)


TEXT_TESTS: Mapping[str, Callable[[pd.Series, str], pd.Series]] = {
    "contains": _contains,
    "notContains": lambda s, v: ~_contains(s, v),
    "equals": lambda s, v: s.str.casefold().eq(v.casefold()).fillna(False),
    "notEqual": lambda s, v: ~s.str.casefold().eq(v.casefold()).fillna(False),
    "startsWith": lambda s, v: s.str.casefold().str.startswith(v.casefold()).fillna(False),
    "endsWith": lambda s, v: s.str.casefold().str.endswith(v.casefold()).fillna(False),
    "blank": lambda s, v: s.isna() | s.str.strip().eq("").fillna(True),
    "notBlank": lambda s, v: ~(s.isna() | s.str.strip().eq("").fillna(True)),
}
DATE_TESTS: Mapping[str, Callable[[pd.Series, pd.Timestamp, pd.Timestamp], pd.Series]] = {
    "equals": lambda s, a, b: s.eq(a).fillna(False),
    "notEqual": lambda s, a, b: ~s.eq(a).fillna(False),
    "lessThan": lambda s, a, b: s.lt(a).fillna(False),
    "greaterThan": lambda s, a, b: s.gt(a).fillna(False),
    "inRange": lambda s, a, b: s.between(a, b).fillna(False),
    "blank": lambda s, a, b: s.isna(),
    "notBlank": lambda s, a, b: s.notna(),
}


def _date(value: object) -> pd.Timestamp | None:
    stamp = pd.to_datetime(value, errors="coerce") if value else None
    return None if stamp is None or pd.isna(stamp) else stamp.normalize()


def _column_mask(table: pd.DataFrame, column: str, model: Mapping, lang: str) -> pd.Series:
    """The rows one column filter keeps; unknown columns or filter types keep every row."""
    kind = model.get("filterType")
    if "operator" in model and "conditions" in model:  # two conditions joined by AND / OR
        masks = [_column_mask(table, column, c, lang) for c in model["conditions"]]
        joined = masks[0]
        for mask in masks[1:]:
            joined = (joined | mask) if model["operator"] == "OR" else (joined & mask)
        return joined
    if kind == "set":
        values = model.get("values")
        values = values if isinstance(values, list | tuple) else []
        if column == "status":  # status codes only: anything else is dropped
            return table["code"].isin(status_choice(values)).fillna(False)
        wanted = {str(v).casefold() for v in values}
        return _shown(table, column, lang).str.casefold().isin(wanted).fillna(False)
    if kind == "date" and column == "end_date":
        test = DATE_TESTS.get(model.get("type"))
        if test is None:
            return pd.Series(True, index=table.index)
        return test(table["end"], _date(model.get("dateFrom")), _date(model.get("dateTo")))
    test = TEXT_TESTS.get(model.get("type", "contains"))
    if test is None:
        return pd.Series(True, index=table.index)
    return test(_shown(table, column, lang), str(model.get("filter") or ""))


def status_choice(values: object) -> list[str]:
    """The status codes of a set filter's values, in severity order; forged values (not a
    status code) are left out."""
    given = {v for v in values if isinstance(v, str)} if isinstance(values, list | tuple) \
        else set()
    return [code for code in STATUS_CODES if code in given]


def _shown(table: pd.DataFrame, column: str, lang: str) -> pd.Series:
    """A column as the text the reader sees."""
    if column == "end_date":
        return table["end"].dt.strftime(DATE_FORMAT).astype("string")
    if column == "ends_soon":
        flag = t("grid.ends_soon_yes", lang)
        return table["soon"].map({True: flag, False: ""}).astype("string")
    return table[column]


def _filtered(table: pd.DataFrame, filter_model: Mapping | None, quick: str | None,
              lang: str) -> pd.DataFrame:
    keep = pd.Series(True, index=table.index)
    models = filter_model if isinstance(filter_model, Mapping) else {}
    for column, model in models.items():
        if column in GRID_COLUMNS and isinstance(model, Mapping):
            keep &= _column_mask(table, column, model, lang)
    for word in (quick if isinstance(quick, str) else "").split():  # every word must match
        keep &= pd.concat([_contains(table[c], word) for c in QUICK_COLUMNS], axis=1).any(axis=1)
    return table[keep]


def _sort_key(column: str) -> Callable[[pd.Series], pd.Series]:
    if column == "code":
        return lambda s: s.map(STATUS_RANK)
    if column in ("end", "soon"):
        return lambda s: s
    return _text_sort_key


def _text_sort_key(series: pd.Series) -> pd.Series:
    """Swedish order key of every (distinct, present) text."""
    return series.map(lambda text: swedish_key(text)[0]).astype(object)


SORT_COLUMNS: Mapping[str, str] = {"status": "code", "end_date": "end", "ends_soon": "soon"}
SORTABLE: tuple[str, ...] = ("id", "name", "type", "department", "unit", "owner", "comment",
                             "code", "end", "soon")
RANK_PREFIX = "rank__"
UNIT_KEY = "unit__key"


def _sorted(table: pd.DataFrame, sort_model: Sequence[Mapping] | None) -> pd.DataFrame:
    """Rows in the sort model's order (stable, several columns), ties by id; without a sort
    (or only forged items) :data:`DEFAULT_SORT`: red first, then yellow, green, closed."""
    items = sort_model if isinstance(sort_model, Sequence) and not isinstance(sort_model, str) \
        else []
    items = [i for i in items if isinstance(i, Mapping) and i.get("colId") in GRID_COLUMNS]
    table = table.sort_values(RANK_PREFIX + "id", kind="stable", na_position="last")
    for item in reversed(items or DEFAULT_SORT):  # forged items: ignored
        column = item.get("colId")
        rank = RANK_PREFIX + SORT_COLUMNS.get(column, column)
        table = table.sort_values(rank, kind="stable", ascending=item.get("sort") != "desc",
                                  na_position="last")
    return table


def comment_missing(table: pd.DataFrame) -> pd.Series:
    """Yellow and red assignments whose comment is missing or only spaces (bool)."""
    blank = table["comment"].astype("string").str.strip().fillna("").eq("")
    return (blank & table["code"].isin(NEEDS_COMMENT).fillna(False)).astype(bool)


def _cells(block: pd.DataFrame, lang: str) -> list[dict]:
    """The block as the grid's rows: text or None in every cell, the status ``code`` (for
    the cell's colour) and ``comment_missing``; a yellow or red assignment without a
    comment reads "⚠ Kommentar saknas" in its comment cell."""
    shown = {c: _shown(block, c, lang) for c in GRID_COLUMNS}
    missing = comment_missing(block)
    shown["comment"] = shown["comment"].mask(missing, t("grid_head.comment_missing", lang))
    frame = pd.DataFrame({**shown, "code": block["code"]}).astype(object)
    frame = frame.where(frame.notna(), None)
    frame["comment_missing"] = missing.to_numpy()
    return frame.to_dict("records")


def sorted_assignments(frames: Frames, selection: Selection, sort_model: Sequence | None,
                       lang: str = "sv") -> pd.DataFrame:
    """:func:`assignment_table` in the sort model's order (what :func:`page_rows` pages).
    Depends only on the data, the selection, the sort and the language, so a caller may
    keep it per data version."""
    table = _sorted(_scoped_table(frames, selection, lang), sort_model)
    return table[list(TABLE_COLUMNS)].reset_index(drop=True)


def page_rows(table: pd.DataFrame, filter_model: Mapping | None, quick: str | None,
              start: int, end: int, lang: str = "sv") -> tuple[list[dict], int]:
    """Rows ``start``..``end`` of an already sorted table after filtering (filtering keeps
    the order, so sorting first gives the rows sorting last would), and the count kept."""
    table = _filtered(table, filter_model, quick, lang)
    start = max(int(start or 0), 0)
    end = min(max(int(end or 0), start), start + MAX_BLOCK)
    return _cells(table.iloc[start:end], lang), len(table)


def page_assignments(frames: Frames, selection: Selection, sort_model: Sequence | None,
                     filter_model: Mapping | None, quick: str | None, start: int, end: int,
                     lang: str = "sv") -> tuple[list[dict], int]:
    """The grid's rows ``start``..``end`` (end exclusive) after filtering and sorting, and the
    number of rows the filters keep. At most :data:`MAX_BLOCK` rows are returned."""
    table = sorted_assignments(frames, selection, sort_model, lang)
    return page_rows(table, filter_model, quick, start, end, lang)
