"""The loader against mutated workbooks: robustness measured, not assumed (issue 17).

A valid workbook (``benchmarks.generate``, a small agency) is mutated at the byte level
(truncated, bytes flipped), the zip level (parts shuffled, a part dropped), the XML level (a
tag removed or duplicated, an odd ``<dimension>``, a huge text) and the cell level (random
values of random types written into random cells by openpyxl). Each mutant goes through the
real import (:func:`loaders.imports.importer.import_file`, the isolated child included) into a
real SQLite store, and :func:`check` holds it to the rules:

* no exception escapes, and the child's limits bound the time;
* a refusal names a place (the file, a sheet, a part or cells) in Swedish and English;
* every error of a checked file names its sheet, and a cell's error its row;
* a refused or failed file leaves the database as it was;
* a file that loads has the figures its cells hold: the ids, the units and the money sums
  an independent reader (openpyxl) finds in the same file.

``python -m benchmarks.fuzz --examples 500 --seed 1`` runs the mutants and prints what became
of them; the suite runs a few hundred through hypothesis (tests/loaders/ingest/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import io
import math
import random
import re
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from benchmarks.generate import write_workbook
from loaders.errors import TertialError
from loaders.imports.importer import import_file
from loaders.settings import Settings
from loaders.specs import FINANCE
from loaders.store.store import Store
from loaders.text import clean_text, id_key

BASE_SIZE = 40  # assignments in the base workbook (a few units, every sheet)
FILE_NAME = "uppfoljning.xlsx"
PLACE_DETAILS = ("sheet", "part", "cells", "stale_cells", "formula_cells", "name", "removals")
_TAG = re.compile(rb"<(/?)([A-Za-z:]+)[^<>]{0,200}>")


def base_workbook(folder: Path) -> bytes:
    return write_workbook(BASE_SIZE, folder).read_bytes()


# --- mutations: each takes the file's bytes and a Random, returns the mutant's bytes -------

def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _sheet_part(parts: dict[str, bytes], rng: random.Random) -> str:
    sheets = sorted(name for name in parts if name.startswith("xl/worksheets/sheet"))
    return rng.choice(sheets)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    mutant = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        mutant[rng.randrange(len(mutant))] = rng.randrange(256)
    return bytes(mutant)


def shuffle_parts(data: bytes, rng: random.Random) -> bytes:
    parts = list(_parts(data).items())
    rng.shuffle(parts)
    return _zip(dict(parts))


def drop_part(data: bytes, rng: random.Random) -> bytes:
    parts = _parts(data)
    del parts[rng.choice(sorted(parts))]
    return _zip(parts)


def _edit_xml(data: bytes, rng: random.Random, edit: Callable[[bytes], bytes]) -> bytes:
    parts = _parts(data)
    name = _sheet_part(parts, rng) if rng.random() < 0.8 else rng.choice(sorted(parts))
    parts[name] = edit(parts[name])
    return _zip(parts)


def _edit_a_tag(data: bytes, rng: random.Random,
                change: Callable[[bytes, re.Match[bytes]], bytes]) -> bytes:
    """One tag of a part, chosen at random, changed by ``change(xml, tag)``."""
    def edit(xml: bytes) -> bytes:
        tags = list(_TAG.finditer(xml))
        return change(xml, rng.choice(tags)) if tags else xml
    return _edit_xml(data, rng, edit)


def drop_tag(data: bytes, rng: random.Random) -> bytes:
    return _edit_a_tag(data, rng, lambda xml, tag: xml[:tag.start()] + xml[tag.end():])


def duplicate_tag(data: bytes, rng: random.Random) -> bytes:
    return _edit_a_tag(data, rng, lambda xml, tag: (
        xml[:tag.end()] + tag.group(0) * rng.randint(1, 3) + xml[tag.end():]))


def odd_dimension(data: bytes, rng: random.Random) -> bytes:
    ref = rng.choice([b"A1", b"A1:XFD1048576", b"A1:B2", b"Z9:A1", b"A0", b"XFE1", b"A1:A",
                      b"", b"A1:ZZZZ99999999", b"$A$1:$C$3"])
    def edit(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', xml, count=1)
    return _edit_xml(data, rng, edit)


def huge_string(data: bytes, rng: random.Random) -> bytes:
    text = (rng.choice("abcåäö€ =-@") * rng.choice([1000, 32_767, 40_000, 300_000])).encode()
    def edit(xml: bytes) -> bytes:
        cells = list(re.finditer(rb"<t>[^<]*</t>", xml))
        if not cells:
            return xml
        cell = rng.choice(cells)
        return xml[:cell.start()] + b"<t>" + text + b"</t>" + xml[cell.end():]
    return _edit_xml(data, rng, edit)


def _random_value(rng: random.Random) -> object:
    return rng.choice([
        None, "", " ", rng.randint(-10**6, 10**6), rng.random() * 10**rng.randint(-3, 9),
        -0.0, float("inf"), 10**20, "1 234,5", "12,5 %", "50%", "-5", "=SUMMA(A1)", "@x",
        "#N/A", "#DIV/0!", "Grön", "röd", "2018-T2", "T2 2018", "2018-13-45",
        dt.datetime(2018, 8, 31), dt.date(1899, 12, 30), True, "\u200bStatus", "x" * 5000,
        "Enhet\u00a0", "Ja", "0,125",
    ])


def cell_values(data: bytes, rng: random.Random) -> bytes:
    """Random values of random types in random cells, the header row included, written by
    openpyxl (so the file is a well-formed workbook whose cells are wrong)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for _ in range(rng.randint(1, 12)):
        sheet = rng.choice(book.worksheets)
        row = rng.randint(1, max(2, min(sheet.max_row, 60)))
        column = rng.randint(1, max(1, sheet.max_column + 1))
        sheet.cell(row=row, column=column).value = _random_value(rng)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": truncate, "flip_bytes": flip_bytes, "shuffle_parts": shuffle_parts,
    "drop_part": drop_part, "drop_tag": drop_tag, "duplicate_tag": duplicate_tag,
    "odd_dimension": odd_dimension, "huge_string": huge_string, "cell_values": cell_values,
}


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    name = rng.choice(sorted(MUTATIONS))
    return name, MUTATIONS[name](data, rng)


# --- the rules ------------------------------------------------------------------------------

@dataclass
class Verdict:
    kind: str  # loaded | identical | refused:<code> | rejected (errors in the check)
    broken: list[str]  # the rules the outcome broke (empty: all kept)


def _names_a_place(error: TertialError) -> bool:
    details = getattr(error, "details", {}) or {}
    return FILE_NAME in error.message_sv or any(details.get(k) for k in PLACE_DETAILS)


def _independent_read(data: bytes) -> dict[str, list[tuple]] | None:
    """Ids of Uppdrag, units of Enheter and the Budget cells of Ekonomi as openpyxl reads
    them; None when openpyxl cannot read the file (no oracle then)."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - another reader's failure only means "no oracle"
        return None
    found: dict[str, list[tuple]] = {}
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        found[sheet.title] = rows
    book.close()
    return found


def _figures_agree(result, data: bytes) -> list[str]:
    """The loaded frames against the independent read: the same assignment ids, and for the
    finance sheet the same budget total (the cells being plain numbers)."""
    sheets = _independent_read(data)
    if sheets is None:
        return []
    broken = []
    frames = result.frames
    if "assignments" in frames and "Uppdrag" in sheets:
        rows = sheets["Uppdrag"]
        header = [clean_text(c) for c in rows[0]] if rows else []
        if "Id" in header:
            at = header.index("Id")
            cells = {id_key(r[at]) for r in rows[1:] if at < len(r) and clean_text(r[at])}
            loaded = {id_key(v) for v in frames["assignments"]["id"]}
            if cells != loaded:
                broken.append(f"assignment ids differ: {len(cells ^ loaded)}")
    if "finance" in frames and "Ekonomi" in sheets:
        rows = sheets["Ekonomi"]
        header = [clean_text(c) for c in rows[0]] if rows else []
        budget = FINANCE.columns[3].header
        if budget in header:
            at = header.index(budget)
            numbers = [r[at] for r in rows[1:] if at < len(r) and r[at] is not None]
            if all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
                total = float(frames["finance"]["budget"].sum())
                if not math.isclose(total, float(sum(numbers)), rel_tol=1e-9, abs_tol=1e-6):
                    broken.append(f"budget total {total} != cells {sum(numbers)}")
    return broken


def check(store: Store, data: bytes, settings: Settings) -> Verdict:
    before = (store.data_version(), len(store.history()))
    try:
        outcome = import_file(store, data, FILE_NAME, settings, user="fuzz")
    except Exception as error:  # noqa: BLE001 - the rule under test is that none escapes
        return Verdict("exception", [f"{type(error).__name__}: {error}"[:300]])
    after = (store.data_version(), len(store.history()))
    if outcome.refusal is not None:
        broken = [] if _names_a_place(outcome.refusal) else [
            f"refusal {outcome.refusal.code} names no place"]
        if not (outcome.refusal.message_sv.strip() and outcome.refusal.message_en.strip()):
            broken.append("refusal without a message")
        if after != before:
            broken.append("a refused file changed the database")
        return Verdict(f"refused:{outcome.refusal.code}", broken)
    if not outcome.report.ok:
        errors = outcome.report.errors()
        broken = [f"error {i.code} names no sheet" for i in errors
                  if i.sheet is None and i.code not in {"no_known_sheet", "no_period"}]
        if after != before:
            broken.append("a file with errors changed the database")
        return Verdict("rejected", broken)
    if outcome.identical_to is not None or outcome.unchanged:
        return Verdict("identical", [] if after == before else ["identical changed data"])
    broken = _figures_agree(outcome.result, data)
    if outcome.record is None or after[1] != before[1] + 1:
        broken.append("an accepted file was not stored as one import")
    return Verdict("loaded", broken)


def run(examples: int, seed: int, folder: Path) -> tuple[collections.Counter, list[str]]:
    rng = random.Random(seed)
    base = base_workbook(folder)
    settings = Settings(data_dir=folder, parse_timeout_s=30.0)
    store = Store(f"sqlite:///{folder / 'fuzz.db'}")
    counts: collections.Counter = collections.Counter()
    failures: list[str] = []
    try:
        for number in range(examples):
            name, mutant = mutate(base, rng)
            verdict = check(store, mutant, settings)
            counts[(name, verdict.kind)] += 1
            failures += [f"#{number} {name}: {rule}" for rule in verdict.broken]
    finally:
        store.close()
    return counts, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tertial-fuzz-") as folder:
        counts, failures = run(args.examples, args.seed, Path(folder))
    seconds = time.monotonic() - started
    print(f"{args.examples} mutants of a {BASE_SIZE}-assignment workbook, seed {args.seed}, "
          f"{seconds:.0f} s ({seconds / max(args.examples, 1) * 1000:.0f} ms each)")
    by_kind: collections.Counter = collections.Counter()
    for (_name, kind), n in counts.items():
        by_kind[kind.split(":")[0]] += n
    print("outcomes: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
    for mutation in sorted(MUTATIONS):
        row = {kind: n for (name, kind), n in counts.items() if name == mutation}
        print(f"  {mutation:14} " + ", ".join(f"{k} {n}" for k, n in sorted(row.items())))
    print(f"rules broken: {len(failures)}")
    for failure in failures[:50]:
        print(f"  {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
