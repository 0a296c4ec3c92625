"""Figures as data: the dicts the builders return, checked against values worked out by hand
from the small frames of ``test_trends.py`` (no browser). ``plotly.graph_objects.Figure``
validates every dict, so each one is a figure plotly.js accepts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard.figures import (
    SEPARATORS,
    empty_figure,
    figure_table,
    finance_figure,
    finance_trend_figure,
    kpi_figure,
    staff_change_figure,
    staff_trend_figure,
    status_by_group_figure,
    status_distribution,
    status_trend_figure,
)
from dashboard.kpis import (
    Selection,
    finance,
    finance_trend,
    kpi_trend,
    operations,
    staff,
    staff_changes,
    staff_trend,
    status_by_group,
    status_trend,
    summary,
)
from tests.dashboard.kpis.test_trends import (
    ANALYS,
    ARENDE,
    ATGARD,
    DIGITAL,
    EKONOMI,
    MM,
    NOW,
    PREV,
    TIME,
    small_frames,
)

ROOT = Path(__file__).resolve().parents[3]
LANGS = ("sv", "en")
STATUS_PATTERNS = {"green": "", "yellow": "/", "red": "x"}


@pytest.fixture(scope="module")
def frames():
    return small_frames()


def builders(frames) -> dict:
    """name -> function(lang) building that figure from the small frames."""
    now = Selection(NOW)
    analys = Selection(NOW, department=ANALYS)
    return {
        "status_distribution": lambda lang: status_distribution(summary(frames, now), lang),
        "status_trend": lambda lang: status_trend_figure(status_trend(frames, now), lang),
        "status_by_department": lambda lang: status_by_group_figure(
            status_by_group(frames, now, "department"), lang, "department"),
        "status_by_goal": lambda lang: status_by_group_figure(
            status_by_group(frames, now, "goal"), lang, "goal"),
        "finance": lambda lang: finance_figure(finance(frames, now)["table"], lang,
                                               "department"),
        "finance_trend": lambda lang: finance_trend_figure(finance_trend(frames, now), lang),
        "staff_trend": lambda lang: staff_trend_figure(staff_trend(frames, now), lang),
        "staff_change": lambda lang: staff_change_figure(staff_changes(frames, now), lang),
        "kpi": lambda lang: kpi_figure(kpi_trend(frames, analys, TIME), lang=lang),
        "kpi_percent": lambda lang: kpi_figure(kpi_trend(frames, now, DIGITAL), lang=lang),
        "empty": lambda lang: empty_figure(None, lang),
    }


def build(frames, name: str, lang: str = "sv") -> dict:
    figure = builders(frames)[name](lang)
    go.Figure(figure)  # plotly validates every attribute
    json.dumps(figure)  # plain JSON: nothing numpy or pandas inside
    return figure


def trace(figure: dict, name: str) -> dict:
    return next(t for t in figure["data"] if t["name"] == name)


def approx(values: list) -> list:
    return [None if v is None else pytest.approx(v) for v in values]


NAMES = list(builders(small_frames()))


# --- what every figure has -------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_every_figure_has_a_title_in_both_languages_and_their_separators(frames, name):
    sv, en = build(frames, name, "sv"), build(frames, name, "en")
    assert sv["layout"]["title"]["text"] and en["layout"]["title"]["text"]
    assert sv["layout"]["separators"] == ",\u00a0" == SEPARATORS["sv"]
    assert en["layout"]["separators"] == ".,"
    if name not in ("kpi", "kpi_percent"):  # a key figure's title is its own name
        assert sv["layout"]["title"]["text"] != en["layout"]["title"]["text"]


@pytest.mark.parametrize("name", NAMES)
def test_no_trace_is_told_apart_by_colour_alone(frames, name):
    """Bars differ by fill pattern, lines by dash or marker symbol, and every trace has a
    legend name; status traces carry their own pattern and a word with a symbol."""
    figure = build(frames, name)
    looks = []
    for t in figure["data"]:
        assert t["name"]
        if t["type"] == "bar":
            looks.append(("bar", t["marker"]["pattern"]["shape"]))
            # inside the Dash page a pattern without bgcolor rendered the bar white
            assert t["marker"]["pattern"]["bgcolor"] == t["marker"]["color"]
        else:
            looks.append((t["mode"], t.get("line", {}).get("dash"),
                          t.get("marker", {}).get("symbol")))
        status = (t.get("meta") or {}).get("status")
        if status:
            assert t["marker"]["pattern"]["shape"] == STATUS_PATTERNS[status]
            assert t["name"][0] in "●▲■" and len(t["name"]) > 2
    assert len(looks) == len(set(looks))


@pytest.mark.parametrize("name", NAMES)
def test_hover_texts_use_number_formats_that_follow_the_separators(frames, name):
    for t in build(frames, name)["data"]:
        template = t["hovertemplate"]
        assert "<extra></extra>" in template
        assert any(f in template for f in (":.1%", ":,.0f", ":,.1f", ":+,.0f")), template


def test_figures_are_built_without_dash_or_plotly():
    code = ("import sys, dashboard.figures\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dash', 'plotly')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"
    for path in (ROOT / "dashboard" / "figures").glob("*.py"):
        assert "plotly.express" not in path.read_text(encoding="utf-8"), path


def test_an_unknown_language_is_refused(frames):
    with pytest.raises(ValueError, match="lang"):
        build(frames, "status_trend", "de")


# --- status ----------------------------------------------------------------------------

def test_status_distribution(frames):
    figure = build(frames, "status_distribution")
    assert [t["type"] for t in figure["data"]] == ["bar"] * 3
    assert all(t["orientation"] == "h" for t in figure["data"])
    assert figure["layout"]["barmode"] == "stack"
    # NOW: 3 green, 2 yellow, 1 red of 6 active
    assert [t["x"] for t in figure["data"]] == approx([[0.5], [2 / 6], [1 / 6]])
    assert [t["customdata"] for t in figure["data"]] == [[3], [2], [1]]
    assert trace(figure, "● Grön")["text"] == ["3 (50,0\u00a0%)"]
    assert trace(figure, "▲ Gul")["text"] == ["2 (33,3\u00a0%)"]
    english = build(frames, "status_distribution", "en")
    assert trace(english, "■ Red")["text"] == ["1 (16.7%)"]
    assert figure["layout"]["xaxis"]["tickformat"] == ".0%"
    assert ":.1%" in figure["data"][0]["hovertemplate"]


def test_status_distribution_takes_operations_or_plain_counts(frames):
    ops = operations(frames, Selection(NOW))
    plain = {"green": 3, "yellow": 2, "red": 1}
    assert status_distribution(ops)["data"] == status_distribution(plain)["data"]
    empty = status_distribution({"green": 0, "yellow": 0, "red": 0}, "en")
    assert empty["data"] == []
    assert empty["layout"]["annotations"][0]["text"] == "The selection has no active assignments."


def test_status_trend_figure(frames):
    figure = build(frames, "status_trend")
    assert [t["type"] for t in figure["data"]] == ["bar"] * 3
    green, yellow, red = figure["data"]
    assert green["x"] == [PREV, NOW]
    assert green["y"] == approx([0.5, 0.5])
    assert yellow["y"] == approx([0.25, 2 / 6])
    assert red["y"] == approx([0.25, 1 / 6])
    assert green["customdata"] == [2, 3]
    assert figure["layout"]["xaxis"]["type"] == "category"  # "2018-T1" is not a date
    assert figure["layout"]["yaxis"]["tickformat"] == ".0%"


def test_status_by_department_in_swedish_order_from_the_top(frames):
    df = status_by_group(frames, Selection(NOW), "department")
    shuffled = df.iloc[[3, 1, 0, 2]]  # the figure sorts whatever order it gets
    figure = status_by_group_figure(shuffled, "sv", "department")
    green = figure["data"][0]
    assert green["y"] == [ANALYS, EKONOMI, ATGARD, ARENDE]
    assert green["x"] == approx([2 / 3, 0, 1, 0])
    assert figure["data"][2]["x"] == approx([0, 0, 0, 1])  # red: Ärende's one assignment
    assert figure["layout"]["yaxis"]["autorange"] == "reversed"
    counts = status_by_group_figure(df, "sv", "department", relative=False)
    assert counts["data"][0]["x"] == [2, 0, 1, 0]


def test_status_by_goal_labels(frames):
    figure = build(frames, "status_by_goal")
    labels = figure["data"][0]["meta"]["categories"]  # in full; the axis breaks them
    assert labels == figure["data"][0]["hovertext"]
    assert [label.replace(" <br>", " ") for label in figure["data"][0]["y"]] == labels
    assert labels[0].startswith("Digital service – ")
    assert f"{MM} – Attraktiv arbetsplats" in labels
    assert labels[-1] == "(ej angivet) – (ej angivet)"  # A6 has no result area or goal
    one_area = status_by_group(frames, Selection(NOW), "goal", result_area=MM)
    figure = status_by_group_figure(one_area, "en", "goal")
    assert figure["data"][0]["meta"]["categories"] == ["Attraktiv arbetsplats", "enkla processer"]
    assert figure["layout"]["title"]["text"] == "Status of active assignments by goal"


# --- finance ---------------------------------------------------------------------------

def test_finance_figure_per_department(frames):
    figure = build(frames, "finance")
    assert [t["name"] for t in figure["data"]] == [
        "Budget (helår)", "Utfall (hittills i år)", "Prognos (helår)"]
    budget, outcome, forecast = figure["data"]
    assert budget["y"] == [ANALYS, EKONOMI, "Myndighetsgemensamt"]  # agency-level row last
    assert budget["x"] == [1500.0, 1500.0, 500.0]
    assert outcome["x"] == [500.0, 450.0, 200.0]
    assert forecast["x"] == [1480.0, 1560.0, 500.0]
    assert figure["layout"]["barmode"] == "group"
    assert figure["layout"]["xaxis"]["title"]["text"] == "tkr"
    assert build(frames, "finance", "en")["layout"]["xaxis"]["title"]["text"] == "kSEK"
    assert "tkr" in budget["hovertemplate"] and ":,.0f" in budget["hovertemplate"]


def test_finance_figure_per_category_and_without_rows(frames):
    table = finance(frames, Selection(NOW))["table"]
    figure = finance_figure(table, "sv", "category")
    assert figure["data"][0]["y"] == ["Gemensamt", "Lokaler", "Personal", "Totalt"]
    assert figure["data"][0]["x"] == [500.0, 300.0, 1200.0, 1500.0]
    assert finance_figure(table.iloc[:0], "sv")["data"] == []


def test_finance_trend_figure(frames):
    figure = build(frames, "finance_trend")
    consumption, year_share = figure["data"]
    assert consumption["type"] == year_share["type"] == "scatter"
    assert consumption["x"] == [PREV, NOW]
    assert consumption["y"] == approx([1.005, 1150 / 3500])
    assert year_share["y"] == approx([1.0, 1 / 3])
    assert consumption["line"]["dash"] != year_share["line"]["dash"]
    assert figure["layout"]["yaxis"]["tickformat"] == ".0%"


# --- staff -----------------------------------------------------------------------------

def test_staff_trend_figure(frames):
    figure = build(frames, "staff_trend")
    permanent, temporary = figure["data"]
    assert permanent["x"] == [PREV, NOW]
    assert permanent["y"] == [15, 20] and temporary["y"] == [1, 5]
    assert figure["layout"]["barmode"] == "stack"
    assert [a["text"] for a in figure["layout"]["annotations"]] == ["<b>16</b>", "<b>25</b>"]


def test_staff_change_figure_split_by_type(frames):
    figure = build(frames, "staff_change")
    permanent, temporary, net = figure["data"]
    assert permanent["y"] == ["Analysenheten", "Ekonomienheten", "Ärendeenheten"]
    assert permanent["x"] == [0, 1, None]
    assert temporary["x"] == [2, 0, None]  # "+2, all temporary"
    assert net["x"] == [2, 1, None] and net["text"] == ["+2", "+1", "–"]
    assert figure["layout"]["barmode"] == "relative"


def test_staff_change_figure_from_the_staff_table_and_without_previous_tertial(frames):
    table = staff(frames, Selection(NOW))["table"]
    figure = staff_change_figure(table, "en")
    assert [t["type"] for t in figure["data"]] == ["bar"]
    assert figure["data"][0]["x"] == [2, 1, None]
    first = staff_change_figure(staff_changes(frames, Selection(PREV)), "sv")
    assert first["data"] == []
    assert "föregående tertial" in first["layout"]["title"]["text"]


# --- key figures -----------------------------------------------------------------------

def test_kpi_figure_one_line_per_unit_and_their_own_targets(frames):
    figure = build(frames, "kpi")
    assert figure["layout"]["title"]["text"] == TIME
    assert figure["layout"]["title"]["subtitle"]["text"] == "Lägre är bättre"
    analys, statistik, *targets = figure["data"]
    assert (analys["name"], analys["x"], analys["y"]) == (
        "Analysenheten", [PREV, NOW], [31.0, 28.0])
    assert (statistik["x"], statistik["y"]) == ([NOW], [30.0])
    assert analys["customdata"] == ["▲ Gul", "● Grön"]
    assert [t["y"] for t in targets] == [[30.0, 30.0], [25.0]]  # targets differ in NOW
    assert all(t["line"]["dash"] == "dash" for t in targets)
    assert "dagar" in analys["hovertemplate"]


def test_kpi_figure_agency_view_and_percent(frames):
    agency = kpi_figure(kpi_trend(frames, Selection(NOW), TIME), lang="en")
    value, target = agency["data"]
    assert value["name"] == "The agency" and value["y"] == [36.0, 32.0]
    assert target["name"] == "Target" and target["y"] == [30.0, 30.0]
    assert agency["layout"]["title"]["subtitle"]["text"] == "Lower is better"
    share = build(frames, "kpi_percent")  # values in the unit of measure: 70 means 70 %
    assert share["data"][0]["y"] == [70.0, 72.0]
    assert share["layout"]["yaxis"].get("tickformat", "") != ".0%"
    assert ":.1%" not in share["data"][0]["hovertemplate"]
    assert "}\u00a0%<br>" in share["data"][0]["hovertemplate"]  # the unit after the value


# --- empty figures and tables ----------------------------------------------------------

@pytest.mark.parametrize("message", [None, "Inga data.", {"sv": "Inga data.", "en": "No data."},
                                     ("Inga data.", "No data.")])
def test_empty_figure_says_why(message):
    figure = empty_figure(message, "sv")
    go.Figure(figure)
    assert figure["data"] == []
    text = figure["layout"]["annotations"][0]["text"]
    assert text == figure["layout"]["title"]["text"]
    assert text == ("Det finns inga data för urvalet." if message is None else "Inga data.")


@pytest.mark.parametrize("name", ["status_trend", "staff_trend", "finance_trend", "kpi"])
def test_builders_given_no_data_return_the_empty_figure(frames, name):
    figure = {"status_trend": status_trend_figure, "staff_trend": staff_trend_figure,
              "finance_trend": finance_trend_figure, "kpi": kpi_figure}[name](None, lang="en")
    assert figure["data"] == []
    assert figure["layout"]["title"]["text"] == "There is no data for the selection."


def test_figure_table_gives_the_chart_as_text_in_its_language(frames):
    assert figure_table(build(frames, "status_distribution")) == [{
        "Status": "Aktiva uppdrag", "● Grön": "3 (50,0\u00a0%)", "▲ Gul": "2 (33,3\u00a0%)",
        "■ Röd": "1 (16,7\u00a0%)"}]
    finance_rows = figure_table(build(frames, "finance", "en"))
    assert finance_rows[0] == {"Department": ANALYS, "Budget (full year)": "1,500",
                               "Outcome (year to date)": "500",
                               "Forecast (full year)": "1,480"}
    kpi_rows = figure_table(build(frames, "kpi"))
    assert kpi_rows[0]["Tertial"] == PREV
    assert kpi_rows[0]["Statistikenheten"] == "–"  # no value in PREV
    assert kpi_rows[1]["Analysenheten"] == "28,0\u00a0dagar"
    assert figure_table(empty_figure()) == []
