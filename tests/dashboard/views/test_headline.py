"""One operations headline: the same figures, in the same order, in every place that shows it.

The Verksamhet page's headline, the overview's card, the command line's summary and the
upload preview all read ``dashboard.views.headline``; the change lists come in one order;
the status words are written from one table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dash import html

from cli import text as cli_text
from dashboard.components import operations as page
from dashboard.components.preview import headlines_table
from dashboard.kpis.operations import CHANGE_KINDS
from dashboard.kpis.status import STATUSES
from dashboard.views import headline
from dashboard.views.cards import operations_card

ROOT = Path(__file__).resolve().parents[3]
NBSP = "\u00a0"

OPS = {"period": "2018-T2", "previous_period": "2018-T1", "assignments": 12,
       "status_share": {"green": 0.75, "yellow": 1 / 6, "red": 1 / 12}, "status": "yellow",
       "government_assignments": 5, "new_government_assignments": 1,
       "green_share_change": None,
       "changes": {kind: {"count": 1, "items": [
           {"id": f"{kind}-1", "name": kind, "unit": "U", "department": "D",
            "from": "green", "to": "red"}]} for kind in CHANGE_KINDS}}
SV = [("Uppdrag", "12"), ("● Andel gröna uppdrag", f"75,0{NBSP}%"),
      ("▲ Andel gula uppdrag", f"16,7{NBSP}%"), ("■ Andel röda uppdrag", f"8,3{NBSP}%"),
      ("Regeringsuppdrag", "5"), ("Nya regeringsuppdrag", "1")]
EN = [("Assignments", "12"), ("● Share of green assignments", "75.0%"),
      ("▲ Share of yellow assignments", "16.7%"), ("■ Share of red assignments", "8.3%"),
      ("Government assignments", "5"), ("New government assignments", "1")]


def walk(node):
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from walk(child)


def text_of(node) -> str:
    if isinstance(node, str | int | float):
        return str(node)
    children = getattr(node, "children", None)
    if children is None:
        return ""
    return "".join(text_of(c) for c in (children if isinstance(children, list) else [children]))


@pytest.mark.parametrize(("lang", "expected"), [("sv", SV), ("en", EN)])
def test_the_table_gives_the_headline_in_order(lang, expected):
    assert headline.rows(OPS, lang) == expected
    assert [f.key for f in headline.OPERATIONS] == [
        "assignments", "green_share", "yellow_share", "red_share", "government_assignments",
        "new_government"]


@pytest.mark.parametrize(("lang", "expected"), [("sv", SV), ("en", EN)])
def test_the_verksamhet_headline_shows_the_table(lang, expected):
    section = page.headline(OPS, lang)
    figures = [n for n in walk(section) if isinstance(n, html.Div)]
    assert [(text_of(f.children[0]), text_of(f.children[1])) for f in figures] == expected


def test_the_overview_card_shows_the_tables_figures_it_chooses():
    card = operations_card(OPS, "sv")
    assert [(f.label, f.value) for f in card.figures] == [SV[1], SV[5]]


def test_the_command_line_lists_the_table_in_order():
    result = {"selection": {}, "period": "2018-T2", "previous_period": None,
              "operations": OPS,
              "finance": dict.fromkeys(("budget", "outcome", "consumption", "year_share",
                                        "forecast", "forecast_deviation", "status")),
              "staff": dict.fromkeys(("headcount", "headcount_change", "permanent_change",
                                      "temporary_change")),
              "processes": []}
    line = next(x for x in cli_text.summary(result, "sv").splitlines()
                if x.startswith("Verksamhet:"))
    assert line == ("Verksamhet: " + ", ".join(f"{label} {value}" for label, value in SV)
                    + ". Status: ▲ Gul.")


def test_the_upload_preview_shows_the_table_between_the_status_and_the_red_count():
    before = {f.key: f.value(OPS) for f in headline.OPERATIONS}
    entry = {"period": "2018-T2", "basis": "stored", "before": before, "after": before,
             "changed": []}
    rows = [[text_of(cell) for cell in row.children]
            for row in walk(headlines_table(entry, "sv")) if isinstance(row, html.Tr)]
    labels = [row[0] for row in rows[1:]]  # after the header row
    assert labels[1:7] == [label for label, _ in SV]
    assert [row[2] for row in rows[2:8]] == [value for _, value in SV]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_verksamhet_page_lists_the_changes_in_the_one_order(lang):
    section = page.changes(OPS, lang)
    headings = [text_of(n) for n in walk(section) if isinstance(n, html.H3)]
    words = {"sv": ["Försämrad", "Förbättrad", "Nya", "Finns inte längre"],
             "en": ["worse", "better", "New", "No longer"]}[lang]
    assert len(headings) == len(CHANGE_KINDS) == 4
    for heading, word in zip(headings, words, strict=True):
        assert word.casefold() in heading.casefold(), (heading, word)


# The three status codes as a literal sequence, or a status word, declared in code.
DECLARED = re.compile(r"""\([ ]*["']green["'],[ ]*["']yellow["'],[ ]*["']red["']|"""
                      r"""["'](?:Grön|Gul|Röd)["']""")


def test_the_status_words_are_declared_once():
    """Every status word is written from ``dashboard.kpis.status`` (its codes, ``STATUSES``,
    and the words of the one table of texts); no other module lists them again."""
    found = []
    for folder in ("dashboard", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "dashboard" / "kpis" / "status.py":
                continue
            found += [f"{path.relative_to(ROOT)}: {m.group(0)}"
                      for m in DECLARED.finditer(path.read_text("utf-8"))]
    assert found == []
    assert STATUSES == ("green", "yellow", "red")
