"""The Enkät sheet (survey benchmark): both layouts read into one long frame.

Finance may write a survey WIDE, one row per question with our value in Värde and one column
per peer organisation to the right of the fixed columns, or LONG, one row per question and
organisation with an Organisation column. The layout is told by the header alone: a sheet
with an Organisation column is long, any other is wide. Both give the same frame
(:data:`loaders.specs.SURVEY`): one row per (survey, measurement, area, question, group,
organisation), our own row first, then the peers in the order they first appear.

Own rows: in the wide layout, Värde. In the long layout, the rows whose Organisation reads
one of :data:`OWN_MARKERS` ("Vi", "Egen", "Our organisation", ...) or the name given at import
(``LoadOptions.own_organisation``). Own rows are stored under that name, or "Vi" without one.

A survey is not per tertial: the store's slices of the survey are its measurements (Mätning),
so a new import replaces the stored rows of the measurements it holds and keeps the others.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from loaders.ingest.headers import HeaderMatch
from loaders.ingest.messages import issue
from loaders.ingest.reader import RawSheet
from loaders.ingest.rules import check_duplicates
from loaders.ingest.validate import ROW, SheetContext
from loaders.ingest.values import parse_number
from loaders.specs import SURVEY, Column, Dataset, Kind
from loaders.survey_sheet import PEER_PREFIX, SHARE, parse_scale
from loaders.text import clean_text, name_key

OWN_DEFAULT = "Vi"
OWN_MARKERS: tuple[str, ...] = ("Vi", "Egen", "Egen organisation", "Vår organisation",
                                "Our organisation", "Our organization", "Own", "Us")
MIN_PEERS, MAX_PEERS = 1, 20
_GROUP = ["survey", "measurement", "area", "question", "group"]
_FIELD = "_field"  # which sheet field a long row's value came from (for issue locations)


# --- header: the wide layout's peer columns ---------------------------------------------------

def with_peers(sheet: RawSheet, dataset: Dataset, match: HeaderMatch
               ) -> tuple[Dataset, HeaderMatch]:
    """In the wide layout, every unknown column right of the fixed ones that holds a number is
    a peer: it becomes a NUMBER field of the sheet (and no longer an unknown column). A sheet
    with no rows yet (the blank template's) has all of them as peers: they wait for numbers."""
    if "organisation" in match.columns:
        return dataset, match
    last_fixed = max(match.columns.values())
    body = sheet.rows[match.row + 1:]
    empty = not any(cell not in (None, "") for row in body for cell in row)
    peers = [(index, header) for index, header in sorted(match.unknown.items())
             if index > last_fixed and (empty or _holds_number(body, index))]
    columns = list(dataset.columns)
    for index, header in peers:
        field = f"{PEER_PREFIX}{index}"
        columns.append(Column(field, (header,), Kind.NUMBER))
        match.columns[field] = index
        match.headers[field] = header
        del match.unknown[index]
    return dataclasses.replace(dataset, columns=tuple(columns)), match


def _holds_number(body: list[list[object]], index: int) -> bool:
    return any(index < len(row) and parse_number(row[index]) is not None for row in body)


def peer_fields(match: HeaderMatch) -> list[str]:
    return sorted((f for f in match.columns if f.startswith(PEER_PREFIX)),
                  key=match.columns.__getitem__)


# --- rows: to the long frame --------------------------------------------------------------

def finish(ctx: SheetContext, frame: pd.DataFrame, own_name: str | None) -> pd.DataFrame:
    """The sheet's typed frame as the stored long frame (plus ``_row``), every rule checked."""
    own = own_name or OWN_DEFAULT
    wide = "organisation" not in ctx.match.columns
    if wide:
        _check_peer_columns(ctx)
    else:
        frame = _mark_own(frame, own_name)
    check_duplicates(ctx, frame)
    frame["scale"] = _scales(ctx, frame)
    long = _widen_to_long(ctx, frame, own) if wide else frame.assign(**{_FIELD: "value"})
    long["value"] = _values_on_scale(ctx, long)
    _check_questions(ctx, long, None if wide else MAX_PEERS)
    _check_own_answers(ctx, long)
    return _ordered(long)


def _mark_own(frame: pd.DataFrame, own_name: str | None) -> pd.DataFrame:
    keys = {name_key(m) for m in OWN_MARKERS} | ({name_key(own_name)} if own_name else set())
    is_own = frame["organisation"].map(lambda o: isinstance(o, str) and name_key(o) in keys)
    frame["is_own"] = pd.array(is_own.astype(bool), dtype="boolean")
    frame.loc[frame["is_own"].to_numpy(dtype=bool), "organisation"] = own_name or OWN_DEFAULT
    return frame


def _widen_to_long(ctx: SheetContext, frame: pd.DataFrame, own: str) -> pd.DataFrame:
    """One own row per sheet row (kept even without a value: that is reported), then one
    row per peer column holding a value."""
    parts = [frame.assign(organisation=own, is_own=True, **{_FIELD: "value"})]
    for field in peer_fields(ctx.match):
        part = frame[frame[field].notna()].assign(
            organisation=ctx.match.headers[field], is_own=False, value=lambda f, c=field: f[c],
            answers=pd.NA, **{_FIELD: field})
        parts.append(part)
    long = pd.concat(parts, ignore_index=True)
    long["organisation"] = long["organisation"].astype("string")
    long["is_own"] = long["is_own"].astype("boolean")
    long["answers"] = long["answers"].astype("Int64")
    return long


def _ordered(long: pd.DataFrame) -> pd.DataFrame:
    """Questions in the order they first appear; in each, our row first, then the peers in
    the order they first appear: the same frame whichever layout the sheet has."""
    question = long.groupby(_GROUP, sort=False, dropna=False).ngroup()
    organisation = pd.Series(pd.factorize(long["organisation"])[0], index=long.index)
    order = pd.DataFrame({"q": question, "own": ~long["is_own"].fillna(False).astype(bool),
                          "o": organisation})
    positions = order.sort_values(["q", "own", "o"], kind="stable").index
    return long.loc[positions, [*SURVEY.fields, ROW]].reset_index(drop=True)


# --- the survey's own rules ----------------------------------------------------------------

def _check_peer_columns(ctx: SheetContext) -> None:
    count = len(peer_fields(ctx.match))
    if count > MAX_PEERS:
        ctx.report.add(issue("survey_peer_count", sheet=ctx.sheet.name, row=ctx.match.row + 1,
                             count=count, low=MIN_PEERS, high=MAX_PEERS,
                             subject_sv="Bladet", subject_en="The sheet"))


def _scales(ctx: SheetContext, frame: pd.DataFrame) -> pd.Series:
    parsed = frame["scale"].map(parse_scale)
    bad = frame["scale"].notna() & parsed.isna()
    for row, value in zip(frame.loc[bad, ROW], frame.loc[bad, "scale"], strict=True):
        ctx.report.add(issue("survey_bad_scale", row=int(row), value=value,
                             **ctx.where("scale")))
    return parsed.map(lambda p: p[0] if p else pd.NA).astype("string")


def _percent_written(ctx: SheetContext, row: int, field: str) -> bool:
    """Whether the cell reads as a percent: "81 %" as text, or a percent-formatted number."""
    column = ctx.match.columns[field]
    cells = ctx.sheet.rows[row - 1]
    cell = cells[column] if column < len(cells) else None
    return (isinstance(cell, str) and "%" in cell) or (row - 1, column) in ctx.sheet.percent_cells


def _values_on_scale(ctx: SheetContext, long: pd.DataFrame) -> pd.Series:
    """Values as stored: a share as a fraction (written as percent: divided by 100). A value
    outside its scale (or a percent on a range scale) is an error naming its cell."""
    out = long["value"].copy()
    for index, row in long[long["value"].notna() & long["scale"].notna()].iterrows():
        scale = parse_scale(row["scale"])
        percent = _percent_written(ctx, int(row[ROW]), row[_FIELD])
        value = row["value"] / 100 if percent and scale[0] == SHARE else row["value"]
        if (percent and scale[0] != SHARE) or not scale[1] <= value <= scale[2]:
            allowed = "0 – 1 / 0 % – 100 %" if scale[0] == SHARE else scale[0]
            ctx.report.add(issue("survey_out_of_scale", row=int(row[ROW]),
                                 value=clean_text(_raw(ctx, row)), scale=row["scale"],
                                 expected=allowed, **ctx.where(row[_FIELD])))
        out[index] = value
    return out


def _raw(ctx: SheetContext, row: pd.Series) -> object:
    cells = ctx.sheet.rows[int(row[ROW]) - 1]
    column = ctx.match.columns[row[_FIELD]]
    return cells[column] if column < len(cells) else None


def _check_questions(ctx: SheetContext, long: pd.DataFrame, high: int | None) -> None:
    """Every question needs an own row and between MIN_PEERS and ``high`` peers (``None``
    in the wide layout: there the peer columns are counted once, for the sheet)."""
    keys = ["measurement", "question", "group"]
    folded = pd.DataFrame({k: long[k].str.casefold().fillna("") for k in keys})
    for _, part in long.groupby([folded[k] for k in keys], sort=False):
        first = int(part[ROW].min())
        where = {**ctx.where("question"), "row": first, "value": part["question"].iloc[0]}
        own = part["is_own"].fillna(False).astype(bool)
        if not own.any():
            ctx.report.add(issue("survey_no_own_row", **where))
        peers = part.loc[~own, "organisation"].str.casefold().nunique()
        if peers < MIN_PEERS or (high is not None and peers > high):
            ctx.report.add(issue("survey_peer_count", **where, count=peers, low=MIN_PEERS,
                                 high=MAX_PEERS, subject_sv=f"Frågan {where['value']}",
                                 subject_en=f"The question {where['value']}"))


def _check_own_answers(ctx: SheetContext, long: pd.DataFrame) -> None:
    """Our own rows need Antal svar: the page hides figures resting on too few answers."""
    lacking = long["is_own"].fillna(False).astype(bool) & long["answers"].isna()
    if not lacking.any():
        return
    if "answers" not in ctx.match.columns:
        header = SURVEY.column("answers").header
        ctx.report.add(issue("required_blank", sheet=ctx.sheet.name, header=header))
        return
    unreadable = ctx.unreadable.get("answers", set())
    for row in long.loc[lacking, ROW]:
        if int(row) not in unreadable:
            ctx.report.add(issue("required_blank", row=int(row), **ctx.where("answers")))
