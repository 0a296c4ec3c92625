"""The filters and the address keep each other in step (one circular callback)."""

from __future__ import annotations

import json

import dash
import dash_mantine_components as dmc
from dash import Input, Output, State, callback, clientside_callback, ctx, dcc, no_update

from dashboard import ids
from dashboard.components.shell import user_menu
from dashboard.state.address import page_params
from dashboard.state.shell import from_address, from_filters
from dashboard.text.i18n import t
from dashboard.web.auth import current_user, reach
from dashboard.web.context import current
from dashboard.web.report import REPORT_PATH
from dashboard.web.roles import can
from loaders.language import language

TRIGGERS = {ids.PERIOD: "period", ids.DEPARTMENT: "department", ids.UNIT: "unit",
            ids.LANGUAGE: "lang"}


@callback(
    Output(ids.URL, "search"),
    Output(ids.PERIOD, "data"), Output(ids.PERIOD, "value"),
    Output(ids.DEPARTMENT, "data"), Output(ids.DEPARTMENT, "value"),
    Output(ids.UNIT, "data"), Output(ids.UNIT, "value"),
    Output(ids.LANGUAGE, "value"),
    Output(ids.PROBLEMS, "children"),
    Input(ids.URL, "search"),
    Input(ids.PERIOD, "value"), Input(ids.DEPARTMENT, "value"), Input(ids.UNIT, "value"),
    Input(ids.LANGUAGE, "value"),
    State(ids.PERIOD, "data"), State(ids.DEPARTMENT, "data"), State(ids.UNIT, "data"),
    State(ids.PROBLEMS, "children"),
)
def sync_filters(search, period, department, unit, lang, period_data=None,
                 department_data=None, unit_data=None, shown_problems=None):
    """The address for the filters, or the filters for the address; only what differs from
    what the page shows is sent (the rest ``no_update``, see :func:`changed`)."""
    frames = current().frames.current().frames
    if ctx.triggered_id in TRIGGERS:
        view = from_filters(period, department, unit, lang, frames,
                            changed=TRIGGERS[ctx.triggered_id], reach=reach(),
                            page=page_params(search))
    else:
        view = from_address(search, frames, reach())
    alerts = [dmc.Alert(p, color="yellow", variant="light") for p in view.problems]
    return changed(
        (search or "", period_data, period, department_data, department, unit_data, unit,
         lang, shown_problems or []),
        (view.search, view.period_options, view.period, view.department_options,
         view.department, view.unit_options, view.unit, view.lang, alerts))


def changed(shown: tuple, answer: tuple) -> tuple:
    """``answer`` with ``no_update`` wherever the page already shows the same.

    The shell's callback runs again for every address it writes (a page opened at an address
    with a problem, which the server serves as asked: ``dashboard/web/addresses.py``, is then
    written again without it) and for every filter changed. An answer that sets a list or a
    value the page already has is not harmless: an open list drawn again loses the option
    the arrow keys reached, a value set again fires the callbacks that read it (the
    export's, on the language), and Dash drops a callback still in flight when it fires
    again (a click on the export button was lost that way). So only what differs is sent.
    Problems shown before are compared by their presence only (a new address always sends
    its own)."""
    *values, problems = answer
    *before, shown_problems = shown
    kept = [no_update if new == old else new for new, old in zip(values, before, strict=True)]
    return (*kept, no_update if not problems and not shown_problems else problems)


@callback(
    Output(ids.NAV, "children"),
    Output(ids.PERIOD, "label"), Output(ids.DEPARTMENT, "label"), Output(ids.UNIT, "label"),
    Output(ids.DEPARTMENT, "placeholder"), Output(ids.UNIT, "placeholder"),
    Output(ids.SUBTITLE, "children"), Output(ids.SKIP_LINK, "children"),
    Output(ids.USER_MENU, "children"),
    Output(ids.REPORT_LINK, "href"), Output(ids.REPORT_LINK, "children"),
    Output(ids.EXPORT_BUTTON, "children"), Output(ids.NAV_TOGGLE, "aria-label"),
    Output(ids.NAV, "aria-label"), Output(ids.TAKE_AWAY, "aria-label"),
    Input(ids.URL, "search"), Input(ids.URL, "pathname"), Input(ids.LANGUAGE, "value"),
)
def translate_shell(search, pathname, lang):
    """The shell's words in the language, and the links that carry the address. A new
    address alone (a filter changed) changes only the links: the rest is ``no_update``, so
    that the browser does not mount the user menu anew or update a label to the same words
    on every filter change (each costs the page's renderer, see benchmarks/README.md)."""
    lang = language(lang)
    links = _nav_links(search, pathname, lang)
    report = REPORT_PATH + (search or "")
    if set(ctx.triggered_prop_ids) == {f"{ids.URL}.search"}:
        return (links, *[no_update] * 8, report, *[no_update] * 5)
    user = current_user()
    return (links, t("shell.filter_period", lang), t("shell.filter_department", lang),
            t("shell.filter_unit", lang), t("shell.all_departments", lang),
            t("shell.all_units", lang), t("shell.app_subtitle", lang),
            t("shell.skip_to_content", lang),
            user_menu(user, lang, current().settings.auth_mode == "password"),
            report, t("shell.report_link", lang),
            t("shell.export_link", lang), t("shell.menu", lang), t("shell.nav_label", lang),
            t("shell.take_away", lang))


def _nav_links(search: str | None, pathname: str | None, lang: str) -> list:
    """The navigation: a link per page the user may use, on the address's selection."""
    user = current_user()
    return [
        dcc.Link(t(page.get("title_key", "nav.overview"), lang),
                 href=page["relative_path"] + (search or ""),
                 className="nav-link current" if page["relative_path"] == pathname
                 else "nav-link")
        for page in dash.page_registry.values()
        if page.get("nav", True) and can(user, page.get("access", "read"))  # nav=False: linked
    ]


# A narrow screen: the menu button opens and closes the filters and the navigation (its
# aria-expanded says which, and base.css shows them by it); choosing a page closes them and
# moves the focus to the page chosen (the link is gone). In the browser: no round trip.
clientside_callback(
    """function (opened, navbar) {
        return [Object.assign({}, navbar, {collapsed: {mobile: !opened}}),
                opened ? "true" : "false"];
    }""",
    Output(ids.APP_SHELL, "navbar"), Output(ids.NAV_TOGGLE, "aria-expanded"),
    Input(ids.NAV_TOGGLE, "opened"),
    State(ids.APP_SHELL, "navbar"),
)
clientside_callback(
    """function (_pathname, opened) {
        if (!opened) { return window.dash_clientside.no_update; }
        var nav = document.getElementById(""" + json.dumps(ids.NAV) + """);
        var page = document.getElementById(""" + json.dumps(ids.CONTENT) + """);
        if (nav && page && nav.contains(document.activeElement)) {
            window.setTimeout(function () { page.focus(); }, 0);
        }
        return false;
    }""",
    Output(ids.NAV_TOGGLE, "opened"),
    Input(ids.URL, "pathname"),
    State(ids.NAV_TOGGLE, "opened"),
    prevent_initial_call=True,
)
