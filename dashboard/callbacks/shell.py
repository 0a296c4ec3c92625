"""The filters and the address keep each other in step (one circular callback)."""

from __future__ import annotations

import json

import dash
import dash_mantine_components as dmc
from dash import Input, Output, State, callback, clientside_callback, ctx, dcc

from dashboard import ids
from dashboard.components.shell import user_menu
from dashboard.state.address import page_params
from dashboard.state.shell import from_address, from_filters
from dashboard.text.i18n import t
from dashboard.web.auth import current_user, reach
from dashboard.web.context import current
from dashboard.web.report import REPORT_PATH
from dashboard.web.roles import can

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
)
def sync_filters(search, period, department, unit, lang):
    frames = current().frames.current().frames
    if ctx.triggered_id in TRIGGERS:
        view = from_filters(period, department, unit, lang, frames,
                            changed=TRIGGERS[ctx.triggered_id], reach=reach(),
                            page=page_params(search))
    else:
        view = from_address(search, frames, reach())
    new_search = view.search if view.search != (search or "") else dash.no_update
    alerts = [dmc.Alert(p, color="yellow", variant="light") for p in view.problems]
    return (new_search, view.period_options, view.period, view.department_options,
            view.department, view.unit_options, view.unit, view.lang, alerts)


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
    lang = "en" if lang == "en" else "sv"
    user = current_user()
    links = [
        dcc.Link(t(page.get("title_key", "nav.overview"), lang),
                 href=page["relative_path"] + (search or ""),
                 className="nav-link current" if page["relative_path"] == pathname
                 else "nav-link")
        for page in dash.page_registry.values()
        if page.get("nav", True) and can(user, page.get("access", "read"))  # nav=False: linked
    ]
    return (links, t("shell.filter_period", lang), t("shell.filter_department", lang),
            t("shell.filter_unit", lang), t("shell.all_departments", lang),
            t("shell.all_units", lang), t("shell.app_subtitle", lang),
            t("shell.skip_to_content", lang),
            user_menu(user, lang, current().settings.auth_mode == "password"),
            REPORT_PATH + (search or ""), t("shell.report_link", lang),
            t("shell.export_link", lang), t("shell.menu", lang), t("shell.nav_label", lang),
            t("shell.take_away", lang))


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
