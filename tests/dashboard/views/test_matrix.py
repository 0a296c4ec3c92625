"""The department matrix in words: what a reader sees in each cell, in both languages, and
where each cell leads."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.kpis.matrix import department_matrix
from dashboard.state.address import SHOW, SHOW_CURRENT, ViewState
from dashboard.views.matrix import matrix_view
from tests.dashboard.kpis.test_matrix import frames  # noqa: F401 (the fixture)
from tests.dashboard.kpis.test_trends import ANALYS, ATGARD, EKONOMI, NOW, PREV


def cells_of(view, department: str) -> dict:
    row = next(r for r in view.rows if r.department == department)
    return {c.perspective: c for c in row.cells}


def test_swedish_cells_say_status_figure_and_change(frames):  # noqa: F811
    view = matrix_view(department_matrix(frames, NOW), ViewState(period=NOW), PREV)
    assert view.headers == ("Avdelning", "Verksamhet", "Ekonomi", "Medarbetare", "Processer")
    assert view.caption == f"Status per avdelning och perspektiv, {NOW}"
    analys = cells_of(view, ANALYS)
    ops = analys["operations"]
    assert (ops.status, ops.status_text, ops.figure, ops.value) == (
        "red", "■ Röd", "Andel gröna", "66,7\u00a0%")
    assert (ops.arrow, ops.change) == ("↑", "+16,7\u00a0p.e.")
    assert ops.change_title == f"Förändring sedan {PREV}: +16,7 procentenheter"
    assert analys["staff"].figure == "Personalomsättning"
    assert analys["staff"].change == "\u22122,0\u00a0p.e."  # the true minus sign
    assert analys["staff"].arrow == "↓"
    assert analys["processes"].value == "1 av 2"
    assert analys["processes"].change == "+1"
    # a deviation keeps its sign; no change across the turn of a year
    fin = cells_of(view, EKONOMI)["finance"]
    assert (fin.value, fin.change, fin.arrow) == ("+4,0\u00a0%", "", "")
    assert fin.change_title == "Ingen jämförelse med förra tertialen"
    assert cells_of(view, EKONOMI)["staff"].value == "Visas inte (högst 10 personer)"
    assert cells_of(view, EKONOMI)["operations"].arrow == "→"  # 0 % then and now
    assert cells_of(view, ATGARD)["processes"].value == "Inga nyckeltal för avdelningen"


def test_english_cells(frames):  # noqa: F811
    view = matrix_view(department_matrix(frames, NOW), ViewState(period=NOW, lang="en"), PREV)
    ops = cells_of(view, ANALYS)["operations"]
    assert (ops.status_text, ops.figure, ops.value, ops.change) == (
        "■ Red", "Green share", "66.7%", "+16.7\u00a0pp")
    assert cells_of(view, ANALYS)["processes"].value == "1 of 2"
    assert cells_of(view, EKONOMI)["staff"].value == "Not shown (10 persons or fewer)"
    assert "pp = percentage points" in view.intro


@pytest.mark.parametrize("perspective, path", [
    ("operations", "/verksamhet"), ("finance", "/ekonomi"), ("staff", "/medarbetare"),
    ("processes", "/processer")])
def test_every_cell_links_to_the_departments_page_in_the_same_view(frames, perspective,  # noqa: F811
                                                                   path):
    state = ViewState(period=NOW, lang="en", page=(("enkat", "x"), (SHOW, SHOW_CURRENT)))
    view = matrix_view(department_matrix(frames, NOW), state, PREV)
    link = urlsplit(cells_of(view, ATGARD)[perspective].href)
    assert link.path == path
    # the tertial, the language and today's data kept; the survey's choice is not
    assert parse_qs(link.query) == {"period": [NOW], "avdelning": [ATGARD], "lang": ["en"],
                                    SHOW: [SHOW_CURRENT]}


def test_without_a_previous_tertial_the_intro_says_so(frames):  # noqa: F811
    view = matrix_view(department_matrix(frames, PREV), ViewState(period=PREV), None)
    assert "ingen tidigare tertial" in view.intro
    assert all(c.change == "" for r in view.rows for c in r.cells)
