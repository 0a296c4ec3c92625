"""The department report as data: its cover, perspectives, yellow and red assignments and
what changed since the previous tertial, for a department and for the whole agency.

The demo agency's data in a real SQLite store. The expected assignments and staff figures
are read straight off the frames here, not through the report's own helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from dashboard.data import FrameCache, Snapshot
from dashboard.kpis import Selection, departments, summary
from dashboard.kpis.status import DEFAULT_THRESHOLDS
from dashboard.reports.content import agency_reports, missing_comments_notes, report
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.text.narrative import narrative
from loaders.demo.load import load_demo
from loaders.settings import load_settings
from loaders.store.store import Store

STORY, PREVIOUS = "2018-T2", "2018-T1"
ANALYS = "Analysavdelningen"  # two red assignments in the demo's 2018-T2
IT = "IT-avdelningen"  # forecast +7,6 % in the demo's 2018-T2, up 4,6 points since 2018-T1
RANK = {"green": 0, "yellow": 1, "red": 2}
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Iterator[Store]:
    settings = load_settings({"data_dir": str(tmp_path_factory.mktemp("report"))}, environ={})
    store = Store(settings.resolved_database_url)
    load_demo(store, settings)
    yield store
    store.close()


@pytest.fixture(scope="module")
def snapshot(store) -> Snapshot:
    return FrameCache(store).current()


def department_rows(snapshot: Snapshot, name: str, period: str,
                    department: str | None) -> pd.DataFrame:
    """The rows of a dataset for a tertial, within a department (all for None)."""
    frame = snapshot.frames[name]
    rows = frame[frame["period"] == period]
    if department is None:
        return rows
    units = snapshot.frames["units"]
    own = set(units.loc[units["department"] == department, "unit"])
    return rows[rows["unit"].isin(own)]


def statuses(snapshot: Snapshot, period: str, department: str | None) -> dict[str, str]:
    rows = department_rows(snapshot, "assignments", period, department)
    return dict(zip(rows["id"].str.casefold(), rows["status"], strict=True))


# --- the cover ----------------------------------------------------------------------------

def test_the_cover_names_the_agency_department_tertial_version_and_import(snapshot, store):
    it = report(snapshot, Selection(STORY, ANALYS), DEFAULT_THRESHOLDS)
    latest = store.history()[0]
    stockholm = latest.created_at.astimezone(ZoneInfo("Europe/Stockholm"))
    cover = it.cover
    assert (cover.agency, cover.scope, cover.department, cover.unit, cover.period) == (
        "Myndigheten", ANALYS, ANALYS, None, STORY)
    assert cover.version == store.data_version()
    assert (cover.import_id, cover.import_file) == (latest.id, "uppfoljning_2018-T2.xlsx")
    assert cover.import_date == stockholm.strftime("%Y-%m-%d %H:%M")


def test_the_agency_name_comes_from_the_data_when_it_has_one(snapshot):
    units = snapshot.frames["units"].assign(agency="Myndigheten för digital förvaltning")
    frames = {**snapshot.frames, "units": units}
    it = report(Snapshot(99, frames), Selection(STORY), DEFAULT_THRESHOLDS, "en")
    assert it.cover.agency == "Myndigheten för digital förvaltning"
    assert (it.cover.import_id, it.cover.import_date) == (None, fmt.MISSING)
    english = report(snapshot, Selection(STORY), DEFAULT_THRESHOLDS, "en")
    assert (english.cover.agency, english.cover.scope) == ("The agency", "Whole agency")


# --- the narrative and the four perspectives -----------------------------------------------

def test_the_narrative_is_the_overviews(snapshot):
    it = report(snapshot, Selection(STORY, ANALYS), DEFAULT_THRESHOLDS)
    expected = narrative(summary(snapshot.frames, Selection(STORY, ANALYS)), "sv")
    assert [s.text for s in it.narrative] == [s.text for s in expected]
    assert any("röda" in s.text for s in it.narrative)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_four_perspectives_in_order_with_their_figures_and_charts(snapshot, lang):
    it = report(snapshot, Selection(STORY, ANALYS), DEFAULT_THRESHOLDS, lang)
    titles = [t(f"card.{key}", lang) for key in ("operations", "finance", "staff", "processes")]
    assert [s.title for s in it.sections] == titles
    operations, finance, staff, _processes = it.sections
    figures = summary(snapshot.frames, Selection(STORY, ANALYS))
    assert operations.status == figures["operations"]["status"] == "green"
    assert finance.status == figures["finance"]["status"]
    shown = dict(operations.cards[0].rows)
    assert shown[t("operations.assignments", lang)] == fmt.number(
        len(department_rows(snapshot, "assignments", STORY, ANALYS)), lang=lang)
    headcount = department_rows(snapshot, "staff", STORY, ANALYS)[["permanent", "temporary"]]
    assert (t("headline.headcount", lang), fmt.number(int(headcount.sum().sum()), lang=lang)) \
        in staff.cards[0].rows
    for section in (operations, finance, staff):
        assert section.charts
        for chart in section.charts:
            assert chart.title and chart.figure["data"] and chart.rows


# --- the yellow and red assignments --------------------------------------------------------

@pytest.mark.parametrize("department", [ANALYS, None])
def test_every_yellow_and_red_assignment_is_listed_with_its_comment(snapshot, department):
    it = report(snapshot, Selection(STORY, department), DEFAULT_THRESHOLDS)
    rows = department_rows(snapshot, "assignments", STORY, department)
    flagged = rows[rows["status"].isin(["yellow", "red"])]
    expected = {(i, s, c) for i, s, c in zip(flagged["id"], flagged["status"],
                                             flagged["comment"].fillna(""), strict=True)}
    assert {(a.id, a.status, a.comment) for a in it.attention} == expected
    assert len(it.attention) == len(flagged) > 0
    codes = [a.status for a in it.attention]
    assert codes == sorted(codes, key=lambda code: -RANK[code])  # red first


def test_the_department_lists_its_two_red_assignments_first(snapshot):
    it = report(snapshot, Selection(STORY, ANALYS), DEFAULT_THRESHOLDS)
    assert [a.status for a in it.attention[:3]] == ["red", "red", "yellow"]
    assert all(a.comment for a in it.attention[:2])


# --- what changed since the previous tertial ----------------------------------------------

@pytest.mark.parametrize("department", [ANALYS, None])
def test_status_changes_since_the_previous_tertial(snapshot, department):
    it = report(snapshot, Selection(STORY, department), DEFAULT_THRESHOLDS)
    before = statuses(snapshot, PREVIOUS, None)  # moves are matched across the agency
    now = statuses(snapshot, STORY, department)
    moved = {kind: {key for key, code in now.items()
                    if code in RANK and before.get(key) in RANK
                    and (RANK[code] - RANK[before[key]]) * sign > 0}
             for kind, sign in (("worse", 1), ("better", -1))}
    lists = {change.kind: change for change in it.changes.lists}
    assert it.changes.previous == PREVIOUS
    for kind, keys in moved.items():
        assert {item["id"].casefold() for item in lists[kind].items} == keys
        assert f"({len(keys)})" in lists[kind].title
    assert {item["id"].casefold() for item in lists["new"].items} == set(now) - set(before)


def test_the_agency_has_eleven_more_employees_all_temporary_and_nine_new_government(snapshot):
    it = report(snapshot, Selection(STORY), DEFAULT_THRESHOLDS)
    figures = dict(it.changes.figures)
    assert figures[t("headline.headcount")] == "+11"
    assert figures[t("headline.of_which_permanent")] == "±0"
    assert figures[t("headline.of_which_temporary")] == "+11"
    assert figures[t("headline.new_government")] == "9"


def test_the_department_headcount_change_is_read_off_the_staff_rows(snapshot):
    it = report(snapshot, Selection(STORY, ANALYS), DEFAULT_THRESHOLDS, "en")
    heads = {p: department_rows(snapshot, "staff", p, ANALYS)[["permanent", "temporary"]]
             .sum().sum() for p in (STORY, PREVIOUS)}
    figures = dict(it.changes.figures)
    assert figures[t("headline.headcount", "en")] == fmt.change(
        int(heads[STORY] - heads[PREVIOUS]), lang="en")


def test_the_report_tells_the_changes_the_overview_cards_tell(snapshot):
    """The same figures as the overview's cards (dashboard/views/cards.py), worked out here
    from the department's own rows: the green share's change, consumption's distance to the
    year's pace and the deviation against 2018-T1, and the forecast against the previous
    forecast."""
    it = report(snapshot, Selection(STORY, IT), DEFAULT_THRESHOLDS)
    figures = dict(it.changes.figures)

    def green_share(period: str) -> float:
        codes = department_rows(snapshot, "assignments", period, IT)["status"]
        active = codes[codes.isin(["green", "yellow", "red"])]
        return (active == "green").sum() / len(active)

    money = department_rows(snapshot, "finance", STORY, IT)
    before = department_rows(snapshot, "finance", PREVIOUS, IT)
    deviation = {name: (rows["forecast"].sum() - rows["budget"].sum()) / rows["budget"].sum()
                 for name, rows in (("now", money), ("before", before))}
    assert figures[t("headline.green_share")] == fmt.points(
        green_share(STORY) - green_share(PREVIOUS))
    assert figures[t("headline.deviation")] == fmt.points(deviation["now"] - deviation["before"])
    assert figures[t("headline.deviation")] == "+4,6 procentenheter"
    # consumption against the year's pace (8/12 of the year at T2, 4/12 at T1): how its
    # distance to the pace moved, not the third of the budget the calendar adds
    pace = ((money["outcome"].sum() / money["budget"].sum() - 8 / 12)
            - (before["outcome"].sum() / before["budget"].sum() - 4 / 12))
    assert figures[t("cards.consumption_vs_pace")] == fmt.points(pace)
    assert figures[t("cards.consumption_vs_pace")] == "+4,4 procentenheter"
    assert t("headline.consumption") not in figures
    against = money["forecast"].sum() - money["previous_forecast"].sum()
    assert figures[t("cards.forecast_vs_previous")] == \
        f"{fmt.change(against)}{fmt.NBSP}{t('headline.money_unit')}"


def test_the_report_lists_the_changes_in_the_one_order(snapshot):
    it = report(snapshot, Selection(STORY), DEFAULT_THRESHOLDS)
    assert [change.kind for change in it.changes.lists] == ["worse", "better", "new", "gone"]


def test_the_first_tertial_has_nothing_to_compare_with(snapshot):
    it = report(snapshot, Selection("2017-T1", ANALYS), DEFAULT_THRESHOLDS)
    assert it.changes.previous is None and it.changes.lists == ()
    assert dict(it.changes.figures)[t("headline.headcount")] == fmt.MISSING


# --- the whole agency's pack ---------------------------------------------------------------

def test_the_agency_pack_is_the_agency_then_every_department(snapshot):
    pack = agency_reports(snapshot, STORY, DEFAULT_THRESHOLDS)
    assert [r.cover.scope for r in pack] == [t("page.scope_agency")] + departments(
        snapshot.frames)
    assert len(pack) == 9
    listed = sum(len(r.attention) for r in pack[1:])
    assert listed == len(pack[0].attention) == 32  # every one in exactly one department


@pytest.mark.parametrize(("missing", "lang", "expected"), [
    ([], "sv", ()),
    (["RU-4"], "sv", ("1 gult eller rött uppdrag saknar kommentar: RU-4.",)),
    (["RU-4", "VP-8"], "sv", ("2 gula eller röda uppdrag saknar kommentar: RU-4, VP-8.",)),
    (["RU-4"], "en", ("1 yellow or red assignment has no comment: RU-4.",)),
    (["RU-4", "VP-8"], "en", ("2 yellow or red assignments have no comment: RU-4, VP-8.",)),
])
def test_the_missing_comments_note_agrees_with_its_count(missing, lang, expected):
    assert missing_comments_notes(missing, lang) == expected
