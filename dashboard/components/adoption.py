"""The line under every page's heading that says whose follow-up the reader sees: the
adopted one ("Fastställd 2018-10-02 av …", today's data one click away), today's data of an
adopted tertial (marked as not adopted, the adopted one a click away), or a tertial not yet
adopted."""

from __future__ import annotations

from dash import html

from dashboard.data import Snapshot
from dashboard.state.address import SHOW, SHOW_CURRENT, ViewState, query, with_page
from dashboard.text.i18n import t
from dashboard.views.followup import adoption_text


def adoption_line(state: ViewState, shown: Snapshot, live: Snapshot) -> html.P:
    lang, period = state.lang, state.period
    adoption = live.adoptions.get(period) if period else None
    if adoption is None:
        return html.P(t("adoption.not_adopted", lang, period=period),
                      className="adoption-line not-adopted")
    if shown.adoption is not None:
        return html.P([adoption_text(shown.adoption, lang), " ",
                       html.A(t("adoption.show_current", lang),
                              href=with_page(query(state), SHOW, SHOW_CURRENT))],
                      className="adoption-line adopted")
    return html.P([t("adoption.current", lang, version=adoption.version), " ",
                   html.A(t("adoption.show_adopted", lang),
                          href=with_page(query(state), SHOW, None))],
                  className="adoption-line current")
