"""The perspective pages (Ekonomi, Medarbetare, Processer) as specs: data, not layout.

Each :class:`Perspective` says where it lives, what it computes for a selection
(``figures``), which headline figures its cards show, which charts it draws (a data
function and a figure builder) and which notes it may add. One builder
(:mod:`dashboard.components.perspective`) lays every spec out. Pure: no ``dash`` import, so
:func:`content` can be tested as plain data.

Swedish reporting rules: sick leave and staff turnover are not reported for a group of
:data:`SMALL_GROUP_LIMIT` persons or fewer (the figures could point out individuals);
:func:`rates_may_be_shown` holds that rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from dashboard import formatting as fmt
from dashboard.figures import (
    finance_figure,
    finance_trend_figure,
    kpi_figure,
    staff_change_figure,
    staff_trend_figure,
)
from dashboard.i18n import t
from dashboard.kpis import (
    Selection,
    finance,
    finance_trend,
    kpi_trend,
    processes,
    staff,
    staff_changes,
    staff_trend,
)
from dashboard.status import DEFAULT_THRESHOLDS, Thresholds, is_missing

SMALL_GROUP_LIMIT = 10  # sick leave and turnover are hidden for this many persons or fewer


def rates_may_be_shown(headcount: int | None) -> bool:
    """True when a selection of ``headcount`` persons may show sick leave and turnover:
    more than :data:`SMALL_GROUP_LIMIT` persons (an unknown headcount never may)."""
    return not is_missing(headcount) and headcount > SMALL_GROUP_LIMIT


@dataclass(frozen=True)
class Inputs:
    """What every data function gets: the frames, the checked selection, the thresholds."""

    frames: dict[str, pd.DataFrame]
    selection: Selection
    thresholds: Thresholds = DEFAULT_THRESHOLDS

    @property
    def agency(self) -> bool:
        return not (self.selection.department or self.selection.unit)

    @property
    def by(self) -> str:
        """Break down by department for the whole agency, by unit within a department."""
        return "department" if self.agency else "unit"


@dataclass(frozen=True)
class CardData:
    """One card as the builder draws it: title, status code and (label, value) rows."""

    title: str
    status: str | None
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Headline:
    """A headline figure: its label key and its value formatted from the figures
    (None: not shown)."""

    label_key: str
    value: Callable[[dict, str], str | None]


@dataclass(frozen=True)
class CardSpec:
    """A card of fixed headline figures, with the status the figures give (if any)."""

    title_key: str
    headlines: tuple[Headline, ...]
    status: Callable[[dict], str | None] = lambda figures: None

    def build(self, figures: dict, lang: str) -> list[CardData]:
        rows = [(t(h.label_key, lang), h.value(figures, lang)) for h in self.headlines]
        return [CardData(t(self.title_key, lang), self.status(figures),
                         tuple((label, value) for label, value in rows if value is not None))]


@dataclass(frozen=True)
class KpiCards:
    """One card per key figure of the view: value and target, with its status."""

    def build(self, figures: dict, lang: str) -> list[CardData]:
        cards = []
        for row in figures["kpis"]:
            unit = row.get("unit_of_measure")
            title = f"{row['kpi']} – {row['unit']}" if row.get("unit") else row["kpi"]
            cards.append(CardData(title, row.get("status"), (
                (t("headline.kpi_value", lang), fmt.with_unit(row.get("value"), unit, lang)),
                (t("headline.kpi_target", lang), fmt.with_unit(row.get("target"), unit, lang)))))
        return cards


@dataclass(frozen=True)
class ChartSpec:
    """A chart: its data from the inputs (and the page's figures) and its figure builder."""

    data: Callable[[Inputs, dict], object]
    figure: Callable[[object, Inputs, str], dict]

    def build(self, inputs: Inputs, figures: dict, lang: str) -> list[dict]:
        return [self.figure(self.data(inputs, figures), inputs, lang)]


@dataclass(frozen=True)
class KpiCharts:
    """One trend chart per key figure of the view (never averaged across units)."""

    def build(self, inputs: Inputs, figures: dict, lang: str) -> list[dict]:
        names = list(dict.fromkeys(row["kpi"] for row in figures["kpis"]))
        return [kpi_figure(kpi_trend(inputs.frames, inputs.selection, name, inputs.thresholds),
                           lang=lang) for name in names]


Note = Callable[[Inputs, dict, str], str | None]


@dataclass(frozen=True)
class Perspective:
    path: str
    title_key: str
    order: int
    figures: Callable[[Inputs], dict]
    cards: tuple[CardSpec | KpiCards, ...]
    charts: tuple[ChartSpec | KpiCharts, ...]
    notes: tuple[Note, ...] = field(default=())


@dataclass(frozen=True)
class Content:
    cards: list[CardData]
    charts: list[dict]
    notes: list[str]


def content(spec: Perspective, inputs: Inputs, lang: str) -> Content:
    """Everything a perspective page shows for the inputs, in the language, as data."""
    figures = spec.figures(inputs)
    return Content(
        cards=[c for group in spec.cards for c in group.build(figures, lang)],
        charts=[f for chart in spec.charts for f in chart.build(inputs, figures, lang)],
        notes=[n for n in (note(inputs, figures, lang) for note in spec.notes) if n])


# --- formatting helpers -------------------------------------------------------------------

def money(value: float | None, lang: str) -> str:
    """``12 345 tkr`` (sv) or ``12,345 kSEK`` (en); ``–`` when missing."""
    if is_missing(value):
        return fmt.MISSING
    return f"{fmt.number(value, 0, lang)}{fmt.NBSP}{t('headline.money_unit', lang)}"


def _get(key: str, render: Callable[..., str], **options: object) -> Callable[[dict, str], str]:
    return lambda figures, lang: render(figures.get(key), lang=lang, **options)


def _rate(key: str) -> Callable[[dict, str], str | None]:
    """A rate that the small-group rule may hide."""
    def value(figures: dict, lang: str) -> str | None:
        if not rates_may_be_shown(figures.get("headcount")):
            return None
        return fmt.percent(figures.get(key), lang=lang)
    return value


# --- Ekonomi ------------------------------------------------------------------------------

def _forecast_missing(inputs: Inputs, figures: dict, lang: str) -> str | None:
    units = figures.get("forecast_missing_units") or []
    if units:
        return t("perspective.forecast_missing_units", lang, n=len(units), units=", ".join(units))
    if figures.get("forecast_missing_rows"):
        return t("perspective.forecast_missing_rows", lang, n=figures["forecast_missing_rows"])
    return None


def _consumption_note(inputs: Inputs, figures: dict, lang: str) -> str | None:
    if is_missing(figures.get("consumption")):
        return None
    return t("perspective.consumption_note", lang,
             consumption=fmt.percent(figures["consumption"], lang=lang),
             share=fmt.percent(figures.get("year_share"), lang=lang))


FINANCE = Perspective(
    path="/ekonomi", title_key="nav.finance", order=2,
    figures=lambda i: finance(i.frames, i.selection, i.thresholds),
    cards=(
        CardSpec("card.budget", (
            Headline("headline.budget_full_year", _get("budget", money)),
            Headline("headline.outcome_ytd", _get("outcome", money)),
            Headline("headline.consumption", _get("consumption", fmt.percent)),
            Headline("headline.year_share", _get("year_share", fmt.percent)))),
        CardSpec("card.forecast", (
            Headline("headline.forecast_full_year", _get("forecast", money)),
            Headline("headline.deviation", _get("forecast_deviation", fmt.percent))),
            status=lambda figures: figures.get("status")),
    ),
    charts=(
        ChartSpec(lambda i, f: f["table"], lambda d, i, lang: finance_figure(d, lang, i.by)),
        ChartSpec(lambda i, f: f["table"], lambda d, i, lang: finance_figure(d, lang, "category")),
        ChartSpec(lambda i, f: finance_trend(i.frames, i.selection, i.thresholds),
                  lambda d, i, lang: finance_trend_figure(d, lang)),
    ),
    notes=(_consumption_note, _forecast_missing),
)


# --- Medarbetare --------------------------------------------------------------------------

def _rates_hidden(inputs: Inputs, figures: dict, lang: str) -> str | None:
    headcount = figures.get("headcount")
    if is_missing(headcount) or rates_may_be_shown(headcount):
        return None
    return t("perspective.rates_hidden", lang, limit=SMALL_GROUP_LIMIT)


STAFF = Perspective(
    path="/medarbetare", title_key="nav.staff", order=3,
    figures=lambda i: staff(i.frames, i.selection),
    cards=(
        CardSpec("card.headcount", (
            Headline("headline.headcount", _get("headcount", fmt.number)),
            Headline("headline.change_previous", _get("headcount_change", fmt.change)),
            Headline("headline.of_which_permanent", _get("permanent_change", fmt.change)),
            Headline("headline.of_which_temporary", _get("temporary_change", fmt.change)))),
        CardSpec("card.presence", (
            Headline("headline.fte", _get("fte", fmt.number, decimals=1)),
            Headline("headline.sick_leave", _rate("sick_leave")),
            Headline("headline.turnover", _rate("turnover")))),
    ),
    charts=(
        ChartSpec(lambda i, f: staff_trend(i.frames, i.selection),
                  lambda d, i, lang: staff_trend_figure(d, lang)),
        ChartSpec(lambda i, f: staff_changes(i.frames, i.selection, i.by),
                  lambda d, i, lang: staff_change_figure(d, lang, i.by)),
    ),
    notes=(_rates_hidden,),
)


# --- Processer ----------------------------------------------------------------------------

def _no_kpis(inputs: Inputs, figures: dict, lang: str) -> str | None:
    return None if figures["kpis"] else t("perspective.no_kpis", lang)


def _per_unit(inputs: Inputs, figures: dict, lang: str) -> str | None:
    return None if inputs.agency or not figures["kpis"] else t("perspective.kpi_per_unit", lang)


PROCESSES = Perspective(
    path="/processer", title_key="nav.processes", order=4,
    figures=lambda i: {"kpis": processes(i.frames, i.selection, i.thresholds)},
    cards=(KpiCards(),),
    charts=(KpiCharts(),),
    notes=(_no_kpis, _per_unit),
)

PERSPECTIVES: tuple[Perspective, ...] = (FINANCE, STAFF, PROCESSES)
