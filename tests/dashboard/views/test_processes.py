"""Processer for a department of many units: cards per key figure, a table, fewer charts.

A department with 20 units and two key figures has 40 key-figure rows: one card per row
and a chart with 20 lines would bury the reader. The page sums the statuses up per key
figure on the cards, lists every unit's value in the table, draws trend charts only where
a key figure has at most eight units, and says so. A small view keeps a card per row.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.kpis import Selection
from dashboard.views.perspectives import PROCESSES, Inputs, content
from dashboard.views.processes import CARD_LIMIT, LINE_LIMIT
from tests.frames import make_frame

NOW, PREV = "2018-T2", "2018-T1"
WIDE, NARROW = "Avdelning A", "Avdelning B"
TIME, SHARE = "Handläggningstid", "Andel digitala ärenden"


def unit(n: int) -> str:
    return f"Enhet {n:02d}"


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    units = [{"unit": unit(n), "department": WIDE} for n in range(1, 21)]
    units += [{"unit": "Enhet B1", "department": NARROW}]
    rows = []
    for n in range(1, 21):  # handling time: 1-10 green (<= 30), 11-15 yellow, 16-20 red
        value = 30.0 if n <= 10 else (32.0 if n <= 15 else 40.0)
        rows.append({"kpi": TIME, "unit": unit(n), "period": NOW, "value": value})
        rows.append({"kpi": TIME, "unit": unit(n), "period": PREV, "value": value + 1})
    for n in range(1, 6):  # the share: only five units report it, no target: no status
        rows.append({"kpi": SHARE, "unit": unit(n), "period": NOW, "value": 80.0 + n,
                     "unit_of_measure": "%"})
    rows.append({"kpi": TIME, "unit": "Enhet B1", "period": NOW, "value": 25.0})
    return {
        "units": make_frame("units", units),
        "processes": make_frame("processes", [{"unit_of_measure": "dagar", **r} for r in rows]),
        "kpi_settings": make_frame("kpi_settings", [
            {"kpi": TIME, "direction": "lower", "target": 30.0, "yellow_tolerance": 0.10}]),
    }


def test_a_department_of_many_units_gets_one_card_per_key_figure(frames):
    page = content(PROCESSES, Inputs(frames, Selection(NOW, WIDE)), "sv")
    assert CARD_LIMIT < 20 + 5
    cards = {c.title: dict(c.rows) for c in page.cards}
    assert list(cards) == [TIME, SHARE]
    assert cards[TIME] == {"Enheter": "20", "● Grön": "10", "▲ Gul": "5", "■ Röd": "5"}
    assert cards[SHARE] == {"Enheter": "5", "Utan status": "5"}
    assert all(c.status is None for c in page.cards)  # no status of its own: not averaged


def test_the_table_holds_every_units_value_as_the_reader_sees_it(frames):
    page = content(PROCESSES, Inputs(frames, Selection(NOW, WIDE)), "sv")
    table = page.table
    assert table is not None and table.title == "Nyckeltal per enhet"
    assert [header for _, header in table.columns] == [
        "Nyckeltal", "Enhet", "Värde", "Mål", "Status", "Förändring sedan förra tertialen"]
    assert len(table.rows) == 25
    assert table.rows[0] == {"kpi": TIME, "unit": "Enhet 01", "value": "30\u00a0dagar",
                             "target": "30\u00a0dagar", "status": "● Grön", "change": "−1"}
    red = [r for r in table.rows if r["unit"] == "Enhet 20" and r["kpi"] == TIME][0]
    assert red["status"] == "■ Röd" and red["value"] == "40\u00a0dagar"
    share = [r for r in table.rows if r["kpi"] == SHARE]
    assert [r["status"] for r in share] == ["–"] * 5 and share[0]["change"] == "–"


def test_charts_only_for_key_figures_with_few_enough_units_and_a_note_says_why(frames):
    page = content(PROCESSES, Inputs(frames, Selection(NOW, WIDE)), "sv")
    titles = [c["layout"]["title"]["text"] for c in page.charts]
    assert 20 > LINE_LIMIT >= 5
    assert [title.split("<")[0] for title in titles] == [SHARE]  # 20 units: no chart
    assert any(f"högst {LINE_LIMIT} enheter; 1 nyckeltal har fler" in n for n in page.notes)
    english = content(PROCESSES, Inputs(frames, Selection(NOW, WIDE)), "en")
    assert english.table.title == "Key figures by unit"
    assert english.cards[0].rows[1] == ("● Green", "10")


def test_a_small_view_keeps_a_card_per_unit_and_no_table(frames):
    page = content(PROCESSES, Inputs(frames, Selection(NOW, NARROW)), "sv")
    assert page.table is None
    assert [c.title for c in page.cards] == [f"{TIME} – Enhet B1"]
    assert page.cards[0].status == "green"
    assert len(page.charts) == 1
    assert not any("nyckeltalsrader" in n for n in page.notes)
