"""The Uppföljning page put together for one reader and one view: the round of the chosen
tertial, its progress, its adoption, and the chosen department's assessments. Read again
after every change (the records are small; a department's assignments are a few hundred)."""

from __future__ import annotations

import datetime as dt

from dash import html

from dashboard.components import followup as parts
from dashboard.state.address import ViewState
from dashboard.text.formatting import TIME_ZONE
from dashboard.text.i18n import t
from dashboard.views import followup as view
from dashboard.web.auth import current_user, reach
from dashboard.web.context import current
from dashboard.web.paths import FOLLOWUP_GUIDE_PATH
from dashboard.web.roles import opening_department
from loaders.followup.cycle import FollowUp
from loaders.text import one_key


def today() -> dt.date:
    """Today in Sweden: what "days left" and "overdue" count from."""
    return dt.datetime.now(TIME_ZONE).date()


def cycle() -> FollowUp:
    return current().frames.followup


def body(state: ViewState) -> list:
    """Everything below the page's message, for ``state``'s tertial and department."""
    lang, period = state.lang, state.period
    if period is None:
        return [html.H1(t("page.empty_title", lang)), html.P(t("page.empty_body", lang))]
    followup, user, day = cycle(), current_user(), today()
    found = followup.round(period)
    adoptions = followup.adoptions(period)
    adoption = adoptions[0] if adoptions else None
    # a head or reporter sees their own department's assessments unless they chose another
    department = state.department or reach().only or opening_department(user)
    can = view.controls(user.role if user else None, user.department if user else None,
                        department, found)
    children: list = [html.H1(t("followup.heading", lang, period=period)),
                      *(html.P(line, className="followup-state")
                        for line in view.round_line(period, found, adoption, day, lang)),
                      html.P(html.A(t("followup.guide_link", lang),
                                    href=f"{FOLLOWUP_GUIDE_PATH}?lang={lang}"))]
    last_day = (found.last_day if found else
                view.default_last_day(period)).isoformat()
    children.append(parts.round_section(lang, can, found.state if found else None, last_day))
    if found is not None and can.follow:
        seen = followup.progress(period, day)
        children.append(parts.progress_section(lang, view.progress_rows(seen, lang),
                                               seen.ready_count))
        children.append(parts.adopt_section(lang, can, view.not_ready(seen),
                                            adoption.version if adoption else 0))
    if adoptions:  # what a correction changed: every department's, so not to those held
        children.append(_versions(adoptions, period, lang, details=reach().only is None))
    children.append(_department(state, followup, department, can, found, day))
    return children


def _versions(adoptions: list, period: str, lang: str, details: bool) -> html.Section:
    """Every adopted version; each correction with what it changed against version 1 (the
    assignments of the whole agency: ``details`` only for readers not held to one
    department)."""
    cache, first = current().frames, adoptions[-1]
    items = []
    for adoption, line in zip(adoptions, view.version_lines(adoptions, lang), strict=True):
        if adoption.version == 1 or not details:
            items.append(html.Li(line))
            continue
        changed = view.version_differences(cache.adopted(first).frames,
                                           cache.adopted(adoption).frames, period, lang)
        shown = changed[:view.DIFFERENCES_SHOWN]
        items.append(html.Li([line, html.P(t("followup.diff_heading", lang,
                                             count=len(changed))),
                              html.Ul([html.Li(c) for c in shown])]))
    return html.Section([html.H2(t("followup.versions_heading", lang)), html.Ul(items)],
                        className="followup-versions")


def _department(state: ViewState, followup: FollowUp, department: str | None,
                can: view.Controls, found, day: dt.date):
    lang, period = state.lang, state.period
    if not department:
        return parts.choose_department(lang)
    by_department = followup.department_assessments(period)
    name = next((d for d in by_department if one_key(d) == one_key(department)), None)
    if name is None:
        return parts.choose_department(lang)
    ready = bool(found) and name in followup.ready(period)
    frames = current().frames.current().frames["assignments"]
    rows = frames[frames["period"] == period]
    names = dict(zip(rows["id"], rows["name"], strict=True))
    table = view.assessment_rows(by_department[name], followup.assessments(period), names,
                                 lang, view.as_of(period, found, day))
    return parts.department_section(lang, name, ready, can, table)
