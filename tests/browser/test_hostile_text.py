"""Hostile text from a workbook, in a real browser: shown as text everywhere, never run.

The app serves the demo agency with script, markup, link, formula and template strings in
its department, unit, result area, goal, assignment, comment, cost category, key figure and
unit-of-measure names, imported under hostile file names (``tests/hostile_text.py``). Every
page is visited in Swedish and English, the hostile department and unit are chosen in the
filters, the charts are hovered, the assignment grid and a comment are opened, and a hostile
workbook is uploaded. Each time: ``window.__pwned`` is never set, no dialog opens, no element
carries an event-handler attribute or a ``javascript:`` link, plotly draws no bold or link
from the names, the console stays clean (``conftest.fail_on_browser_errors``), and the names
read exactly as typed. The check report's workbook starts no cell with a formula character,
and the history's original file comes back byte for byte.

This module serves its own app (on its own data folder) so the shared demo stays as it is.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import openpyxl
import pytest
from playwright.sync_api import Dialog, Locator, Page, expect

from dashboard import ids
from loaders.xlsx_write import FORMULA_STARTS
from tests.browser.conftest import LiveServer, serve_in_thread
from tests.browser.test_upload_page import CHECK_MS, choose
from tests.demo_store import assignment_rows
from tests.hostile_text import (
    AMPERSAND,
    BOLD,
    CATEGORIES,
    FILE_NAMES,
    FORMULA,
    HOSTILE,
    HOVER_TEMPLATE,
    IMG,
    IMG_UNITS,
    JS_LINK,
    KEY_FIGURES,
    SCRIPT,
    SVG,
    TEMPLATE,
    hostile_assignment_ids,
    hostile_demo,
    seed_hostile_database,
    text_workbook,
    workbook_bytes,
)

pytestmark = pytest.mark.browser

RENDER_MS = 30_000
STORY = "2018-T2"
PAGES = ("/", "/verksamhet", "/regeringsuppdrag", "/ekonomi", "/medarbetare", "/processer",
         "/historik", "/ladda-upp", "/format", "/tillganglighet")
LANGS = ("sv", "en")
# what each page must show as typed, for the whole agency
SHOWN: dict[str, tuple[str, ...]] = {
    "/": (f"{IMG}.xlsx",),
    "/verksamhet": (IMG, SVG, AMPERSAND, BOLD),
    "/regeringsuppdrag": (IMG, SVG, AMPERSAND),
    "/ekonomi": (IMG, SVG, AMPERSAND, CATEGORIES["Övrigt"], CATEGORIES["Lokaler"]),
    "/medarbetare": (IMG, SVG, AMPERSAND),
    "/processer": tuple(name for figure in KEY_FIGURES.values() for name in figure),
    "/historik": tuple(FILE_NAMES.values()),
}
IDLE = """() => !document.querySelector('[data-dash-is-loading="true"]')
    && [...document.querySelectorAll('.dash-graph')].every(g => g.querySelector('.main-svg'))"""
# Anything the hostile text would have made if it had been taken for markup
MARKUP_FOUND = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) {
            const value = el.getAttribute(attr) || '';
            if (attr.startsWith('on')) found.push(el.localName + ' ' + attr);
            if (/^\\s*javascript:/i.test(value)) found.push(el.localName + ' ' + value);
        }
    }
    document.querySelectorAll('img[src="x"], svg svg, iframe').forEach(
        el => found.push('element ' + el.localName));
    // Dash's own JSON (its config holds the first layout) is data; any other script is code
    document.querySelectorAll('script:not([type="application/json"])').forEach(el => {
        if (el.textContent.includes('__pwned')) found.push('script ' + el.textContent);
    });
    document.querySelectorAll('.js-plotly-plot a').forEach(
        el => found.push('plotly link ' + el.textContent));
    document.querySelectorAll('.js-plotly-plot tspan[style*="bold"]').forEach(el => {
        if (el.textContent === 'fet') found.push('plotly bold ' + el.textContent);
    });
    return found;
}"""
CENTRE = "el => el.scrollIntoView({block: 'center', inline: 'nearest'})"
SIZE = "el => { const box = el.getBBox(); return Math.min(box.width, box.height); }"
MIN_POINT_PX = 1
HOVER_LIMIT = 40  # points hovered per chart: every bar of a department view, every tertial


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``app.py`` on a data folder that holds the hostile demo, served from a thread."""
    data_dir = tmp_path_factory.mktemp("hostile") / "data"
    seed_hostile_database(data_dir)
    with serve_in_thread(data_dir, "tertial-hostile-server") as served:
        yield served


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Messages of every dialog (alert, confirm, prompt) the page opens; each is dismissed."""
    opened: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


def address(server: LiveServer, path: str, lang: str, **params: str) -> str:
    query = {**params, **({"lang": "en"} if lang == "en" else {})}
    return f"{server.url}{path}" + (f"?{urlencode(query)}" if query else "")


def settle(page: Page) -> None:
    """The page drawn: its heading shown, no callback running, every chart drawn."""
    expect(page.locator("h1").first).to_be_visible(timeout=RENDER_MS)
    page.wait_for_function(IDLE, timeout=RENDER_MS)


def follow(page: Page, path: str) -> None:
    """Click the navigation's link to ``path`` and settle on the page it opens: until the
    router has answered, the page shown is the one before (same scope line, same kind of
    charts), and a chart found on it would be replaced under the mouse."""
    heading = page.locator(f"#{ids.CONTENT} h1").first
    before = heading.text_content()
    query = urlsplit(page.url).query  # the link of this address (the navigation is made again
    link = f"{path}?{query}" if query else path  # for each address: never the one before)
    page.locator(f"#{ids.NAV} a[href='{link}']").click()
    page.wait_for_url(re.compile(f"^[^?]*//[^/]+{re.escape(path)}(\\?|$)"), timeout=RENDER_MS)
    expect(heading).not_to_have_text(before, timeout=RENDER_MS)
    settle(page)


def shows(page: Page, names: tuple[str, ...]) -> None:
    """Wait until the page's text holds every name (a table's rows may come by a callback
    that starts only after the heading is drawn, when nothing is loading yet); the check
    that they are shown as text follows; a name drawn in a chart counts as it is now, hover
    labels included."""
    for name in names:
        if not any(name in text for text in page.locator(".js-plotly-plot text")
                   .all_text_contents()):
            expect(page.locator("body")).to_contain_text(name, timeout=RENDER_MS)


def expect_harmless(page: Page, dialogs: list[str]) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined", page.url
    assert dialogs == [], page.url
    assert page.evaluate(MARKUP_FOUND) == [], page.url


def shown_text(page: Page) -> str:
    """What the page shows: its text, and the text drawn in its charts (SVG has no
    innerText), hover labels included."""
    return page.locator("body").inner_text() + "\n" + "\n".join(
        page.locator(".js-plotly-plot text").all_text_contents())


def hover(page: Page, target: Locator, x: float | None = None,
          inside: Locator | None = None) -> None:
    """Move the mouse off every chart (until plotly has taken its hover labels away: its
    "unhover" waits for a pending hover, and would take the next label away too), then onto
    ``target`` (at ``x`` if given), scrolled to the middle of the window so that the page's
    header covers nothing. With ``inside`` (a chart's plot area) the point is kept a pixel
    within it: a bar of 1-2 px at the top of a 100 % stack lies on the plot's edge, where a
    mouse at a fractional pixel can land just outside and plotly shows nothing."""
    target.evaluate(CENTRE)
    page.mouse.move(0, 0)
    expect(page.locator(".hoverlayer text")).to_have_count(0)
    box = target.bounding_box()
    assert box is not None
    at_x = box["x"] + box["width"] / 2 if x is None else x
    at_y = box["y"] + box["height"] / 2
    area = inside.bounding_box() if inside is not None else None
    if area is not None:
        at_x = min(max(at_x, area["x"] + 1), area["x"] + area["width"] - 1)
        at_y = min(max(at_y, area["y"] + 1), area["y"] + area["height"] - 1)
    page.mouse.move(at_x, at_y)


def drawn(point: Locator) -> bool:
    """A point with an area (a bar of 0 % is drawn as a line, and plotly labels none)."""
    return point.evaluate(SIZE) >= MIN_POINT_PX


def hover_charts(page: Page) -> None:
    """Hover the points (bars, markers) of every chart, each until plotly shows its label."""
    for number, chart in enumerate(page.locator(".js-plotly-plot").all()):
        label = chart.locator(".hoverlayer text")
        points = chart.locator(".cartesianlayer .point").all()[:HOVER_LIMIT]
        for index, point in enumerate(points):
            if drawn(point):
                hover(page, point, inside=chart.locator(".nsewdrag").first)
                expect(label.first, f"{page.url}: chart {number}, point {index}").to_be_visible()


def hover_category(chart: Locator, name: str) -> Locator:
    """Hover the bars of the category ``name`` (a tick label) near their start; the label."""
    tick = chart.locator(".ytick text").filter(has_text=re.compile(f"^{re.escape(name)}$"))
    plot = chart.locator(".nsewdrag").first.bounding_box()
    assert plot is not None
    hover(chart.page, tick, x=plot["x"] + 4)
    return chart.locator(".hoverlayer")


def hover_point(chart: Locator, trace: int) -> Locator:
    """Hover the first point of a chart's trace; the label."""
    hover(chart.page, chart.locator(".scatterlayer .trace").nth(trace).locator(".point").first)
    return chart.locator(".hoverlayer")


def choose_option(page: Page, component_id: str, name: str) -> None:
    """Open a filter's list and pick ``name`` (as typed) from it."""
    page.locator(f"input#{component_id}").click()
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    listbox.get_by_role("option", name=name, exact=True).click()


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_shows_the_hostile_names_as_text(page: Page, hostile_server, dialogs,
                                                    lang):
    for path in PAGES:
        page.goto(address(hostile_server, path, lang))
        settle(page)
        hover_charts(page)
        shows(page, SHOWN.get(path, ()))
        expect_harmless(page, dialogs)  # with every hostile name on the page
        shown = shown_text(page)
        missing = [name for name in SHOWN.get(path, ()) if name not in shown]
        assert not missing, f"{path} does not show {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_hostile_department_and_unit_chosen_in_the_filters(page: Page, hostile_server,
                                                               dialogs, lang, screenshot):
    page.goto(address(hostile_server, "/ekonomi", lang))
    settle(page)
    choose_option(page, ids.DEPARTMENT, IMG)
    expect(page.locator("div.page p.scope")).to_have_text(IMG, timeout=RENDER_MS)
    settle(page)
    by_unit = page.locator(".js-plotly-plot").filter(has_text=HOVER_TEMPLATE).first
    labels = by_unit.locator(".ytick text").all_text_contents()
    assert set(IMG_UNITS) <= set(labels)  # budget per unit: every unit as typed
    for name in IMG_UNITS:
        expect(hover_category(by_unit, name)).to_contain_text(name)
        expect_harmless(page, dialogs)
    hover_charts(page)
    expect_harmless(page, dialogs)
    screenshot(page, f"hostile-finance-{lang}")

    follow(page, "/processer")
    per_unit = page.locator(".js-plotly-plot").filter(has_text=SCRIPT).first
    legend = per_unit.locator(".legendtext").all_text_contents()
    assert HOVER_TEMPLATE in legend and SCRIPT in legend  # a line per unit, named as typed
    label = hover_point(per_unit, legend.index(HOVER_TEMPLATE))
    expect(label).to_contain_text(HOVER_TEMPLATE)  # %{x} shown, not filled in
    expect(label).to_contain_text(BOLD)  # the unit of measure after the value
    hover_charts(page)
    expect_harmless(page, dialogs)
    screenshot(page, f"hostile-processes-{lang}")

    choose_option(page, ids.UNIT, SCRIPT)
    expect(page.locator("div.page p.scope")).to_have_text(SCRIPT, timeout=RENDER_MS)
    for path in ("/", "/verksamhet", "/ekonomi", "/medarbetare", "/processer"):
        follow(page, path)
        expect(page.locator("div.page p.scope")).to_have_text(SCRIPT)
        hover_charts(page)
        expect_harmless(page, dialogs)


@pytest.mark.parametrize("lang", LANGS)
def test_assignment_names_and_comments_in_the_grid_read_as_typed(page: Page, hostile_server,
                                                                 dialogs, lang):
    named = hostile_assignment_ids(hostile_demo())
    page.goto(address(hostile_server, "/verksamhet", lang, avdelning=IMG))
    settle(page)
    grid = page.locator(f"#{ids.OPERATIONS_GRID}")
    grid.scroll_into_view_if_needed()
    page.locator(f"#{ids.OPERATIONS_QUICK_FILTER}").fill(named[0])
    row = grid.locator('.ag-center-cols-container [row-index="0"]')
    expect(row.locator('[col-id="id"]')).to_have_text(named[0], timeout=RENDER_MS)
    expect(row.locator('[col-id="name"]')).to_have_text(SCRIPT)
    expect(row.locator('[col-id="comment"]')).to_have_text(IMG)
    expect(row.locator('[col-id="unit"]')).to_have_text(BOLD)
    hover(page, row.locator('[col-id="comment"]'))
    expect(page.locator(".ag-tooltip")).to_have_text(IMG)  # the comment opened in full
    expect_harmless(page, dialogs)

    page.mouse.move(0, 0)
    for number, assignment in enumerate(named):  # every hostile name and comment
        page.locator(f"#{ids.OPERATIONS_QUICK_FILTER}").fill(assignment)
        expect(page.locator(f"#{ids.OPERATIONS_GRID_COUNT}")).to_have_text(
            re.compile(r"^1 "), timeout=RENDER_MS)
        expect(row.locator('[col-id="id"]')).to_have_text(assignment, timeout=RENDER_MS)
        expect(row.locator('[col-id="name"]')).to_have_text(HOSTILE[number])
        expect(row.locator('[col-id="comment"]')).to_have_text(
            HOSTILE[(number + 1) % len(HOSTILE)])
    expect_harmless(page, dialogs)


@pytest.mark.parametrize("path", ["/ekonomi", "/medarbetare", "/verksamhet"])
def test_one_unit_charts_draw_on_a_phone(page: Page, hostile_server, dialogs, path):
    """One unit chosen, its bar charts have one bar; on a narrow screen the legend wraps.
    Every chart still draws (no "axis scaling" error) and names the unit as typed."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(address(hostile_server, path, "sv", avdelning=IMG, enhet=SCRIPT))
    settle(page)
    charts = page.locator(".js-plotly-plot")
    expect(charts.first).to_be_visible()
    for chart in charts.all():
        chart.scroll_into_view_if_needed()
        expect(chart.locator(".cartesianlayer .point").first).to_be_attached()
    assert SCRIPT in shown_text(page)
    expect_harmless(page, dialogs)


def test_history_shows_the_file_names_and_gives_the_original_back(page: Page, hostile_server,
                                                                  dialogs):
    page.goto(address(hostile_server, "/historik", "sv"))
    grid = page.locator(f"#{ids.HISTORY_GRID}")
    rows = grid.locator(".ag-center-cols-container .ag-row")
    expect(rows).to_have_count(len(FILE_NAMES), timeout=RENDER_MS)
    expect(rows.locator('[col-id="file"]')).to_have_text(list(FILE_NAMES.values())[::-1])
    with page.expect_download() as info:
        grid.locator('.ag-row[row-id="5"]').get_by_role("link").click()
    assert Path(info.value.path()).read_bytes() == workbook_bytes(hostile_demo(), STORY)
    page.locator(f"#{ids.HISTORY_ROLLBACK}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"5 ({IMG}.xlsx)")
    expect_harmless(page, dialogs)
    page.locator(f"#{ids.HISTORY_CANCEL}").click()
    expect(dialog).to_be_hidden()
    page.goto(address(hostile_server, "/", "en"))
    expect(page.locator(".freshness")).to_contain_text(f"{IMG}.xlsx", timeout=RENDER_MS)
    expect_harmless(page, dialogs)


def _story_assignments(tmp_path: Path) -> list[list[object]]:
    path = tmp_path / "story.xlsx"
    path.write_bytes(workbook_bytes(hostile_demo(), STORY))
    return assignment_rows(path)


def test_upload_preview_shows_the_hostile_names_as_text(page: Page, hostile_server, dialogs,
                                                       tmp_path):
    """A correction that turns the assignment named <script>… red: the preview lists it."""
    rows = _story_assignments(tmp_path)
    header, named = rows[0], hostile_assignment_ids(hostile_demo())[0]
    for row in rows[1:]:
        if row[header.index("Id")] == named:
            row[header.index("Status")], row[header.index("Kommentar")] = "Röd", SVG
    page.goto(address(hostile_server, "/ladda-upp", "sv"))
    choose(page, f"{SVG}.xlsx", text_workbook({"Uppdrag": rows}))
    expect(page.locator(f"#{ids.UPLOAD_CONFIRM}")).to_be_visible(timeout=CHECK_MS)
    expect(page.locator(f"#{ids.UPLOAD_STATUS}")).to_contain_text(f"{SVG}.xlsx")
    change = page.locator(".upload-preview li", has_text=named)
    expect(change).to_contain_text(f"{named} {SCRIPT} ({BOLD})")
    expect_harmless(page, dialogs)
    page.locator(f"#{ids.UPLOAD_CANCEL}").click()
    expect(page.locator(f"#{ids.UPLOAD_OUTCOME}")).to_contain_text("Ingenting sparades")
    assert len(hostile_server.store.history()) == len(FILE_NAMES)


# Values that fail the check, so the report repeats them: a formula, formula-like starts and a
# script; the report's workbook must hold them as text
REFUSED = {"Status": FORMULA, "Period": "+SUM(A1:A9)", "Slutdatum": "-2+3",
           "Beslutsdatum": "@SUM(A1)"}


def test_the_check_report_shows_and_keeps_hostile_values_as_text(page: Page, hostile_server,
                                                                  dialogs):
    header = ["Id", "Namn", "Enhet", "Period", "Status", "Beslutsdatum", "Slutdatum",
              "Kommentar"]
    row = {"Id": "RU-99", "Namn": SCRIPT, "Enhet": f"{IMG}-enheten", "Kommentar": TEMPLATE,
           **REFUSED}
    broken = text_workbook({"Uppdrag": [header, [row[h] for h in header]]})
    page.goto(address(hostile_server, "/ladda-upp", "en"))
    choose(page, f"{JS_LINK}.xlsx", broken)
    expect(page.locator(f"#{ids.UPLOAD_STATUS}")).to_contain_text("cannot be imported",
                                                                  timeout=CHECK_MS)
    issues = page.locator(f"#{ids.UPLOAD_ISSUES}")
    for value in (*REFUSED.values(), f"{IMG}-enheten"):
        expect(issues.locator('.ag-row [col-id="value"]', has_text=value).first).to_have_text(
            value)
    expect_harmless(page, dialogs)
    with page.expect_download() as info:
        page.locator(f"#{ids.UPLOAD_REPORT_BUTTON}").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    cells = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells
                if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)]
    values = {c.value for c in cells}
    assert {"'" + v for v in REFUSED.values()} <= values  # shown, with Excel's text mark
    assert f"{IMG}-enheten" in values
    assert len(hostile_server.store.history()) == len(FILE_NAMES)
