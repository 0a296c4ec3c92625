"""Rules across rows and sheets: periods, duplicate keys, known units, missing comments, and a
government assignment's register number and report dates.

They run on the typed frames from :mod:`loaders.ingest.validate` (which still carry each row's Excel
row number in ``_row``) and add Issues to the report; they never drop data silently.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.ingest.messages import issue
from loaders.ingest.validate import ROW, SheetContext
from loaders.ingest.values import CODE_LABELS
from loaders.specs import ROW_KEYS

MAX_ROWS_NAMED = 10  # "also row 5, 9, 12 ..." is cut after this many


def _rows_text(rows: list[int]) -> str:
    text = ", ".join(str(r) for r in rows[:MAX_ROWS_NAMED])
    return text + (" …" if len(rows) > MAX_ROWS_NAMED else "")


def apply_period(ctx: SheetContext, frame: pd.DataFrame, period: str | None) -> pd.DataFrame:
    """Fill or check the Period column against the period given at import."""
    if not ctx.dataset.periodic:
        return frame
    has_column = "period" in ctx.match.columns
    if not has_column:
        if period is None:
            ctx.report.add(issue("period_missing", sheet=ctx.sheet.name))
        else:
            frame["period"] = pd.Series(period, index=frame.index, dtype="string")
        return frame
    where = ctx.where("period")
    unreadable = frame[ROW].isin(ctx.unreadable.get("period", set()))  # already reported
    blank = frame["period"].isna() & ~unreadable
    if period is not None:
        differs = frame["period"].ne(period).fillna(False).astype(bool)
        for row, value in zip(frame.loc[differs, ROW], frame.loc[differs, "period"],
                              strict=True):
            ctx.report.add(issue("period_conflict", row=int(row), value=value, period=period,
                                 **where))
        frame.loc[blank, "period"] = period
    else:
        for row in frame.loc[blank, ROW]:
            ctx.report.add(issue("required_blank", row=int(row), **where))
    return frame


def check_duplicates(ctx: SheetContext, frame: pd.DataFrame) -> None:
    """Two rows with the same key in the same period are an error, naming both rows."""
    fields = list(ROW_KEYS[ctx.dataset.name])
    if ctx.dataset.periodic:
        fields.append("period")
    keys = pd.DataFrame({f: frame[f].str.casefold() for f in fields}).fillna("")
    dup = keys.duplicated(keep=False)
    if not dup.any():
        return
    key_field = ROW_KEYS[ctx.dataset.name][0]
    where = ctx.where(key_field)
    groups = frame[dup].groupby([keys.loc[dup, f] for f in fields], sort=False)[ROW]
    # Look-ups by row and a bounded list of other rows: linear in the duplicates, not quadratic.
    values = dict(zip(frame[ROW], frame[key_field], strict=True))
    periods = dict(zip(frame[ROW], frame["period"], strict=True)) if ctx.dataset.periodic else {}
    for _, rows in groups:
        rows = sorted(int(r) for r in rows)
        head = rows[:MAX_ROWS_NAMED + 2]  # enough to name MAX_ROWS_NAMED others and say "…"
        for row in rows[1:]:
            period = periods.get(row)
            blank = pd.isna(period) or not period
            ctx.report.add(issue("duplicate_key", row=row, value=values[row],
                                 in_period_sv="" if blank else f" för {period}",
                                 in_period_en="" if blank else f" for {period}",
                                 others=_rows_text([r for r in head if r != row]), **where))


def check_units(ctx: SheetContext, frame: pd.DataFrame, known: set[str]) -> None:
    """Every Enhet must be a known unit once any units are known (blank allowed where
    the dataset allows an agency-wide row)."""
    if not known or "unit" not in ctx.match.columns or ctx.dataset.name == "units":
        return
    known_keys = {u.casefold() for u in known}
    units = frame["unit"]
    unknown = units.notna() & ~units.str.casefold().isin(known_keys).fillna(False)
    where = ctx.where("unit")
    for row, value in zip(frame.loc[unknown, ROW], units[unknown], strict=True):
        ctx.report.add(issue("unknown_unit", row=int(row), value=value, **where))


def check_comments(ctx: SheetContext, frame: pd.DataFrame) -> None:
    """Yellow or red without a comment is a warning: it does not block the import."""
    if ctx.dataset.name != "assignments":
        return
    lacking = frame["status"].isin(["yellow", "red"]).fillna(False) & frame["comment"].isna()
    where = ctx.where("comment") if "comment" in ctx.match.columns else {"sheet": ctx.sheet.name}
    for _, row in frame[lacking.astype(bool)].iterrows():
        labels = CODE_LABELS[row["status"]]
        ctx.report.add(issue("missing_comment", row=int(row[ROW]), value=row["id"],
                             status_sv=labels["sv"], status_en=labels["en"], **where))


def check_reports(ctx: SheetContext, frame: pd.DataFrame) -> None:
    """Register numbers and report dates on the Uppdrag sheet.

    An interim report (Delredovisning) after the final deadline (Redovisas senast) is an error
    naming the cell. One register number (Diarienummer, compared without case) on different
    assignments of one period is a warning: a decision may cover two assignments, but it is
    more often a copied row."""
    if ctx.dataset.name != "assignments":
        return
    if {"interim_reports", "report_due"} <= ctx.match.columns.keys():
        _check_interim_dates(ctx, frame)
    if "register_number" in ctx.match.columns:
        _check_register_numbers(ctx, frame)


def _check_interim_dates(ctx: SheetContext, frame: pd.DataFrame) -> None:
    both = frame["interim_reports"].notna() & frame["report_due"].notna()
    where = ctx.where("interim_reports")
    for _, row in frame[both.astype(bool)].iterrows():
        deadline = row["report_due"].date().isoformat()
        late = [d for d in row["interim_reports"].split("; ") if d > deadline]
        if late:
            ctx.report.add(issue("interim_after_deadline", row=int(row[ROW]),
                                 value=row["interim_reports"], dates=", ".join(late),
                                 deadline=deadline, assignment=row["id"], **where))


def _check_register_numbers(ctx: SheetContext, frame: pd.DataFrame) -> None:
    given = frame[frame["register_number"].notna()]
    keys = given["register_number"].str.casefold()
    ids = given["id"].str.casefold()
    where = ctx.where("register_number")
    for _, group in given.groupby([given["period"].fillna(""), keys], sort=False):
        if ids[group.index].nunique() < 2:
            continue
        rows = sorted(int(r) for r in group[ROW])
        names = dict(zip(group[ROW], group["id"], strict=True))
        for row in rows[1:]:
            ctx.report.add(issue("duplicate_register_number", row=row,
                                 value=group["register_number"].iloc[0],
                                 assignment=names[row],
                                 others=_rows_text([r for r in rows if r != row]), **where))


def canonical_units(frame: pd.DataFrame, units: pd.Series) -> pd.Series:
    """Unit names spelled as the Enheter sheet spells them (``ekonomienheten`` -> canonical)."""
    by_key = {u.casefold(): u for u in units.dropna()}
    codes, distinct = pd.factorize(frame["unit"])  # each distinct name looked up once
    spelled = [by_key.get(u.casefold(), u) if isinstance(u, str) else u for u in distinct]
    return pd.Series(np.array([*spelled, pd.NA], dtype=object)[codes], index=frame.index,
                     name="unit")

