"""The department report (the meeting pack) as data: what ``/rapport`` and its PDF show.

For the frames of one data version, a selection (a tertial and a department, a unit or the
whole agency), the thresholds and a language, :func:`report` gathers everything a department
head brings to the follow-up meeting: the cover (agency, scope, tertial, data version, the
latest import), the narrative, the four perspectives with their headline figures, statuses
and charts (plotly figure dicts with their table alternatives), every yellow and red
assignment with its comment, and what changed since the previous tertial.

Nothing here computes a figure of its own: the perspectives come from the pages' specs
(:func:`dashboard.views.perspectives.content`), the operations from :func:`dashboard.kpis.summary`
as on Översikt, the charts from :mod:`dashboard.figures`. Pure: no ``dash`` import, so the
report is tested as plain data. A report is kept per data version (read-only for callers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.data import Snapshot
from dashboard.figures import (
    figure_table,
    figure_title,
    status_by_group_figure,
    status_distribution,
    status_trend_figure,
)
from dashboard.kpis import (
    Selection,
    assignment_table,
    departments,
    natural_grouping,
    status_by_group,
    status_trend,
    summary,
)
from dashboard.kpis.actions import followed_actions
from dashboard.kpis.government import register_table
from dashboard.kpis.matrix import department_matrix
from dashboard.kpis.prepared import memoized
from dashboard.kpis.processes import processes_status
from dashboard.kpis.scope import resolve
from dashboard.kpis.status import Thresholds, is_missing
from dashboard.state.address import SHOW, SHOW_CURRENT, ViewState
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.text.narrative import Sentence, narrative
from dashboard.views.followup import adoption_text
from dashboard.views.headline import CHANGE_KINDS
from dashboard.views.headline import rows as headline_rows
from dashboard.views.matrix import Matrix, matrix_view
from dashboard.views.perspectives import (
    FINANCE,
    PROCESSES,
    STAFF,
    CardData,
    Inputs,
    Table,
    content,
    rates_status,
    signed_money,
)
from loaders.followup.rules import ASSESSMENTS_FRAME
from loaders.periods import Tertial

ATTENTION: tuple[str, ...] = ("red", "yellow")  # the statuses the report lists one by one
AGENCY_COLUMN = "agency"  # a units column naming the agency, where an export has one


@dataclass(frozen=True)
class Chart:
    """A chart: its title, its plotly figure dict and its rows as a table (all text)."""

    title: str
    figure: dict
    rows: tuple[dict, ...]


@dataclass(frozen=True)
class Cover:
    agency: str
    scope: str  # the department, the unit or "Hela myndigheten"
    department: str | None
    unit: str | None
    period: str
    version: int
    import_id: int | None
    import_file: str | None
    import_date: str  # Stockholm time, "–" without an import
    adoption: str = ""  # "Fastställd 2018-10-02 09:12 av … (version 1)." or not adopted


@dataclass(frozen=True)
class Section:
    """One perspective: title, headline status, cards, notes, an optional table, charts."""

    key: str
    title: str
    status: str | None
    cards: tuple[CardData, ...]
    charts: tuple[Chart, ...]
    notes: tuple[str, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class Attention:
    """A yellow or red assignment with its comment (text cells, "" where blank)."""

    id: str
    name: str
    unit: str
    status: str  # the code: "red" or "yellow"
    comment: str  # the motivation (the department's, from the follow-up, or the file's)
    action: str = ""  # "Ny plan (ansvarig Anna, klart 2018-10-31)", "" without one


@dataclass(frozen=True)
class Deadline:
    """A government assignment's next report, as the report lists it."""

    id: str
    name: str
    register_number: str
    ministry: str
    unit: str
    date: str  # the next report's day (the passed one when overdue)
    kind: str  # "final" or "interim"
    days_left: str  # counted from the tertial's last day, negative when overdue
    status: str  # the code
    overdue: bool


@dataclass(frozen=True)
class ChangeList:
    kind: str  # worse, better, new, gone (CHANGE_KINDS)
    title: str
    items: tuple[Mapping, ...]  # {id, name, unit, from, to}


@dataclass(frozen=True)
class Changes:
    """Since the previous tertial: headline figures' changes and the assignments' moves."""

    previous: str | None
    figures: tuple[tuple[str, str], ...]  # (label, change as text)
    lists: tuple[ChangeList, ...]


@dataclass(frozen=True)
class Report:
    lang: str
    cover: Cover
    narrative: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    attention: tuple[Attention, ...]
    changes: Changes
    followed: tuple[dict, ...] = ()  # the previous follow-up's actions (kpis/actions.py)
    deadlines: tuple[Deadline, ...] = ()  # government assignments' next reports, overdue first
    matrix: Matrix | None = None  # the departments x perspectives, on the agency's report


def _text(value: object) -> str:
    return "" if is_missing(value) else str(value)


def agency_name(frames: Mapping[str, pd.DataFrame], lang: str) -> str:
    """The agency's name where the data carries one (a units column ``agency``; the
    workbook format has none yet), else the generic "Myndigheten"."""
    units = frames.get("units")
    if units is not None and AGENCY_COLUMN in units.columns:
        names = [n for n in (_text(v).strip() for v in units[AGENCY_COLUMN]) if n]
        if names:
            return names[0]
    return t("report.agency_default", lang)


def chart(figure: dict) -> Chart:
    return Chart(figure_title(figure), figure, tuple(figure_table(figure)))


def cover(snapshot: Snapshot, result: Mapping, lang: str) -> Cover:
    record = snapshot.latest_import
    chosen = result["selection"]
    return Cover(
        agency=agency_name(snapshot.frames, lang),
        scope=chosen["unit"] or chosen["department"] or t("page.scope_agency", lang),
        department=chosen["department"], unit=chosen["unit"], period=result["period"],
        version=snapshot.version,
        import_id=record.id if record else None, import_file=record.file_name if record else None,
        import_date=fmt.local_time(record.created_at if record else None),
        adoption=adoption_stamp(snapshot, result["period"], lang))


def adoption_stamp(snapshot: Snapshot, period: str, lang: str) -> str:
    """Whose follow-up the figures are: the adopted one, or today's data (of a tertial
    adopted already, or not yet adopted)."""
    if snapshot.adoption is not None:
        return adoption_text(snapshot.adoption, lang)
    adopted = snapshot.adoptions.get(period)
    if adopted is not None:
        return t("adoption.current", lang, version=adopted.version)
    return t("adoption.not_adopted", lang, period=period)


def missing_comments_notes(missing: list[str], lang: str) -> tuple[str, ...]:
    """The note on yellow and red assignments without a comment, in the singular or the
    plural by their count ("1 gult eller rött uppdrag saknar kommentar"); none without any."""
    if not missing:
        return ()
    key = "report.missing_comments_one" if len(missing) == 1 else "report.missing_comments"
    return (t(key, lang, n=fmt.number(len(missing), lang=lang), ids=", ".join(missing)),)


def operations_section(frames: Mapping, selection: Selection, result: Mapping,
                       trend: pd.DataFrame, lang: str) -> Section:
    """Verksamhet: the figures of the page's headline, the overview's two charts and the
    statuses per department (agency) or unit (department)."""
    ops = result["operations"]
    rows = headline_rows(ops, lang)
    by = natural_grouping(selection)
    figures = (status_distribution(result, lang), status_trend_figure(trend, lang),
               status_by_group_figure(status_by_group(frames, selection, by), lang, by=by))
    notes = missing_comments_notes(ops.get("missing_comments") or [], lang)
    card = CardData(t("operations.headline", lang), ops.get("status"), tuple(rows))
    return Section("operations", t("card.operations", lang), ops.get("status"), (card,),
                   tuple(chart(f) for f in figures), notes)


# key -> (spec, the headline status of the section from the summary, as on Översikt)
PERSPECTIVE_SECTIONS = (
    ("finance", FINANCE, lambda result: result["finance"].get("status")),
    ("staff", STAFF, lambda result: rates_status(result["staff"])),
    ("processes", PROCESSES, lambda result: processes_status(result["processes"])),
)


def perspective_sections(inputs: Inputs, result: Mapping, lang: str) -> list[Section]:
    """Ekonomi, Medarbetare and Processer exactly as their pages build them."""
    sections = []
    for key, spec, status in PERSPECTIVE_SECTIONS:
        page = content(spec, inputs, lang)
        sections.append(Section(key, t(spec.title_key, lang), status(result), tuple(page.cards),
                                tuple(chart(f) for f in page.charts), tuple(page.notes),
                                page.table))
    return sections


def attention(frames: Mapping, selection: Selection, lang: str) -> tuple[Attention, ...]:
    """Every red, then every yellow assignment of the selection, in the data's order."""
    table = assignment_table(frames, selection, lang)
    actions = _actions(frames, selection.period, lang)
    found = []
    for code in ATTENTION:
        rows = table[table["code"].eq(code).fillna(False)]
        found += [Attention(_text(r["id"]), _text(r["name"]), _text(r["unit"]), code,
                            _text(r["comment"]), actions.get(_text(r["id"]), ""))
                  for r in rows.to_dict("records")]
    return tuple(found)


def deadlines(frames: Mapping, selection: Selection, lang: str) -> tuple[Deadline, ...]:
    """Every active government assignment of the selection with a report ahead or overdue,
    overdue first, then by date (``dashboard/kpis/government.py``)."""
    table = register_table(frames, resolve(frames, selection))
    table = table[table["next_deadline"].notna()]
    return tuple(
        Deadline(_text(r["id"]), _text(r["name"]), _text(r["register_number"]),
                 _text(r["ministry"]), _text(r["unit"]), r["next_deadline"].date().isoformat(),
                 _text(r["next_kind"]), fmt.number(r["days_left"], lang=lang),
                 _text(r["status"]), bool(r["overdue"]))
        for r in table.to_dict("records"))


def _actions(frames: Mapping, period: str, lang: str) -> dict[str, str]:
    """Assignment id -> its action of ``period`` in words (the follow-up's assessments)."""
    actions = frames.get(ASSESSMENTS_FRAME)
    if actions is None:
        return {}
    rows = actions[(actions["period"] == period) & actions["action"].notna()]
    return {aid: t("followup.action_text", lang, action=action, owner=_text(owner),
                   due=due.strftime("%Y-%m-%d") if not is_missing(due) else "–")
            for aid, action, owner, due in zip(rows["id"], rows["action"], rows["owner"],
                                               rows["due"], strict=True)}


def changes(result: Mapping, lang: str) -> Changes:
    """Headline figures against the previous tertial (the overview cards' changes), and the
    assignments that are worse, better, new or gone (the operations page's lists, in the
    one order of ``CHANGE_KINDS``)."""
    ops, staff, previous_finance = (result["operations"], result["staff"],
                                    result["finance"].get("previous") or {})
    figures = (
        (t("headline.green_share", lang),
         fmt.points(ops.get("green_share_change"), lang=lang)),  # as on the overview's card
        (t("headline.new_government", lang),
         fmt.number(ops.get("new_government_assignments"), lang=lang)),
        (t("headline.headcount", lang), fmt.change(staff.get("headcount_change"), lang=lang)),
        (t("headline.of_which_permanent", lang),
         fmt.change(staff.get("permanent_change"), lang=lang)),
        (t("headline.of_which_temporary", lang),
         fmt.change(staff.get("temporary_change"), lang=lang)),
        (t("cards.consumption_vs_pace", lang),  # as on the card: not the calendar's growth
         fmt.points(previous_finance.get("consumption_vs_share_change"), lang=lang)),
        (t("headline.deviation", lang),
         fmt.points(previous_finance.get("forecast_deviation_change"), lang=lang)),
        (t("cards.forecast_vs_previous", lang),
         signed_money(result["finance"].get("forecast_vs_previous"), lang)),
    )
    moves = ops["changes"] if ops.get("previous_period") else {}  # counts None without one
    lists = tuple(ChangeList(kind, t(f"operations.change_{kind}", lang,
                                     count=fmt.number(moves[kind]["count"], lang=lang)),
                             tuple(moves[kind]["items"]))
                  for kind in CHANGE_KINDS if kind in moves)  # worse, better, new, gone
    return Changes(result.get("previous_period"), figures, lists)


def matrix(snapshot: Snapshot, result: Mapping, thresholds: Thresholds,
           lang: str) -> Matrix | None:
    """The department matrix as on the agency's Översikt, its cells linking to the same
    pages (of today's data when the report is of today's data for an adopted tertial)."""
    if result["selection"]["department"] or result["selection"]["unit"]:
        return None
    period = result["period"]
    rows = department_matrix(snapshot.frames, period, thresholds)
    if not rows:
        return None
    current = snapshot.adoption is None and period in snapshot.adoptions
    state = ViewState(period=period, lang=lang,
                      page=((SHOW, SHOW_CURRENT),) if current else ())
    return matrix_view(rows, state, result["previous_period"])


def _report(snapshot: Snapshot, selection: Selection, thresholds: Thresholds,
            lang: str) -> Report:
    frames = snapshot.frames
    result = summary(frames, selection, thresholds)
    trend = status_trend(frames, selection)
    inputs = Inputs(frames, selection, thresholds)
    sections = (operations_section(frames, selection, result, trend, lang),
                *perspective_sections(inputs, result, lang))
    followed = followed_actions(frames, selection, Tertial.from_label(result["period"]).last_day)
    return Report(lang, cover(snapshot, result, lang),
                  tuple(narrative(result, lang)), sections,
                  attention(frames, selection, lang), changes(result, lang),
                  tuple(followed), deadlines(frames, selection, lang),
                  matrix(snapshot, result, thresholds, lang))


def report(snapshot: Snapshot, selection: Selection, thresholds: Thresholds,
           lang: str = "sv") -> Report:
    """The report of a selection (see the module). Raises
    :class:`~dashboard.kpis.SelectionError` for a selection the data cannot meet."""
    return memoized(snapshot.frames, ("report", snapshot.version, selection, thresholds, lang),
                    lambda: _report(snapshot, selection, thresholds, lang))


def agency_reports(snapshot: Snapshot, period: str, thresholds: Thresholds,
                   lang: str = "sv") -> list[Report]:
    """The whole agency's pack: the agency's report, then one per department (Swedish
    alphabetical order)."""
    selections = [Selection(period)] + [Selection(period, d)
                                        for d in departments(snapshot.frames)]
    return [report(snapshot, s, thresholds, lang) for s in selections]
