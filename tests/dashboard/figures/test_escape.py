"""Workbook text in the figures: drawn by plotly as typed, never as its markup or templates.

Plotly draws <b>, <i>, <br>, <a href> and <span style> in every text of a figure, decodes HTML
entities and fills %{...} in titles, trace names and hover templates (the browser test
``tests/browser/test_hostile_text.py`` shows it on the page). The figures hold workbook text
escaped (:func:`plotly_text`) and the chart's table and name give it back as typed.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.figures import (
    figure_table,
    figure_title,
    finance_figure,
    kpi_figure,
    page_text,
    plotly_text,
    staff_change_figure,
    status_by_group_figure,
)
from dashboard.figures.style import LINE_BREAK
from dashboard.kpis import Selection, finance, kpi_trend, staff_changes, status_by_group
from tests.dashboard.kpis.test_trends import ANALYS, MM, NOW, TIME, small_frames

HOSTILE_UNIT = "<b onmouseover=alert(1)>Analys</b> %{x}"
HOSTILE_DEPARTMENT = "<script>alert(1)</script>"
HOSTILE_CATEGORY = '<a href="https://evil.example/">Personal</a>'
HOSTILE_KPI = "<i>Tid</i><br>%{meta[0]}"
HOSTILE_MEASURE = "<sup>dagar</sup>"
HOSTILE_AREA = "<span style='font-size:80px'>Modern</span>"
AMPERSAND = "Ekonomi & HR"
RENAMED = {"Analysenheten": HOSTILE_UNIT, ANALYS: HOSTILE_DEPARTMENT,
           "Personal": HOSTILE_CATEGORY, TIME: HOSTILE_KPI, "dagar": HOSTILE_MEASURE,
           MM: HOSTILE_AREA, "Ekonomienheten": AMPERSAND}
MARKUP = ("<", ">", "%{")


@pytest.mark.parametrize(("typed", "escaped"), [
    ("<b>fet</b>", "&lt;b&gt;fet&lt;/b&gt;"),
    ('<a href="javascript:x()">x</a>', '&lt;a href="javascript:x()"&gt;x&lt;/a&gt;'),
    ("Ekonomi & HR", "Ekonomi &amp; HR"),
    ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),  # an entity typed in a cell stays as typed
    ("Enheten %{x}", "Enheten &#37;{x}"),
    ("Andel 100 %", "Andel 100 %"),
    ("Årsarbetskrafter, ärenden och öppna data", "Årsarbetskrafter, ärenden och öppna data"),
    ("{{7*7}}", "{{7*7}}"),
    ('=HYPERLINK("http://evil","x")', '=HYPERLINK("http://evil","x")'),
    ("", ""),
])
def test_plotly_text_escapes_markup_entities_and_templates_only(typed, escaped):
    assert plotly_text(typed) == escaped
    assert page_text(escaped) == typed


@pytest.mark.parametrize("value", [None, 12, 1.5, ["<b>"]])
def test_what_is_not_a_text_passes_unchanged(value):
    assert plotly_text(value) is value
    assert page_text(value) is value


@given(st.text())
def test_the_page_gets_back_exactly_what_was_typed(typed):
    escaped = plotly_text(typed)
    assert page_text(escaped) == typed
    assert not any(mark in escaped for mark in MARKUP)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    """The small frames of test_trends with a unit, a department, a cost category, a key
    figure, its unit of measure and a result area renamed to markup (one unit to "&")."""
    return {name: frame.replace(RENAMED) for name, frame in small_frames().items()}


def _drawn_texts(figure: dict) -> list[str]:
    """Every text plotly draws from the figure's data: title, axis titles, categories,
    trace names and texts (not the hover templates, which hold the figure's own <b>, <br>),
    without the figure's own line breaks in long labels (:data:`LINE_BREAK`)."""
    layout = figure["layout"]
    texts = [layout["title"]["text"]]
    texts += [layout[a]["title"]["text"] for a in ("xaxis", "yaxis") if "title" in layout[a]]
    for trace in figure["data"]:
        texts += [trace.get("name") or ""] + list(trace.get("text") or [])
        texts += [v for v in list(trace.get("x") or []) + list(trace.get("y") or [])
                  if isinstance(v, str)]
    return [t.replace(LINE_BREAK, " ") for t in texts if isinstance(t, str)]


def _figures(frames) -> dict[str, dict]:
    now, analys = Selection(NOW), Selection(NOW, department=HOSTILE_DEPARTMENT)
    return {
        "status_by_department": status_by_group_figure(
            status_by_group(frames, now, "department"), "sv", "department"),
        "status_by_unit": status_by_group_figure(
            status_by_group(frames, analys, "unit"), "en", "unit"),
        "status_by_goal": status_by_group_figure(
            status_by_group(frames, now, "goal"), "sv", "goal"),
        "finance_by_unit": finance_figure(finance(frames, now)["table"], "sv", "unit"),
        "finance_by_category": finance_figure(finance(frames, now)["table"], "en",
                                              "category"),
        "staff_change": staff_change_figure(staff_changes(frames, now), "sv"),
        "kpi": kpi_figure(kpi_trend(frames, analys, HOSTILE_KPI), lang="sv"),
    }


@pytest.mark.parametrize("name", ["status_by_department", "status_by_unit", "status_by_goal",
                                  "finance_by_unit", "finance_by_category", "staff_change",
                                  "kpi"])
def test_no_figure_gives_plotly_workbook_markup_to_draw(frames, name):
    figure = _figures(frames)[name]
    assert figure["data"], name
    drawn = _drawn_texts(figure)
    assert not [t for t in drawn if any(mark in t for mark in MARKUP)]
    hover = " ".join(trace.get("hovertemplate", "") for trace in figure["data"])
    assert not [v for v in RENAMED.values() if v in hover]


def _table_texts(figure: dict) -> set[str]:
    rows = figure_table(figure)
    return {str(v) for row in rows for v in row.values()} | {h for row in rows for h in row}


@pytest.mark.parametrize(("name", "shown"), [
    ("status_by_department", {HOSTILE_DEPARTMENT}),
    ("status_by_unit", {HOSTILE_UNIT}),
    ("status_by_goal", {f"{HOSTILE_AREA} – Attraktiv arbetsplats"}),
    ("finance_by_unit", {HOSTILE_UNIT, AMPERSAND}),
    ("finance_by_category", {HOSTILE_CATEGORY}),
    ("staff_change", {HOSTILE_UNIT, AMPERSAND}),
    ("kpi", {HOSTILE_UNIT, "28,0\u00a0" + HOSTILE_MEASURE}),
])
def test_the_chart_table_shows_the_workbook_text_as_typed(frames, name, shown):
    assert shown <= _table_texts(_figures(frames)[name])


def test_the_key_figure_chart_is_named_by_the_key_figure_as_typed(frames):
    figure = _figures(frames)["kpi"]
    assert figure_title(figure) == HOSTILE_KPI
    assert page_text(figure["layout"]["yaxis"]["title"]["text"]) == HOSTILE_MEASURE
    legend = [page_text(trace["name"]) for trace in figure["data"]]
    assert HOSTILE_UNIT in legend and f"Mål – {HOSTILE_UNIT}" in legend


def test_ordinary_text_is_untouched_in_the_figure(frames):
    """Names without markup are drawn as they are: "&" is plotly's "&amp;", which it draws as
    "&"; å, ä, ö and a plain "%" are left alone."""
    figure = _figures(frames)["finance_by_unit"]
    assert "Ekonomi &amp; HR" in figure["data"][0]["y"]
    assert "Statistikenheten" not in figure["data"][0]["y"]  # no finance rows: not shown
    status = _figures(frames)["status_by_department"]
    assert "Åtgärdsavdelningen" in status["data"][0]["y"]
