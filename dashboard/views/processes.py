"""Processer: key figures against their targets, for views of one unit or of hundreds.

A key figure is never added up across units, so a department view shows every unit's own
value. A few rows read best as cards (one per key figure and unit) with a trend chart per
key figure, one line per unit. A department with many units would make hundreds of cards
and charts with more lines than anyone can tell apart, so past :data:`CARD_LIMIT` rows the
page shows one card per key figure (how many units reach the target), the units' values in
a table, and trend charts only for key figures with at most :data:`LINE_LIMIT` units (the
number of line styles that differ in colour, dash and marker together). A note says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dashboard.figures import kpi_figure
from dashboard.figures.style import LINE_CYCLE
from dashboard.kpis import kpi_trend, processes
from dashboard.kpis.status import STATUSES
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.views.spec import CardData, Inputs, Perspective, Table

CARD_LIMIT = 12  # key-figure rows shown as cards of their own; more are summed up per figure
LINE_LIMIT = len(LINE_CYCLE)  # units one trend chart can draw apart
# the table's columns -> their headers' text keys
TABLE_COLUMNS: dict[str, str] = {
    "kpi": "perspective.kpi_column_kpi", "unit": "perspective.kpi_column_unit",
    "value": "perspective.kpi_column_value", "target": "perspective.kpi_column_target",
    "status": "figure.status", "change": "perspective.kpi_column_change",
}


def _many(figures: dict) -> bool:
    return len(figures["kpis"]) > CARD_LIMIT


def _by_kpi(rows: list[dict]) -> dict[str, list[dict]]:
    """Rows per key figure, in the order the figures first come."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["kpi"], []).append(row)
    return groups


def _summary_card(kpi: str, rows: list[dict], lang: str) -> CardData:
    """How many of the view's units have each status for one key figure."""
    counts = Counter(row.get("status") for row in rows)
    lines = [(t("perspective.kpi_units", lang), fmt.number(len(rows), lang=lang))]
    lines += [(t(f"status.{code}", lang), fmt.number(counts[code], lang=lang))
              for code in STATUSES if counts[code]]
    without = len(rows) - sum(counts[code] for code in STATUSES)
    if without:
        lines.append((t("perspective.kpi_without_status", lang), fmt.number(without, lang=lang)))
    return CardData(kpi, None, tuple(lines))


@dataclass(frozen=True)
class KpiCards:
    """One card per key figure and unit (value and target, with its status); past
    :data:`CARD_LIMIT` rows one card per key figure with its units' statuses counted."""

    def build(self, figures: dict, lang: str) -> list[CardData]:
        if _many(figures):
            groups = _by_kpi(figures["kpis"])
            return [_summary_card(kpi, rows, lang) for kpi, rows in groups.items()]
        cards = []
        for row in figures["kpis"]:
            unit = row.get("unit_of_measure")
            title = f"{row['kpi']} – {row['unit']}" if row.get("unit") else row["kpi"]
            cards.append(CardData(title, row.get("status"), (
                (t("headline.kpi_value", lang), fmt.with_unit(row.get("value"), unit, lang)),
                (t("headline.kpi_target", lang), fmt.with_unit(row.get("target"), unit, lang)))))
        return cards


def _drawable(rows: list[dict]) -> bool:
    return len({row.get("unit") for row in rows}) <= LINE_LIMIT


@dataclass(frozen=True)
class KpiCharts:
    """One trend chart per key figure of the view with at most :data:`LINE_LIMIT` units."""

    def build(self, inputs: Inputs, figures: dict, lang: str) -> list[dict]:
        return [kpi_figure(kpi_trend(inputs.frames, inputs.selection, kpi, inputs.thresholds),
                           lang=lang)
                for kpi, rows in _by_kpi(figures["kpis"]).items() if _drawable(rows)]


def _cells(row: dict, lang: str) -> dict[str, str]:
    unit = row.get("unit_of_measure")
    change = row.get("change")
    return {
        "kpi": row["kpi"], "unit": row.get("unit") or t("figure.agency", lang),
        "value": fmt.with_unit(row.get("value"), unit, lang),
        "target": fmt.with_unit(row.get("target"), unit, lang),
        "status": t(f"status.{row.get('status') or 'none'}", lang),
        "change": fmt.change(change, 0 if change is None or float(change).is_integer() else 1,
                             lang),
    }


def kpi_table(inputs: Inputs, figures: dict, lang: str) -> Table | None:
    """Every key-figure row of the view as text, when there are more than cards can hold."""
    if not _many(figures):
        return None
    return Table(title=t("perspective.kpi_table", lang),
                 columns=tuple((c, t(key, lang)) for c, key in TABLE_COLUMNS.items()),
                 rows=tuple(_cells(row, lang) for row in figures["kpis"]))


def _no_kpis(inputs: Inputs, figures: dict, lang: str) -> str | None:
    return None if figures["kpis"] else t("perspective.no_kpis", lang)


def _per_unit(inputs: Inputs, figures: dict, lang: str) -> str | None:
    return None if inputs.agency or not figures["kpis"] else t("perspective.kpi_per_unit", lang)


def _summed_up(inputs: Inputs, figures: dict, lang: str) -> str | None:
    if not _many(figures):
        return None
    hidden = [kpi for kpi, rows in _by_kpi(figures["kpis"]).items() if not _drawable(rows)]
    if not hidden:
        return t("perspective.kpi_summed_up", lang, limit=CARD_LIMIT)
    return t("perspective.kpi_charts_hidden", lang, limit=CARD_LIMIT, lines=LINE_LIMIT,
             n=len(hidden))


PROCESSES = Perspective(
    path="/processer", title_key="nav.processes", order=4,
    figures=lambda i: {"kpis": processes(i.frames, i.selection, i.thresholds)},
    cards=(KpiCards(),),
    charts=(KpiCharts(),),
    notes=(_no_kpis, _per_unit, _summed_up),
    table=kpi_table,
)
