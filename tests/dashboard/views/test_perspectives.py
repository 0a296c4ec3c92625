"""Ekonomi, Medarbetare and Processer as data: the component trees one builder lays out.

The pages are built from the demo data in a real SQLite store, through the same
``perspective_layout`` a Dash page calls (inside a Flask app context, no browser), and from the
small hand-made frames of ``test_trends.py``. The expected figures come from
``dashboard.kpis`` and are written with ``dashboard.text.formatting`` as a reader sees them.
"""

from __future__ import annotations

from collections.abc import Iterator

import flask
import pytest
from dash import dcc, html

from dashboard.components.perspective import perspective_layout, perspective_view
from dashboard.figures import figure_table
from dashboard.figures.style import LINE_BREAK
from dashboard.kpis import Selection, finance, processes, staff
from dashboard.state.address import ViewState
from dashboard.text import formatting as fmt
from dashboard.views.perspectives import (
    FINANCE,
    PERSPECTIVES,
    PROCESSES,
    SMALL_GROUP_LIMIT,
    STAFF,
    rates_may_be_shown,
)
from dashboard.web import auth
from dashboard.web.context import AppContext, install
from loaders.demo.load import load_demo
from loaders.settings import load_settings
from loaders.store.store import Store
from tests.dashboard.kpis.test_trends import ANALYS, NOW, small_frames
from tests.servers import LOCAL

STORY = "2018-T2"
SMALL_UNIT = "Enheten för öppna data"  # 9 persons in the demo's latest tertial
DIGITAL = "Avdelningen för digital service"  # the department with key figures per unit


# --- walking the component tree -------------------------------------------------------------

def walk(component) -> Iterator:
    yield component
    children = getattr(component, "children", None)
    if children is None or isinstance(children, str | int | float):
        return
    for child in children if isinstance(children, list | tuple) else [children]:
        yield from walk(child)


def find(tree, kind) -> list:
    return [c for c in walk(tree) if isinstance(c, kind)]


def text_of(component) -> str:
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    if children is None:
        return ""
    if isinstance(children, list | tuple):
        return "".join(text_of(c) for c in children)
    return text_of(children)


def headlines(tree) -> dict[str, str]:
    """label -> value of every headline figure on the page's cards."""
    figures = {}
    for section in find(tree, html.Section):
        for row in find(section, html.Div):
            if row.className == "figure":
                dt, dd = row.children
                figures[text_of(dt)] = text_of(dd)
    return figures


def card_rows(tree) -> list[list[tuple[str, str]]]:
    """(label, value) rows of each card."""
    return [[(text_of(row.children[0]), text_of(row.children[1]))
             for row in find(section, html.Div) if row.className == "figure"]
            for section in find(tree, html.Section)]


def card_titles(tree) -> list[str]:
    return [text_of(find(s, html.H2)[0]) for s in find(tree, html.Section)]


def card_statuses(tree) -> list[str]:
    """The status class of every card ("green", "red", "none", ...)."""
    return [p.className.split()[1] for p in find(tree, html.P)
            if (p.className or "").startswith("status ")]


def notes(tree) -> list[str]:
    return [text_of(p) for p in find(tree, html.P) if p.className == "note"]


# --- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[flask.Flask]:
    """A Flask server with Tertial's context on a real SQLite store holding the demo."""
    settings = load_settings({"data_dir": str(tmp_path_factory.mktemp("pages"))}, environ={})
    store = Store(settings.resolved_database_url)
    load_demo(store, settings)
    server = flask.Flask(__name__)
    install(server, AppContext.of(settings, store))
    auth.install(server, settings)
    yield server
    store.close()


def page(server: flask.Flask, spec, **params: str):
    with server.test_request_context(environ_base=LOCAL):  # the local user
        return perspective_layout(spec)(**params)


def demo_frames(server: flask.Flask) -> dict:
    with server.app_context():
        return flask.current_app.extensions["tertial"].frames.current().frames


# --- the small-group rule ---------------------------------------------------------------------

def test_sick_leave_and_turnover_need_more_than_ten_persons():
    assert SMALL_GROUP_LIMIT == 10
    assert [rates_may_be_shown(n) for n in (0, 9, 10, 11, 736)] == [
        False, False, False, True, True]
    assert rates_may_be_shown(None) is False


# --- Ekonomi ----------------------------------------------------------------------------------

def test_finance_page_shows_the_finance_figures_for_the_department(demo):
    tree = page(demo, FINANCE, avdelning="IT-avdelningen")
    fin = finance(demo_frames(demo), Selection(STORY, "IT-avdelningen"))
    money = f"{fmt.NBSP}tkr"
    assert text_of(find(tree, html.H1)[0]) == f"Ekonomi {STORY}"
    assert headlines(tree) == {
        "Budget (helår)": fmt.number(fin["budget"]) + money,
        "Utfall hittills i år": fmt.number(fin["outcome"]) + money,
        "Förbrukningsgrad": fmt.percent(fin["consumption"]),
        "Andel av året": fmt.percent(fin["year_share"]),
        "Prognos (helår)": fmt.number(fin["forecast"]) + money,
        "Prognosavvikelse": fmt.percent(fin["forecast_deviation"], sign=True),
        # the forecast against the previous forecast, which the demo's rows carry
        "Prognos mot förra prognosen": fmt.change(fin["forecast_vs_previous"]) + money,
    }
    assert fin["forecast_vs_previous"] == fin["forecast"] - fin["previous_forecast"]
    statuses = [text_of(p) for p in find(tree, html.P) if "status" in (p.className or "")]
    assert {"● Grön": "green", "▲ Gul": "yellow", "■ Röd": "red"}.get(statuses[1]) == \
        fin["status"]
    titles = [f.to_plotly_json()["props"]["aria-label"] for f in find(tree, html.Figure)]
    assert titles == ["Budget, utfall och prognos per enhet",
                      "Budget, utfall och prognos per kostnadsslag",
                      "Förbrukningsgrad mot andel av året"]


def test_finance_page_breaks_down_by_department_for_the_agency_and_says_what_is_missing():
    frames = small_frames()
    frames["finance"].loc[frames["finance"]["unit"].eq("Ekonomienheten"), "forecast"] = None
    tree = perspective_view(FINANCE, ViewState(NOW), frames)
    labels = [f.to_plotly_json()["props"]["aria-label"] for f in find(tree, html.Figure)]
    assert labels[0] == "Budget, utfall och prognos per avdelning"
    assert any(n.startswith("Prognos saknas för 1 enheter: Ekonomienheten.")
               for n in notes(tree))


# --- Medarbetare ------------------------------------------------------------------------------

def test_staff_page_shows_headcount_fte_and_rates_for_a_large_selection(demo):
    tree = page(demo, STAFF, avdelning="IT-avdelningen")
    fig = staff(demo_frames(demo), Selection(STORY, "IT-avdelningen"))
    assert headlines(tree) == {
        "Anställda": fmt.number(fig["headcount"]),
        "Förändring sedan förra tertialen": fmt.change(fig["headcount_change"]),
        "varav tillsvidareanställda": fmt.change(fig["permanent_change"]),
        "varav tidsbegränsat anställda": fmt.change(fig["temporary_change"]),
        "Årsarbetskrafter": fmt.number(fig["fte"], 1),
        "Sjukfrånvaro": fmt.percent(fig["sick_leave"]),
        "Sjukfrånvaro mot målet": "● Grön (mål högst 4,5\u00a0%)",
        "Personalomsättning": fmt.percent(fig["turnover"]),
        "Personalomsättning mot målet": "● Grön (mål högst 8\u00a0%)",
    }
    assert notes(tree) == []


@pytest.mark.parametrize("lang, label, shown", [
    ("sv", "Personalomsättning mot målet", "■ Röd (mål högst 8\u00a0%)"),
    ("en", "Staff turnover against the target", "■ Red (target at most 8%)"),
])
def test_staff_page_reads_the_rates_against_the_targets_of_the_nyckeltal_sheet(demo, lang,
                                                                              label, shown):
    """The demo's Nyckeltal sheet sets sick leave at most 4,5 % and turnover at most 8 %;
    Analysavdelningen's turnover (11,2 %) is more than 10 % over: red, and so is the card."""
    fig = staff(demo_frames(demo), Selection(STORY, "Analysavdelningen"))
    assert (fig["turnover_target"], fig["turnover_direction"]) == (0.08, "lower")
    assert fig["turnover"] > 0.08 * 1.1 and fig["turnover_status"] == "red"
    assert fig["sick_leave_status"] == "green"
    tree = page(demo, STAFF, avdelning="Analysavdelningen", lang=lang)
    assert headlines(tree)[label] == shown
    assert "red" in card_statuses(tree)


@pytest.mark.parametrize("lang, hidden, why", [
    ("sv", ("Sjukfrånvaro", "Personalomsättning"), "10 anställda eller färre"),
    ("en", ("Sick leave", "Staff turnover"), "10 employees or fewer"),
])
def test_staff_page_hides_sick_leave_and_turnover_for_ten_persons_or_fewer(demo, lang, hidden,
                                                                            why):
    tree = page(demo, STAFF, enhet=SMALL_UNIT, lang=lang)
    fig = staff(demo_frames(demo), Selection(STORY, unit=SMALL_UNIT))
    assert fig["headcount"] <= SMALL_GROUP_LIMIT and fig["sick_leave"] is not None
    shown = headlines(tree)
    assert not {h for h in shown for word in hidden if h.startswith(word)}  # no rate, no status
    assert fmt.percent(fig["sick_leave"], lang=lang) not in shown.values()
    assert shown[{"sv": "Anställda", "en": "Employees"}[lang]] == fmt.number(fig["headcount"])
    assert any(why in n for n in notes(tree))


# --- Processer --------------------------------------------------------------------------------

def test_processes_page_has_one_card_and_one_trend_per_key_figure(demo):
    tree = page(demo, PROCESSES)
    kpis = processes(demo_frames(demo), Selection(STORY))
    assert kpis
    assert card_titles(tree) == [k["kpi"] for k in kpis]
    words = {"green": "● Grön", "yellow": "▲ Gul", "red": "■ Röd", None: "–"}
    statuses = [text_of(p) for p in find(tree, html.P) if "status" in (p.className or "")]
    assert statuses == [words[k["status"]] for k in kpis]
    assert card_rows(tree)[0] == [
        ("Utfall", fmt.with_unit(kpis[0]["value"], kpis[0]["unit_of_measure"])),
        ("Mål", fmt.with_unit(kpis[0]["target"], kpis[0]["unit_of_measure"]))]
    labels = [f.to_plotly_json()["props"]["aria-label"] for f in find(tree, html.Figure)]
    assert labels == list(dict.fromkeys(k["kpi"] for k in kpis))


def test_processes_page_says_when_the_selection_has_no_key_figures(demo):
    tree = page(demo, PROCESSES, avdelning="IT-avdelningen", lang="en")
    assert find(tree, html.Figure) == []
    assert notes(tree) == ["The selection has no key figures for the tertial."]


def test_processes_page_shows_each_unit_of_a_department_with_its_own_status():
    tree = perspective_view(PROCESSES, ViewState(NOW, ANALYS), small_frames())
    assert card_titles(tree) == ["Handläggningstid – Analysenheten",
                                 "Handläggningstid – Statistikenheten"]
    assert any("aldrig samman" in n for n in notes(tree))


# --- every page -------------------------------------------------------------------------------

@pytest.mark.parametrize("spec, department", [
    (FINANCE, "IT-avdelningen"), (STAFF, "IT-avdelningen"), (PROCESSES, DIGITAL)],
    ids=lambda s: getattr(s, "path", s))
def test_every_chart_has_a_title_and_a_table_alternative(demo, spec, department):
    tree = page(demo, spec, avdelning=department)
    blocks = [d for d in find(tree, html.Div) if d.className == "chart-block"]
    assert blocks
    for block in blocks:
        figure_element, details = block.children
        graph = figure_element.children
        figure = graph.figure
        # a long title is drawn in lines that fit a phone (components.graph.fit_title)
        title = figure["layout"]["title"]["text"].replace(LINE_BREAK, " ")
        assert title and figure_element.to_plotly_json()["props"]["aria-label"] == title
        assert isinstance(graph, dcc.Graph) and isinstance(details, html.Details)
        assert text_of(find(details, html.Summary)[0]) == "Visa som tabell"
        rows = figure_table(figure)
        body = find(details, html.Tbody)[0]
        assert [[text_of(cell) for cell in tr.children] for tr in body.children] == [
            list(row.values()) for row in rows]


@pytest.mark.parametrize("spec, heading, label", [
    (FINANCE, "Finance", "Forecast deviation"),
    (STAFF, "Staff", "Full-time equivalents"),
    (PROCESSES, "Processes", "Target"),
])
def test_english_page_has_english_labels(demo, spec, heading, label):
    tree = page(demo, spec, lang="en")
    assert tree.lang == "en"
    assert text_of(find(tree, html.H1)[0]) == f"{heading} {STORY}"
    assert text_of(find(tree, html.P)[0]) == "Whole agency"
    assert label in headlines(tree)
    assert {text_of(s) for s in find(tree, html.Summary)} == {"Show as table"}


@pytest.mark.parametrize("spec", PERSPECTIVES, ids=lambda s: s.path)
def test_without_data_every_page_says_how_to_load_it(spec):
    tree = perspective_view(spec, ViewState(None, lang="en"), {})
    assert text_of(find(tree, html.H1)[0]) == "No data yet"
    assert "tertial demo" in text_of(find(tree, html.P)[0])
