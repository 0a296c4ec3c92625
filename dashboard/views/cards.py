"""The overview's four cards in words: each figure with its change, the reason, the link.

One reading of :func:`dashboard.kpis.summary` for the overview's cards (Dash,
``dashboard.components.cards``). Every card tells:

- its figures, the operations ones from the headline table (``dashboard.views.headline``);
- each figure's change since the previous tertial where the data has one, as the
  department matrix writes it (``↑ +4,6 p.e.``, :mod:`dashboard.views.matrix`): the green
  share, the consumption's distance to the year's pace and the forecast deviation against
  the previous tertial of the same year (finance is year-to-date: no change across a new
  year, ``kpis/finance.py``);
  the forecast against the previous forecast where the finance rows carry one;
- its reason when it is red or yellow and the status comes from one figure: the staff card
  names the rate against its target ("Personalomsättning 11,2 % (mål högst 8 %)");
- the page that explains it, in the same tertial, department, unit, language and data
  (today's or the adopted follow-up's), as the matrix cells link.

:func:`sentence_href` gives the same link for a narrative sentence. Pure: no ``dash``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from dashboard.kpis.processes import processes_status
from dashboard.kpis.staff_targets import RATES, rates_status
from dashboard.kpis.status import GREEN, is_missing, status_label
from dashboard.state.address import SHOW, ViewState, query
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.views import headline
from dashboard.views.matrix import PATHS, arrow, short_points
from dashboard.views.perspectives import signed_money

GOVERNMENT_PATH = "/regeringsuppdrag"
# a narrative sentence's key (its rule) -> the page that explains it; else its perspective's
SENTENCE_PATHS: Mapping[str, str] = MappingProxyType({
    "operations.new_government": GOVERNMENT_PATH,
    "operations.government_reports": GOVERNMENT_PATH,
})


@dataclass(frozen=True)
class CardFigure:
    label: str
    value: str
    change: str = ""  # "↑ +4,6 p.e."; "" without a comparison
    change_title: str = ""  # "Förändring sedan 2018-T1: +4,6 procentenheter"


@dataclass(frozen=True)
class OverviewCard:
    perspective: str  # operations, finance, staff, processes
    title: str
    status: str | None
    figures: tuple[CardFigure, ...]
    reason: str = ""  # what makes the card red or yellow, "" when nothing single does
    href: str = ""  # the perspective's page with the view's filters


def perspective_href(path: str, state: ViewState) -> str:
    """``path`` with the view's tertial, department, unit and language, and its data
    (``visa=aktuell`` kept; the page's own choices left out, as the matrix's links do)."""
    kept = tuple(part for part in state.page if part[0] == SHOW)
    return path + query(state.with_(page=kept))


def sentence_href(key: str, state: ViewState) -> str | None:
    """The page that explains a narrative sentence (by its rule's key): the perspective the
    rule reads, the government assignments' page for theirs; None for the no-data one."""
    if key in SENTENCE_PATHS:
        return perspective_href(SENTENCE_PATHS[key], state)
    path = PATHS.get(key.split(".", 1)[0])
    return None if path is None else perspective_href(path, state)


def _points(label: str, value: str, change: object, previous: str | None,
            lang: str) -> CardFigure:
    """A figure whose change is a difference of fractions, in percentage points."""
    if is_missing(change) or not previous:
        return CardFigure(label, value)
    text = f"{arrow(change)} {short_points(change, lang)}"
    return CardFigure(label, value, text, t("matrix.change", lang, previous=previous,
                                            change=fmt.points(change, lang=lang)))


def operations_card(ops: Mapping, lang: str, href: str = "") -> OverviewCard:
    """The headline table's card figures, the green share with its change."""
    figures = []
    for figure in headline.figures(headline.CARD):
        label, value = figure.label(lang), figure.text(figure.value(ops), lang)
        if figure.key == "green_share":
            figures.append(_points(label, value, ops.get("green_share_change"),
                                   ops.get("previous_period"), lang))
        else:
            figures.append(CardFigure(label, value))
    return OverviewCard("operations", t("card.operations", lang), ops.get("status"),
                        tuple(figures), href=href)


def _pace(fin: Mapping, before: Mapping, lang: str) -> CardFigure:
    """Consumption with the change of its distance to the year's pace since the previous
    tertial: year-to-date, it grows by about a third of the budget every tertial, so its
    own change would only tell the calendar ("+33,7 p.e." from T1 to T2)."""
    label = t("headline.consumption", lang)
    value = fmt.percent(fin.get("consumption"), lang=lang)
    change, previous = before.get("consumption_vs_share_change"), before.get("period")
    if is_missing(change) or not previous:
        return CardFigure(label, value)
    text = f"{arrow(change)} {short_points(change, lang)} {t('cards.pace', lang)}"
    title = t("cards.pace_title", lang, share=fmt.percent(fin.get("year_share"), lang=lang),
              now=fmt.points(fin.get("consumption_vs_share"), lang=lang),
              then=fmt.points(before.get("consumption_vs_share"), lang=lang),
              previous=previous, change=fmt.points(change, lang=lang))
    return CardFigure(label, value, text, title)


def finance_card(fin: Mapping, lang: str, href: str = "") -> OverviewCard:
    """Consumption (against the year's pace) and forecast deviation with their changes since
    the previous tertial of the same year, and the forecast against the previous forecast
    where there is one."""
    before = fin.get("previous") or {}
    previous = before.get("period")
    figures = [
        _pace(fin, before, lang),
        _points(t("headline.deviation", lang),
                fmt.percent(fin.get("forecast_deviation"), lang=lang, sign=True),
                before.get("forecast_deviation_change"), previous, lang),
    ]
    against = fin.get("forecast_vs_previous")
    if not is_missing(against):
        figures.append(CardFigure(t("cards.forecast_vs_previous", lang),
                                  signed_money(against, lang)))
    return OverviewCard("finance", t("card.finance", lang), fin.get("status"), tuple(figures),
                        href=href)


def staff_reason(staff: Mapping, lang: str) -> str:
    """The rate that makes the staff card red or yellow, with its value and target:
    "Personalomsättning 11,2 % (mål högst 8 %)"; both when both stand at that status; ""
    when the card is green, has no status, or the small-group rule hides the rates."""
    status = rates_status(staff)
    if status is None or status == GREEN:
        return ""
    parts = [t("cards.reason", lang, figure=t(f"headline.{rate}", lang),
               value=fmt.percent(staff.get(rate), lang=lang),
               target=fmt.rate_target(staff.get(f"{rate}_target"),
                                      staff.get(f"{rate}_direction"), lang))
             for rate in RATES if staff.get(f"{rate}_status") == status]
    return t("cards.reason_join", lang).join(parts)


def staff_card(staff: Mapping, lang: str, href: str = "") -> OverviewCard:
    figures = (
        CardFigure(t("headline.headcount", lang), fmt.number(staff.get("headcount"), lang=lang)),
        CardFigure(t("headline.change_previous", lang),
                   fmt.change(staff.get("headcount_change"), lang=lang)),
        CardFigure(t("headline.of_which_temporary", lang),
                   fmt.change(staff.get("temporary_change"), lang=lang)),
    )
    return OverviewCard("staff", t("card.staff", lang), rates_status(staff), figures,
                        staff_reason(staff, lang), href)


def processes_card(rows: list[Mapping], lang: str, href: str = "") -> OverviewCard:
    figures = tuple(
        CardFigure(p["kpi"], f"{fmt.with_unit(p['value'], p.get('unit_of_measure'), lang)}  "
                             f"{status_label(p.get('status'), lang)}") for p in rows)
    return OverviewCard("processes", t("card.processes", lang), processes_status(rows),
                        figures, href=href)


def overview_cards(result: Mapping, state: ViewState) -> list[OverviewCard]:
    """The four cards of a summary (``kpis.summary``) for the view in ``state``."""
    lang = state.lang

    def href(name: str) -> str:
        return perspective_href(PATHS[name], state)

    return [operations_card(result["operations"], lang, href("operations")),
            finance_card(result["finance"], lang, href("finance")),
            staff_card(result["staff"], lang, href("staff")),
            processes_card(result["processes"], lang, href("processes"))]
