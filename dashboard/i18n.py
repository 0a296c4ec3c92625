"""Every label of the interface in Swedish and English: one table, looked up by key.

Swedish is the default; :func:`t` falls back to Swedish for nothing (a missing key is a bug
that a test catches: every key has both languages, and every key used by a page exists).
"""

from __future__ import annotations

from types import MappingProxyType

TEXTS = MappingProxyType({
    # the shell
    "app_title": ("Tertial", "Tertial"),
    "app_subtitle": ("Tertialuppföljning", "Tertial follow-up"),
    "nav_label": ("Sidor", "Pages"),
    "page_overview": ("Översikt", "Overview"),
    "filter_period": ("Tertial", "Tertial"),
    "filter_department": ("Avdelning", "Department"),
    "filter_unit": ("Enhet", "Unit"),
    "all_departments": ("Hela myndigheten", "Whole agency"),
    "all_units": ("Alla enheter", "All units"),
    "language": ("Språk", "Language"),
    "skip_to_content": ("Hoppa till innehållet", "Skip to content"),
    # address problems
    "unknown_period": ("Tertialen {value} finns inte i datat; visar den senaste.",
                       "The tertial {value} is not in the data; showing the latest."),
    "unknown_department": ("Avdelningen {value} finns inte; visar hela myndigheten.",
                           "The department {value} does not exist; showing the whole agency."),
    "unknown_unit": ("Enheten {value} finns inte; visar avdelningen.",
                     "The unit {value} does not exist; showing the department."),
    "unit_not_in_department": ("Enheten {value} hör inte till den valda avdelningen.",
                               "The unit {value} does not belong to the chosen department."),
    "unknown_lang": ("Språket {value} finns inte; visar svenska.",
                     "The language {value} is not available; showing Swedish."),
    # empty and error states
    "empty_title": ("Ingen data ännu", "No data yet"),
    "empty_body": ("Ladda demodata med kommandot tertial demo, eller importera en arbetsbok "
                   "med tertial import FIL.",
                   "Load the demo data with the command tertial demo, or import a workbook "
                   "with tertial import FILE."),
    "error_title": ("Något gick fel", "Something went wrong"),
    "error_body": ("Vyn kunde inte visas. Försök igen; kvarstår felet, kontakta den som "
                   "förvaltar Tertial.",
                   "The view could not be shown. Try again; if it persists, contact whoever "
                   "runs Tertial."),
    # the overview
    "overview_heading": ("Tertialuppföljning {period}", "Tertial follow-up {period}"),
    "scope_agency": ("Hela myndigheten", "Whole agency"),
    "narrative_heading": ("Sammanfattning", "Summary"),
    "operations": ("Verksamhet", "Operations"),
    "finance": ("Ekonomi", "Finance"),
    "staff": ("Medarbetare", "Staff"),
    "processes": ("Processer", "Processes"),
    "green_share": ("Andel gröna uppdrag", "Share of green assignments"),
    "government_assignments": ("Regeringsuppdrag", "Government assignments"),
    "new_government": ("Nya regeringsuppdrag", "New government assignments"),
    "consumption": ("Förbrukningsgrad", "Consumption"),
    "year_share": ("Andel av året", "Share of the year"),
    "deviation": ("Prognosavvikelse", "Forecast deviation"),
    "headcount": ("Anställda", "Employees"),
    "change_previous": ("Förändring sedan förra tertialen", "Change since the previous tertial"),
    "of_which_permanent": ("varav tillsvidareanställda", "of which permanent"),
    "of_which_temporary": ("varav tidsbegränsat anställda", "of which temporary"),
    "kpis_on_target": ("Nyckeltal som når målet", "Key figures on target"),
    "no_status": ("Ingen status", "No status"),
    "freshness": ("Data: import {id}, {file}, {when} av {user}.",
                  "Data: import {id}, {file}, {when} by {user}."),
    "version": ("Dataversion {version}", "Data version {version}"),
    "show_table": ("Visa som tabell", "Show as table"),
})

LANGUAGES = ("sv", "en")


def t(key: str, lang: str = "sv", **fields: object) -> str:
    """The text for ``key`` in ``lang``, with ``fields`` filled in."""
    sv, en = TEXTS[key]
    text = en if lang == "en" else sv
    return text.format(**fields) if fields else text
