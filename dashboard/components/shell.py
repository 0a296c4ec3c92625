"""The frame around every page: header with the filters, navigation, and the page itself."""

from __future__ import annotations

import dash
import dash_mantine_components as dmc
from dash import dcc, html

from dashboard import ids
from dashboard.components.export import export_control
from dashboard.text.i18n import LANGUAGES, t
from dashboard.web.auth import shown_name
from dashboard.web.paths import LOGOUT_PATH
from dashboard.web.report import REPORT_PATH
from dashboard.web.roles import User

THEME = {
    "fontFamily": "system-ui, 'Segoe UI', Roboto, sans-serif",
    "primaryColor": "indigo",
    "defaultRadius": "md",
}


def _select(component_id: str, label_key: str, clearable: bool) -> dmc.Select:
    # value None from the start, not left out: the select reports an unset value as None
    # once its options come, and that report would ask the shell's callback again (it
    # answers only what changed, callbacks/shell.py)
    return dmc.Select(id=component_id, label=t(label_key), data=[], value=None,
                      clearable=clearable,
                      searchable=True, allowDeselect=clearable,
                      className="shell-filter", comboboxProps={"withinPortal": True})


def filters() -> dmc.Group:
    return dmc.Group([
        _select(ids.PERIOD, "shell.filter_period", clearable=False),
        _select(ids.DEPARTMENT, "shell.filter_department", clearable=True),
        _select(ids.UNIT, "shell.filter_unit", clearable=True),
        dmc.SegmentedControl(id=ids.LANGUAGE, value="sv", data=[
            {"value": lang, "label": t(f"shell.language_{lang}")} for lang in LANGUAGES],
            **{"aria-label": " / ".join(t("shell.language", lang) for lang in LANGUAGES)}),
    ], align="flex-end", gap="md", wrap="wrap", className="shell-filters")


def take_away() -> html.Div:
    """What takes the view along: the meeting report (it opens in a new tab, with its PDF;
    the shell's callback keeps its address on the view's filters) and the numbers as a
    workbook, made in the background (``dashboard/components/export.py``)."""
    return html.Div([
        html.A(t("shell.report_link"), id=ids.REPORT_LINK, href=REPORT_PATH, target="_blank",
               rel="noopener", className="take-away-link"),
        export_control(),
    ], id=ids.TAKE_AWAY, className="take-away", role="group",
        **{"aria-label": t("shell.take_away")})


def navigation() -> html.Nav:
    return html.Nav(id=ids.NAV, **{"aria-label": t("shell.nav_label")})


def user_menu(user: User | None, lang: str, can_log_out: bool) -> list:
    """Who is logged in (name and role) and, with the password mode, the logout button: a
    plain form posted to the logout route (the route ends the session on the server)."""
    if user is None:
        return []
    role = t(f"auth.role.{user.role}", lang)
    parts: list = [html.P(t("auth.signed_in_as", lang, name=shown_name(user, lang), role=role),
                          className="signed-in")]
    if can_log_out:
        parts.append(html.Form([
            dcc.Input(type="hidden", name="lang", value=lang),
            html.Button(t("auth.logout", lang), type="submit", className="logout")],
            action=LOGOUT_PATH, method="post"))
    return parts


def error_notification(lang: str = "sv") -> dmc.Alert:
    """What the reader sees when a callback failed: a message, never a traceback."""
    return dmc.Alert(t("shell.error_body", lang), title=t("shell.error_title", lang), color="red",
                     variant="light", withCloseButton=True)


# On a narrow screen (a phone, a tablet upright: below Mantine's "md", 62em) the header keeps
# the menu button and the title; the button opens the filters and the navigation together,
# in the page's flow (assets/base.css, which also sizes the filters), its aria-expanded
# saying whether they are open (callbacks/shell.py), Escape closing them (assets/menu.js).
NARROW = "md"
NAVBAR = {"width": 200, "breakpoint": NARROW, "collapsed": {"mobile": True}}


def menu_button() -> dmc.Burger:
    return dmc.Burger(id=ids.NAV_TOGGLE, opened=False, hiddenFrom=NARROW, size="sm",
                      **{"aria-label": t("shell.menu"), "aria-controls": ids.NAV,
                         "aria-expanded": "false"})


def layout() -> dmc.MantineProvider:
    return dmc.MantineProvider(theme=THEME, children=[
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        html.A(t("shell.skip_to_content"), href=f"#{ids.CONTENT}", className="skip-link",
               id=ids.SKIP_LINK),
        dmc.AppShell([
            dmc.AppShellHeader(dmc.Group([
                dmc.Group([
                    menu_button(),
                    html.Div([dmc.Text(t("shell.app_title"), fw=700, size="xl"),
                              dmc.Text(t("shell.app_subtitle"), id=ids.SUBTITLE, size="sm",
                                       className="subtitle")]),
                ], gap="sm", wrap="nowrap", className="shell-title"),
                filters(),
            ], justify="space-between", align="flex-end", px="md", py="xs", wrap="wrap",
                className="shell-header")),
            dmc.AppShellNavbar([navigation(), take_away(),
                                html.Div(id=ids.USER_MENU, className="user-menu")], p="md"),
            dmc.AppShellMain(html.Div([
                html.Div(id=ids.PROBLEMS, role="status"),
                html.Div(id=ids.NOTIFICATIONS, role="alert"),
                html.Div(dash.page_container, id=ids.CONTENT, tabIndex="-1"),
            ])),
        ], id=ids.APP_SHELL, header={"height": 120}, navbar=NAVBAR, padding="md"),
    ])
