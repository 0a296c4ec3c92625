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
    "unknown_unit": ("Enheten {value} finns inte och har hoppats över.",
                     "The unit {value} does not exist and was left out."),
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
    # perspective pages (Ekonomi, Medarbetare, Processer)
    "page_finance": ("Ekonomi", "Finance"),
    "page_staff": ("Medarbetare", "Staff"),
    "page_processes": ("Processer", "Processes"),
    "perspective_heading": ("{title} {period}", "{title} {period}"),
    "card_budget": ("Budget och utfall", "Budget and outcome"),
    "card_forecast": ("Prognos", "Forecast"),
    "card_headcount": ("Antal anställda", "Headcount"),
    "card_presence": ("Årsarbetskrafter och frånvaro", "Full-time equivalents and absence"),
    "budget_full_year": ("Budget (helår)", "Budget (full year)"),
    "outcome_ytd": ("Utfall hittills i år", "Outcome year to date"),
    "forecast_full_year": ("Prognos (helår)", "Forecast (full year)"),
    "money_unit": ("tkr", "kSEK"),
    "consumption_note": ("Förbrukningsgraden {consumption} ska läsas mot andelen av året som "
                         "har gått, {share}.",
                         "Read the consumption of {consumption} against the share of the year "
                         "gone, {share}."),
    "forecast_missing_units": ("Prognos saknas för {n} enheter: {units}. Prognosavvikelsen "
                               "räknas bara på raderna som har en prognos.",
                               "Forecasts are missing for {n} units: {units}. The forecast "
                               "deviation covers only the rows with a forecast."),
    "forecast_missing_rows": ("Prognos saknas på {n} rader. Prognosavvikelsen räknas bara på "
                              "raderna som har en prognos.",
                              "Forecasts are missing on {n} rows. The forecast deviation "
                              "covers only the rows with a forecast."),
    "fte": ("Årsarbetskrafter", "Full-time equivalents"),
    "sick_leave": ("Sjukfrånvaro", "Sick leave"),
    "turnover": ("Personalomsättning", "Staff turnover"),
    "rates_hidden": ("Sjukfrånvaro och personalomsättning visas inte när urvalet har {limit} "
                     "anställda eller färre: då kan uppgifterna peka ut enskilda personer, och "
                     "reglerna för myndigheters redovisning tillåter inte att de redovisas.",
                     "Sick leave and staff turnover are not shown when the selection has "
                     "{limit} employees or fewer: the figures could then point out individual "
                     "persons, and Swedish reporting rules for agencies do not allow them."),
    "kpi_value": ("Utfall", "Value"),
    "kpi_target": ("Mål", "Target"),
    "no_kpis": ("Urvalet har inga nyckeltal för tertialen.",
                "The selection has no key figures for the tertial."),
    "kpi_per_unit": ("Nyckeltal räknas aldrig samman över enheter: varje enhet visas med sitt "
                     "eget värde, mål och status.",
                     "Key figures are never added up across units: each unit is shown with "
                     "its own value, target and status."),
    # Verksamhet page
    "page_operations": ("Verksamhet", "Operations"),
    "ops_heading": ("Verksamhet {period}", "Operations {period}"),
    "ops_headline": ("Uppdragen i siffror", "Assignments in figures"),
    "ops_assignments": ("Uppdrag", "Assignments"),
    "ops_share_green": ("● Andel gröna", "● Share green"),
    "ops_share_yellow": ("▲ Andel gula", "▲ Share yellow"),
    "ops_share_red": ("■ Andel röda", "■ Share red"),
    "ops_charts_heading": ("Status per grupp", "Status by group"),
    "ops_changes_heading": ("Förändringar sedan {previous}", "Changes since {previous}"),
    "ops_changes_heading_none": ("Förändringar", "Changes"),
    "ops_no_previous": ("Det finns ingen föregående tertial att jämföra med.",
                        "There is no previous tertial to compare with."),
    "ops_change_new": ("Nya uppdrag ({count})", "New assignments ({count})"),
    "ops_change_worse": ("Försämrad status ({count})", "Status worse ({count})"),
    "ops_change_better": ("Förbättrad status ({count})", "Status better ({count})"),
    "ops_change_gone": ("Finns inte längre med ({count})", "No longer listed ({count})"),
    "ops_change_none": ("Inga.", "None."),
    "ops_grid_heading": ("Alla uppdrag", "All assignments"),
    "ops_grid_help": ("Sortera genom att klicka på en kolumnrubrik och filtrera i kolumnens "
                      "meny. ⚑ markerar aktiva uppdrag med slutdatum senast {date}, när nästa "
                      "tertial slutar.",
                      "Sort by clicking a column header and filter in the column's menu. "
                      "⚑ marks active assignments ending by {date}, when the next tertial "
                      "ends."),
    "ops_quick_filter": ("Sök bland uppdragen", "Search the assignments"),
    "ops_quick_placeholder": ("Id, namn, typ, enhet, status eller kommentar",
                              "Id, name, type, unit, status or comment"),
    "ops_grid_count": ("{count} uppdrag", "{count} assignments"),
    "ops_col_id": ("Id", "Id"),
    "ops_col_name": ("Namn", "Name"),
    "ops_col_type": ("Typ", "Type"),
    "ops_col_unit": ("Enhet", "Unit"),
    "ops_col_status": ("Status", "Status"),
    "ops_col_comment": ("Kommentar", "Comment"),
    "ops_col_end_date": ("Slutdatum", "End date"),
    "ops_col_ends_soon": ("⚑ Slutar senast {date}", "⚑ Ends by {date}"),
    "grid.contains": ("Innehåller", "Contains"),
    "grid.notContains": ("Innehåller inte", "Does not contain"),
    "grid.equals": ("Lika med", "Equals"),
    "grid.notEqual": ("Inte lika med", "Does not equal"),
    "grid.startsWith": ("Börjar med", "Starts with"),
    "grid.endsWith": ("Slutar med", "Ends with"),
    "grid.blank": ("Tom", "Blank"),
    "grid.notBlank": ("Inte tom", "Not blank"),
    "grid.lessThan": ("Före", "Before"),
    "grid.greaterThan": ("Efter", "After"),
    "grid.inRange": ("Mellan", "Between"),
    "grid.andCondition": ("OCH", "AND"),
    "grid.orCondition": ("ELLER", "OR"),
    "grid.filterOoo": ("Filtrera …", "Filter …"),
    "grid.dateFormatOoo": ("åååå-mm-dd", "yyyy-mm-dd"),
    "grid.noRowsToShow": ("Inga uppdrag", "No assignments"),
    "grid.loadingOoo": ("Hämtar …", "Loading …"),
    "grid.before": ("Före", "Before"),
    "grid.after": ("Efter", "After"),
})

LANGUAGES = ("sv", "en")


def t(key: str, lang: str = "sv", **fields: object) -> str:
    """The text for ``key`` in ``lang``, with ``fields`` filled in."""
    sv, en = TEXTS[key]
    text = en if lang == "en" else sv
    return text.format(**fields) if fields else text
