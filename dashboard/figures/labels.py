"""Every word the figures show, in Swedish and English: titles, axes, legends, hover texts.

A table, not code: ``TEXTS[key] = (Swedish, English)``. Status names carry the same symbol
as everywhere else in Tertial (● green, ▲ yellow, ■ red), so a status is never told by
colour alone, not even in a legend printed in black and white.
"""

from __future__ import annotations

from types import MappingProxyType

from dashboard.status import NO_STATUS, STATUS_LABELS

LANGUAGES: tuple[str, ...] = ("sv", "en")

TEXTS = MappingProxyType({
    # statuses: from the one table of status labels
    **{code: STATUS_LABELS[code] for code in ("green", "yellow", "red")},
    "no_status": (NO_STATUS, NO_STATUS),
    # titles
    "title.status_distribution": ("Status för aktiva uppdrag", "Status of active assignments"),
    "title.status_trend": ("Status för aktiva uppdrag per tertial",
                           "Status of active assignments by tertial"),
    "title.status_by.department": ("Status för aktiva uppdrag per avdelning",
                                   "Status of active assignments by department"),
    "title.status_by.unit": ("Status för aktiva uppdrag per enhet",
                             "Status of active assignments by unit"),
    "title.status_by.result_area": ("Status för aktiva uppdrag per resultatområde",
                                    "Status of active assignments by result area"),
    "title.status_by.goal": ("Status för aktiva uppdrag per mål",
                             "Status of active assignments by goal"),
    "title.finance.unit": ("Budget, utfall och prognos per enhet",
                           "Budget, outcome and forecast by unit"),
    "title.finance.department": ("Budget, utfall och prognos per avdelning",
                                 "Budget, outcome and forecast by department"),
    "title.finance.category": ("Budget, utfall och prognos per kostnadsslag",
                               "Budget, outcome and forecast by cost category"),
    "title.finance_trend": ("Förbrukningsgrad mot andel av året",
                            "Consumption against share of the year gone"),
    "title.staff_trend": ("Antal anställda per tertial", "Headcount by tertial"),
    "title.staff_change.unit": ("Förändring av antal anställda per enhet sedan föregående "
                                "tertial", "Change in headcount by unit since previous tertial"),
    "title.staff_change.department": ("Förändring av antal anställda per avdelning sedan "
                                      "föregående tertial",
                                      "Change in headcount by department since previous "
                                      "tertial"),
    "no_data": ("Det finns inga data för urvalet.", "There is no data for the selection."),
    "no_previous": ("Det finns ingen föregående tertial att jämföra med.",
                    "There is no previous tertial to compare with."),
    "no_active": ("Urvalet har inga aktiva uppdrag.",
                  "The selection has no active assignments."),
    # axes and table headers
    "row": ("Kategori", "Category"),
    "period": ("Tertial", "Tertial"),
    "share": ("Andel", "Share"),
    "count": ("Antal", "Count"),
    "status": ("Status", "Status"),
    "active_assignments": ("Aktiva uppdrag", "Active assignments"),
    "share_of_active": ("Andel av aktiva uppdrag", "Share of active assignments"),
    "money": ("tkr", "kSEK"),
    "headcount": ("Antal anställda", "Headcount"),
    "change": ("Förändring (antal anställda)", "Change (headcount)"),
    "department": ("Avdelning", "Department"),
    "unit": ("Enhet", "Unit"),
    "result_area": ("Resultatområde", "Result area"),
    "goal": ("Mål", "Goal"),
    "category": ("Kostnadsslag", "Cost category"),
    "not_given": ("(ej angivet)", "(not given)"),
    "agency_wide": ("Myndighetsgemensamt", "Agency-wide"),
    "agency": ("Myndigheten", "The agency"),
    "no_department": ("(utan avdelning)", "(no department)"),
    # series
    "budget": ("Budget (helår)", "Budget (full year)"),
    "outcome": ("Utfall (hittills i år)", "Outcome (year to date)"),
    "forecast": ("Prognos (helår)", "Forecast (full year)"),
    "consumption": ("Förbrukningsgrad", "Consumption"),
    "year_share": ("Andel av året", "Share of the year gone"),
    "permanent": ("Tillsvidare", "Permanent"),
    "temporary": ("Tidsbegränsade", "Temporary"),
    "headcount_change": ("Antal anställda", "Headcount"),
    "net_change": ("◆ Netto", "◆ Net change"),
    "target": ("Mål", "Target"),
    "value": ("Värde", "Value"),
    "higher": ("Högre är bättre", "Higher is better"),
    "lower": ("Lägre är bättre", "Lower is better"),
})


def text(key: str, lang: str) -> str:
    """The phrase in the language (``sv`` or ``en``); ``ValueError`` for other languages."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}: {lang!r}")
    return TEXTS[key][LANGUAGES.index(lang)]
