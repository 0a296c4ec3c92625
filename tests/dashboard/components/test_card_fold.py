"""An overview card with many figures (the processes card of a department with many units:
hundreds of key figures at 100 000 assignments) shows the first ones and a link to the page
that shows them all; a card with few figures shows every one, as before."""

from __future__ import annotations

from dash import dcc, html

from dashboard.components.cards import CARD_FIGURES, overview_card
from dashboard.views.cards import CardFigure, OverviewCard
from tests.component_texts import texts

HREF = "/processer?period=2018-T2&avdelning=IT-avdelningen"


def _card(count: int, href: str = HREF) -> OverviewCard:
    figures = tuple(CardFigure(f"Nyckeltal {i}", f"{i} %  ● Grön") for i in range(1, count + 1))
    return OverviewCard("processes", "Processer", "green", figures, href=href)


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from _walk(child)


def _shown_labels(section: html.Section) -> list[str]:
    return [c.children for c in _walk(section) if isinstance(c, html.Dt)]


def _links(section: html.Section) -> list[dcc.Link]:
    return [c for c in _walk(section) if isinstance(c, dcc.Link)]


def test_a_long_card_shows_its_first_figures_and_links_to_all_of_them():
    section = overview_card(_card(510), "sv")
    assert _shown_labels(section) == [f"Nyckeltal {i}" for i in range(1, CARD_FIGURES + 1)]
    more = _links(section)[-1]  # the first is the card's title
    assert more.children == "Visa alla 510 nyckeltal" and more.href == HREF
    assert "Nyckeltal 9" not in texts(section)


def test_the_link_to_all_figures_is_in_the_readers_language():
    more = _links(overview_card(_card(20), "en"))[-1]
    assert more.children == "Show all 20 key figures" and more.href == HREF


def test_a_short_card_shows_every_figure_and_no_extra_link():
    section = overview_card(_card(CARD_FIGURES), "sv")
    assert _shown_labels(section) == [f"Nyckeltal {i}" for i in range(1, CARD_FIGURES + 1)]
    assert [link.href for link in _links(section)] == [HREF]  # the title only


def test_a_card_without_a_page_to_link_to_keeps_all_its_figures():
    section = overview_card(_card(20, href=""), "sv")
    assert len(_shown_labels(section)) == 20 and _links(section) == []
