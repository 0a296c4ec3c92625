"""The perspective pages (Ekonomi, Medarbetare, Processer) as specs: data, not layout.

The shape of a spec is in :mod:`dashboard.views.spec`; Processer, which must also read
well for a department of hundreds of units, is in :mod:`dashboard.views.processes`. One
builder (:mod:`dashboard.components.perspective`) lays every spec out. Pure: no ``dash``
import, so :func:`content` can be tested as plain data.

Swedish reporting rules: sick leave and staff turnover are not reported for a group of
:data:`SMALL_GROUP_LIMIT` persons or fewer (the figures could point out individuals);
:func:`rates_may_be_shown` holds that rule (in :mod:`dashboard.kpis.staff_targets`, where the
department matrix reads it too).
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard.figures import (
    finance_figure,
    finance_trend_figure,
    staff_change_figure,
    staff_trend_figure,
)
from dashboard.kpis import finance, finance_trend, staff, staff_changes, staff_trend
from dashboard.kpis.staff_targets import SMALL_GROUP_LIMIT, rates_may_be_shown, rates_status
from dashboard.kpis.status import is_missing
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.views.processes import PROCESSES
from dashboard.views.spec import (
    CardData,
    CardSpec,
    ChartSpec,
    Content,
    Headline,
    Inputs,
    Perspective,
    Table,
    content,
)

__all__ = [
    "FINANCE", "PERSPECTIVES", "PROCESSES", "SMALL_GROUP_LIMIT", "STAFF", "CardData", "Content",
    "Inputs", "Perspective", "Table", "content", "money", "rates_may_be_shown", "rates_status",
    "signed_money",
]

# --- formatting helpers -------------------------------------------------------------------

def money(value: float | None, lang: str) -> str:
    """``12 345 tkr`` (sv) or ``12,345 kSEK`` (en); ``–`` when missing."""
    if is_missing(value):
        return fmt.MISSING
    return f"{fmt.number(value, 0, lang)}{fmt.NBSP}{t('headline.money_unit', lang)}"


def signed_money(value: float | None, lang: str) -> str:
    """A change of money with its sign: ``+1 739 tkr``, ``−250 tkr``, ``±0 tkr``."""
    if is_missing(value):
        return fmt.MISSING
    return f"{fmt.change(value, lang=lang)}{fmt.NBSP}{t('headline.money_unit', lang)}"


def _forecast_vs_previous(figures: dict, lang: str) -> str | None:
    """The forecast against the previous forecast, where the rows carry one (else not
    shown)."""
    change = figures.get("forecast_vs_previous")
    return None if is_missing(change) else signed_money(change, lang)


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
            Headline("headline.deviation", _get("forecast_deviation", fmt.percent, sign=True)),
            Headline("cards.forecast_vs_previous", _forecast_vs_previous)),
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

def _against_target(rate: str) -> Callable[[dict, str], str | None]:
    """A rate's status and its target ("● Grön (mål högst 4,5 %)"): None without a target,
    or when the small-group rule hides the rate (its status would tell it)."""
    def value(figures: dict, lang: str) -> str | None:
        target = figures.get(f"{rate}_target")
        if is_missing(target) or not rates_may_be_shown(figures.get("headcount")):
            return None
        status = figures.get(f"{rate}_status") or "none"
        return t("perspective.rate_against_target", lang, status=t(f"status.{status}", lang),
                 target=fmt.rate_target(target, figures.get(f"{rate}_direction"), lang))
    return value


def _rates_hidden(inputs: Inputs, figures: dict, lang: str) -> str | None:
    headcount = figures.get("headcount")
    if is_missing(headcount) or rates_may_be_shown(headcount):
        return None
    return t("perspective.rates_hidden", lang, limit=SMALL_GROUP_LIMIT)


STAFF = Perspective(
    path="/medarbetare", title_key="nav.staff", order=3,
    figures=lambda i: staff(i.frames, i.selection, i.thresholds),
    cards=(
        CardSpec("card.headcount", (
            Headline("headline.headcount", _get("headcount", fmt.number)),
            Headline("headline.change_previous", _get("headcount_change", fmt.change)),
            Headline("headline.of_which_permanent", _get("permanent_change", fmt.change)),
            Headline("headline.of_which_temporary", _get("temporary_change", fmt.change)))),
        CardSpec("card.presence", (
            Headline("headline.fte", _get("fte", fmt.number, decimals=1)),
            Headline("headline.sick_leave", _rate("sick_leave")),
            Headline("headline.sick_leave_target", _against_target("sick_leave")),
            Headline("headline.turnover", _rate("turnover")),
            Headline("headline.turnover_target", _against_target("turnover"))),
            status=rates_status),
    ),
    charts=(
        ChartSpec(lambda i, f: staff_trend(i.frames, i.selection),
                  lambda d, i, lang: staff_trend_figure(d, lang)),
        ChartSpec(lambda i, f: staff_changes(i.frames, i.selection, i.by),
                  lambda d, i, lang: staff_change_figure(d, lang, i.by)),
    ),
    notes=(_rates_hidden,),
)


PERSPECTIVES: tuple[Perspective, ...] = (FINANCE, STAFF, PROCESSES)
