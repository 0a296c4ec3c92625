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
    # Tillgänglighet page
    "page_accessibility": ("Tillgänglighet", "Accessibility"),
    "a11y_heading": ("Tillgänglighet för Tertial", "Accessibility of Tertial"),
    "a11y_intro": ("Myndigheten står bakom webbtjänsten Tertial. Vi vill att så många som "
                   "möjligt ska kunna använda den. Här beskriver vi hur Tertial uppfyller lagen "
                   "(2018:1937) om tillgänglighet till digital offentlig service, vilka "
                   "tillgänglighetsproblem vi känner till och hur du kan rapportera brister till "
                   "oss så att vi kan åtgärda dem.",
                   "The agency is responsible for the web service Tertial. We want as many "
                   "people as possible to be able to use it. This statement describes how Tertial "
                   "complies with the Swedish Act (2018:1937) on accessibility to digital public "
                   "services, the accessibility problems we know of, and how you can report "
                   "shortcomings to us so that we can fix them."),
    "a11y_how_heading": ("Hur tillgänglig är webbtjänsten?", "How accessible is the service?"),
    "a11y_how_body": ("Vi vet att delar av Tertial inte är helt tillgängliga. Se avsnittet om "
                      "innehåll som inte är tillgängligt nedan.",
                      "We know that parts of Tertial are not fully accessible. See the section "
                      "on content that is not accessible below."),
    "a11y_report_heading": ("Rapportera brister i webbtjänstens tillgänglighet",
                            "Report shortcomings in the service's accessibility"),
    "a11y_report_body": ("Vi strävar hela tiden efter att förbättra tillgängligheten. Om du "
                         "upptäcker problem som inte beskrivs här, om du anser att vi inte "
                         "uppfyller lagens krav, eller om du behöver innehållet i en annan form, "
                         "meddela oss så att vi får veta att problemet finns.",
                         "We keep working to improve accessibility. If you find problems that "
                         "are not described here, if you think we do not meet the requirements "
                         "of the law, or if you need the content in another form, tell us so "
                         "that we know about the problem."),
    "a11y_contact": ("Kontakt: [kontaktadress som myndigheten fyller i]",
                     "Contact: [contact address to be filled in by the agency]"),
    "a11y_complain_heading": ("Tillsyn", "Enforcement"),
    "a11y_complain_body": ("Myndigheten för digital förvaltning (DIGG) ansvarar för tillsynen "
                           "av lagen om tillgänglighet till digital offentlig service. Om du "
                           "inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta "
                           "DIGG och påtala det.",
                           "The Agency for Digital Government (DIGG, Myndigheten för digital "
                           "förvaltning) supervises the Act on accessibility to digital public "
                           "services. If you are not satisfied with how we handle your "
                           "comments, you can contact DIGG and complain."),
    "a11y_digg_link": ("Anmäl till DIGG (digg.se)", "Complain to DIGG (digg.se)"),
    "a11y_technical_heading": ("Teknisk information om webbtjänstens tillgänglighet",
                               "Technical information about the service's accessibility"),
    "a11y_technical_body": ("Tertial är delvis förenlig med lagen om tillgänglighet till "
                            "digital offentlig service och med WCAG 2.1 nivå AA, på grund av "
                            "de brister som beskrivs nedan.",
                            "Tertial is partially compliant with the Act on accessibility to "
                            "digital public services and with WCAG 2.1 level AA, because of "
                            "the shortcomings described below."),
    "a11y_gaps_heading": ("Innehåll som inte är tillgängligt",
                          "Content that is not accessible"),
    "a11y_gaps_body": ("Bristerna nedan kommer främst från komponenter som vi inte själva "
                       "utvecklar.",
                       "The shortcomings below come mainly from components that we do not "
                       "develop ourselves."),
    "a11y_gap_charts": ("Diagrammen ritas av plotly som SVG-grafik. Skärmläsare kan inte läsa "
                        "dem fullt ut och det går inte att flytta sig inuti ett diagram med "
                        "tangentbordet (WCAG 1.1.1, 2.1.1). Varje diagram har en rubrik och en "
                        "tabell med samma siffror som alternativ.",
                        "The charts are drawn by plotly as SVG graphics. Screen readers cannot "
                        "read them fully and you cannot move inside a chart with the keyboard "
                        "(WCAG 1.1.1, 2.1.1). Every chart has a title and a table with the same "
                        "figures as an alternative."),
    "a11y_gap_grid": ("Uppdragstabellens filtermenyer kommer från AG Grid. Vi styr inte fullt "
                      "ut hur de hanteras med tangentbord och skärmläsare (WCAG 2.1.1, 4.1.2). "
                      "Sökfältet ovanför tabellen söker i samma uppgifter.",
                      "The filter menus of the assignments grid come from AG Grid. We do not "
                      "fully control how they work with keyboard and screen readers (WCAG "
                      "2.1.1, 4.1.2). The search field above the grid searches the same data."),
    "a11y_gap_contrast": ("Statusfärgernas kontrast är kontrollerad mot WCAG 2.1 AA (1.4.3, "
                          "1.4.11), och status visas alltid även med ord och symbol, inte bara "
                          "med färg (1.4.1). Färgerna i diagrammens verktygsfält och "
                          "hovringsrutor från plotly är inte granskade.",
                          "The contrast of the status colours is checked against WCAG 2.1 AA "
                          "(1.4.3, 1.4.11), and a status is always shown with a word and a "
                          "symbol as well, never by colour alone (1.4.1). The colours of "
                          "plotly's chart toolbar and hover boxes have not been reviewed."),
    "a11y_method_heading": ("Hur vi testat webbtjänsten", "How we tested the service"),
    "a11y_method_body": ("Vi har gjort en självskattning (intern granskning) av Tertial, med "
                         "automatiska tester i webbläsare och genomgång med tangentbord.",
                         "We have made a self-assessment (internal review) of Tertial, with "
                         "automated browser tests and a keyboard walk-through."),
    "a11y_updated": ("Redogörelsen upprättades den 29 november 2026.",
                     "This statement was made on 29 November 2026."),
})

LANGUAGES = ("sv", "en")


def t(key: str, lang: str = "sv", **fields: object) -> str:
    """The text for ``key`` in ``lang``, with ``fields`` filled in."""
    sv, en = TEXTS[key]
    text = en if lang == "en" else sv
    return text.format(**fields) if fields else text
