"""Colour contrast of the dashboard's palette, by the WCAG 2.1 formula (no browser).

Text needs 4.5:1 against what is behind it (WCAG 1.4.3); the shapes that carry information
(bars, lines, markers) and focus rings need 3:1 against what is next to them (1.4.11). The
colours come from where the interface takes them: the ``--tertial-*`` properties of
``dashboard/assets/base.css`` for the page, ``dashboard.figures.style`` and every figure the
builders draw for the charts. A palette change that breaks contrast fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.figures import style
from tests.dashboard.figures.test_figures import NAMES, build
from tests.dashboard.kpis.test_trends import small_frames

ROOT = Path(__file__).resolve().parents[3]
CSS = ROOT / "dashboard" / "assets" / "base.css"
TEXT, GRAPHIC = 4.5, 3.0
WHITE, BLACK = "#ffffff", "#000000"


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    value = colour.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def css_colours() -> dict[str, str]:
    """The ``--tertial-NAME: #rrggbb`` properties of base.css, by NAME."""
    found = re.findall(r"--tertial-([a-z-]+):\s*(#[0-9a-fA-F]{6})\b", CSS.read_text())
    return dict(found)


# --- the formula itself -------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "ratio"), [
    (WHITE, BLACK, 21.0), (WHITE, WHITE, 1.0), ("#777777", WHITE, 4.48),
    ("#767676", WHITE, 4.54), ("#0072B2", WHITE, 5.19),
])
def test_the_formula_gives_the_known_ratios(a, b, ratio):
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)
    assert contrast(a, b) == contrast(b, a)


# --- the page -----------------------------------------------------------------------------

PAGE_TEXT = ("text", "muted", "status-green", "status-yellow", "status-red")


def test_base_css_declares_the_colours_checked_here():
    assert set(PAGE_TEXT) | {"background", "current", "focus"} <= set(css_colours())


@pytest.mark.parametrize("name", PAGE_TEXT)
def test_page_text_and_status_words_reach_4_5_to_1(name):
    colours = css_colours()
    assert contrast(colours[name], colours["background"]) >= TEXT


def test_the_current_page_link_and_the_focus_ring_stand_out():
    colours = css_colours()
    assert contrast(colours["text"], colours["current"]) >= TEXT
    assert contrast(colours["focus"], colours["background"]) >= GRAPHIC


# --- the charts: the palette ----------------------------------------------------------------

def test_chart_text_and_axes_reach_4_5_to_1():
    for colour in (style.FONT["color"], style.AXIS_LINE):
        assert contrast(colour, style.BACKGROUND) >= TEXT, colour


@pytest.mark.parametrize("status", list(style.STATUS_STYLE))
def test_a_status_bar_has_an_outline_and_text_that_stand_out(status):
    """Okabe-Ito orange is 2.2:1 on white: the outline, not the fill, gives the bar its 3:1
    against the background, and it stays 3:1 against the fill, between stacked parts too.
    The pattern is drawn in white, so the text on a patterned bar must be the dark one."""
    fill, shape = style.STATUS_STYLE[status]["color"], style.STATUS_STYLE[status]["pattern"]
    outline = style.status_marker(status)["line"]["color"]
    assert contrast(outline, style.BACKGROUND) >= GRAPHIC
    assert contrast(outline, fill) >= GRAPHIC
    assert contrast(style.TEXT_ON_BARS, fill) >= TEXT
    assert contrast(style.text_colour(fill), fill) >= TEXT
    if shape:
        assert luminance(style.text_colour(fill)) < luminance(fill)


@pytest.mark.parametrize("colour", [c for c, _, _ in style.LINE_CYCLE])
def test_every_unit_line_colour_reaches_3_to_1(colour):
    assert contrast(colour, style.BACKGROUND) >= GRAPHIC


# --- the charts: every figure as drawn ------------------------------------------------------

@pytest.fixture(scope="module")
def frames():
    return small_frames()


def _colours(value: object) -> list[str]:
    """A trace's colour attribute as a list (plotly takes one colour or one per point)."""
    if isinstance(value, str):
        return [value]
    return [c for c in value or [] if isinstance(c, str)]


def _check_bar(trace: dict, background: str) -> None:
    marker = trace["marker"]
    outline = marker["line"]["color"]
    assert contrast(outline, background) >= GRAPHIC, trace["name"]
    text = (trace.get("textfont") or {}).get("color")
    shows_text = text and trace.get("textposition") != "none"
    for fill in _colours(marker["color"]):
        assert contrast(outline, fill) >= GRAPHIC, (trace["name"], fill)
        if shows_text:
            assert contrast(text, fill) >= TEXT, (trace["name"], fill, text)
            if (marker.get("pattern") or {}).get("shape"):  # white pattern lines
                assert luminance(text) < luminance(fill), (trace["name"], text)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_every_trace_of_every_figure_meets_the_contrast_rules(frames, name, lang):
    """Bars: outline 3:1 against background and fill, text 4.5:1 against the fill; lines
    and markers (which have no outline): 3:1 against the background."""
    figure = build(frames, name, lang)
    background = figure["layout"]["plot_bgcolor"]
    for trace in figure["data"]:
        if trace["type"] == "bar":
            _check_bar(trace, background)
            continue
        colours = _colours((trace.get("line") or {}).get("color"))
        colours += _colours((trace.get("marker") or {}).get("color"))
        for colour in colours:
            assert contrast(colour, background) >= GRAPHIC, (trace["name"], colour)
