"""The meeting pack's routes: the department report as a printable page and as a PDF.

* ``GET /rapport?period=…&avdelning=…&enhet=…&lang=…``: the report (server-rendered HTML,
  Jinja with autoescaping, :mod:`dashboard.reports.content` laid out by
  ``templates/report.html``); its charts are drawn by ``assets/report.js``.
* ``GET /rapport.pdf?…``: the same report as an A4 PDF (:mod:`dashboard.reports.pdf`).
* ``GET /rapport/myndighet.pdf?period=…&lang=…``: the whole agency's pack, the agency's
  report and then one per department, each starting on a new page. Refused (403) to a
  reader held to one department.

Every report opens with its cover (the agency's name from ``TERTIAL_AGENCY_NAME``, the import
its figures rest on in Stockholm time, and a link back to the same view in the dashboard) and
a table of contents: links on the page, and in the PDF the page each heading lands on
(:mod:`dashboard.reports.pdf` prints twice to know them). The survey's headline, as on the
overview, follows the narrative when the tertial has survey data.

The address is read exactly as the pages read it, with the reader's reach
(:func:`dashboard.web.auth.state_from_params`): a head held to their department who
asks for another gets their own, and the report says so.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

import flask
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from dashboard.data import Snapshot
from dashboard.kpis.numbers import plain
from dashboard.kpis.status import status_label, thresholds_from
from dashboard.reports.content import Cover, Report, agency_reports, report
from dashboard.reports.pdf import PdfError, Printer
from dashboard.state.address import SHOW, SHOW_CURRENT, ViewState, problem_texts, query
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.views.agency import agency_name
from dashboard.views.survey_headline import SurveyHeadline, survey_headline
from dashboard.web.answers import TEMPLATES, Refused, download
from dashboard.web.auth import department_limit, require, state_from_params
from dashboard.web.context import current
from dashboard.web.history_files import UNSAFE_IN_NAME
from loaders.language import pick
from loaders.periods import Tertial

blueprint = flask.Blueprint("report", __name__)
REPORT_PATH = "/rapport"
PDF_PATH = "/rapport.pdf"
AGENCY_PDF_PATH = "/rapport/myndighet.pdf"
TEMPLATE = "report.html"
PRINTER = "tertial.pdf"  # the server's extension holding the process's Printer
ASSETS = "/assets"
PDF = "application/pdf"
# the template's fixed words: its name for them -> the key in the table of texts
TEXT_KEYS: dict[str, str] = {
    "toolbar": "report.toolbar", "cover_scope": "report.cover_scope",
    "cover_period": "report.cover_period",
    "cover_adoption": "report.cover_adoption",
    "cover_import": "cover.imported", "cover_no_import": "report.cover_no_import",
    "cover_made": "report.cover_made", "narrative": "overview.narrative_heading",
    "cover_dashboard": "cover.dashboard", "dashboard_link": "cover.dashboard_link",
    "contents": "cover.contents", "survey_link": "survey.headline_link",
    "matrix_heading": "matrix.heading",
    "show_table": "page.show_table", "col_id": "operations.col_id",
    "col_status": "operations.col_status", "col_name": "operations.col_name",
    "col_unit": "operations.col_unit", "col_comment": "operations.col_comment",
    "no_comment": "report.no_comment", "attention_none": "report.attention_none",
    "col_action": "followup.col_action", "col_owner": "actions.col_owner",
    "col_due": "actions.col_due", "col_state": "actions.col_state",
    "changes_figure": "report.changes_figure", "changes_change": "report.changes_change",
    "change_none": "operations.change_none",
    "changes_heading_none": "operations.changes_heading_none",
    "no_previous": "operations.no_previous", "empty_title": "page.empty_title",
    "empty_body": "page.empty_body", "page": "report.page", "of": "report.of",
    "deadlines_heading": "report.deadlines_heading", "deadlines_none": "report.deadlines_none",
    "col_register": "report.col_register", "col_ministry": "report.col_ministry",
    "col_next_report": "report.col_next_report", "col_days_left": "report.col_days_left",
    "report_final": "report.report_final", "report_interim": "report.report_interim",
    "overdue": "report.overdue",
}

Link = tuple[str, str, str | None]  # (href, text, its language when not the page's)
DASHBOARD_PATH = "/"  # the overview: where the same view opens in the dashboard
SURVEY_PATH = "/enkater"


@dataclass(frozen=True)
class Entry:
    """A line of the table of contents: the heading's id in the page, its text, its level
    (1 a part of the agency's pack or a section of one report, 2 a section of a part)."""

    anchor: str
    text: str
    level: int


def figure_json(figure: dict) -> Markup:
    """A figure as JSON that is safe inside a ``<script type="application/json">`` block:
    ``<``, ``>``, ``&`` and ``'`` written as ``\\u`` escapes, so no text of a workbook can
    end the block; NaN and NA as null."""
    return htmlsafe_json_dumps(plain(figure), dumps=partial(json.dumps, allow_nan=False))


def _title(cover: Cover, lang: str) -> str:
    return t("report.title", lang, period=cover.period, scope=cover.scope)


def _attention_heading(count: int, lang: str) -> str:
    return t("report.attention_heading", lang, count=fmt.number(count, lang=lang))


def _changes_heading(report: Report, lang: str) -> str:
    previous = report.changes.previous
    return (t("operations.changes_heading", lang, previous=previous) if previous
            else t("operations.changes_heading_none", lang))


def contents(reports: Sequence[Report], lang: str,
             survey: SurveyHeadline | None = None) -> list[Entry]:
    """The table of contents, heading by heading as ``templates/report.html`` lays them out
    (the ids are the template's): one report's sections, or the pack's parts with theirs."""
    entries: list[Entry] = []
    level = 1 if len(reports) == 1 else 2
    for part, r in enumerate(reports, start=1):
        if len(reports) > 1:
            entries.append(Entry(f"part-{part}", _title(r.cover, lang), 1))
        sections = [(f"matrix-{part}", t("matrix.heading", lang))] if r.matrix else []
        sections.append((f"narrative-{part}", t("overview.narrative_heading", lang)))
        if survey is not None and part == 1:
            sections.append((f"survey-{part}", survey.title))
        sections += [(f"s-{part}-{n}", s.title) for n, s in enumerate(r.sections, start=1)]
        sections += [(f"attention-{part}", _attention_heading(len(r.attention), lang)),
                     (f"deadlines-{part}", t("report.deadlines_heading", lang)),
                     (f"changes-{part}", _changes_heading(r, lang))]
        entries += [Entry(anchor, text, level) for anchor, text in sections]
    return entries


def _helpers(lang: str) -> dict[str, Callable]:
    """What the template calls: words with values filled in, statuses, figures as JSON."""
    return {
        "status": partial(status_label, lang=lang),
        "json": figure_json,
        "t_title": partial(_title, lang=lang),
        "t_import": lambda c: t("cover.imported_text", lang, file=c.import_file,
                                date=c.import_date),
        "t_version": lambda c: t("cover.data_version", lang, version=c.version),
        "t_followed": lambda period: t("actions.heading", lang, period=period),
        "action_state": lambda state: t(f"followup.action.{state}", lang),
        "t_attention": partial(_attention_heading, lang=lang),
        "t_deadlines_as_of": lambda period: t("report.deadlines_as_of", lang,
                                              date=Tertial.from_label(period).last_day),
        "t_changes": lambda previous: t("operations.changes_heading", lang, previous=previous),
    }


def dashboard_href(cover: Cover, lang: str, base: str = "",
                   page: tuple[tuple[str, str], ...] = ()) -> str:
    """The same view in the dashboard: the overview of the cover's tertial, department or
    unit and language (and ``visa=aktuell`` when the report shows today's data)."""
    state = ViewState(cover.period, cover.department, cover.unit, lang, page=page)
    return base.rstrip("/") + DASHBOARD_PATH + query(state)


def survey_href(survey: SurveyHeadline, lang: str, base: str = "") -> str:
    state = ViewState(lang=lang, page=(("enkat", survey.survey),
                                       ("matning", survey.measurement)))
    return base.rstrip("/") + SURVEY_PATH + query(state)


def render(reports: Sequence[Report], lang: str, *, problems: Iterable[str] = (),
           links: Iterable[Link] = (), scripts: bool = True, agency: str = "",
           survey: SurveyHeadline | None = None, base: str = "",
           page: tuple[tuple[str, str], ...] = ()) -> str:
    """The report page of ``reports`` (one, or the agency's pack). ``scripts`` names the
    plotly bundle and ``report.js`` by address; the PDF printer adds them itself.
    ``agency`` is the configured name (``TERTIAL_AGENCY_NAME``, the data's or the default
    without one), ``base`` the site's address the links back to the dashboard start with,
    ``page`` the address's ``visa=aktuell`` to keep in them."""
    title = _title(reports[0].cover, lang) if reports else t("page.empty_title", lang)
    return TEMPLATES.get_template(TEMPLATE).render(
        lang=lang, title=title, text={name: t(key, lang) for name, key in TEXT_KEYS.items()},
        reports=reports, problems=list(problems), links=list(links), scripts=scripts,
        assets=ASSETS, made=fmt.local_time(dt.datetime.now(dt.UTC)),
        agency=lambda cover: agency_name(agency, lang, cover.agency),
        toc=contents(reports, lang, survey), survey=survey,
        survey_href=survey_href(survey, lang, base) if survey else "",
        dashboard_href=lambda cover: dashboard_href(cover, lang, base, page),
        **_helpers(lang))


# --- reading the request ------------------------------------------------------------------

def _view() -> tuple[ViewState, Snapshot]:
    """The view's state as the pages read it (the reader's reach applied), and its data."""
    require("read")
    state = state_from_params(flask.request.args.to_dict(), current().frames.current().frames)
    return state, current().frames.for_view(state.period, state.shows_current)[0]


def _problems(state: ViewState) -> list[str]:
    return problem_texts(state)


def _page(state: ViewState, reports: Sequence[Report], snapshot: Snapshot, **kwargs) -> str:
    """:func:`render` with what the request and the settings add: the agency's name, the
    survey's headline for the tertial, the site's address for the links back."""
    settings = current().settings
    survey = survey_headline(snapshot.frames, settings.survey_min_answers,
                             Tertial.from_label(state.period).last_day,
                             state.lang) if state.period else None
    shown = tuple(p for p in state.page if p == (SHOW, SHOW_CURRENT))
    return render(reports, state.lang, problems=_problems(state), agency=settings.agency_name,
                  survey=survey, base=flask.request.url_root, page=shown, **kwargs)


def _report(state: ViewState, snapshot: Snapshot) -> Report:
    return report(snapshot, state.selection, thresholds_from(current().settings), state.lang)


def _links(state: ViewState) -> list[Link]:
    """The PDF of this report, the agency's pack (for readers who may see it), the other
    language."""
    other = pick(state.lang, "en", "sv")
    links: list[Link] = [(PDF_PATH + query(state), t("report.download_pdf", state.lang), None)]
    if department_limit() is None:
        whole = query(ViewState(state.period, lang=state.lang))
        links.append((AGENCY_PDF_PATH + whole, t("report.download_agency", state.lang), None))
    links.append((REPORT_PATH + query(state.with_(lang=other)),
                  t("report.other_language", other), other))
    return links


def _pdf(html: str, name: str) -> flask.Response:
    """The PDF of ``html`` as a download named ``name`` (å, ä, ö kept, per RFC 5987)."""
    try:
        data = flask.current_app.extensions[PRINTER].pdf(html)
    except PdfError as error:
        flask.current_app.logger.error("report PDF failed: %s", error)
        raise Refused("report.pdf_failed", 503) from error
    response = flask.send_file(io.BytesIO(data), mimetype=PDF, as_attachment=True,
                               download_name=UNSAFE_IN_NAME.sub("_", name), max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _no_store(html: str) -> flask.Response:
    response = flask.make_response(html)
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- the routes ---------------------------------------------------------------------------

@blueprint.get(REPORT_PATH)
def report_page() -> flask.Response:
    state, snapshot = _view()
    reports = [_report(state, snapshot)] if state.period else []
    return _no_store(_page(state, reports, snapshot, links=_links(state) if reports else ()))


@blueprint.get(PDF_PATH)
@download
def report_pdf() -> flask.Response:
    state, snapshot = _view()
    if state.period is None:
        raise Refused("report.no_data", 404)
    html = _page(state, [_report(state, snapshot)], snapshot, scripts=False)
    scope = state.unit or state.department or t("report.file_agency", state.lang)
    return _pdf(html, f"{t('report.file_name', state.lang)}-{state.period}-{scope}.pdf")


@blueprint.get(AGENCY_PDF_PATH)
@download
def agency_pdf() -> flask.Response:
    require("read")
    if department_limit() is not None:  # held to one department: not the whole agency
        raise Refused("report.agency_refused")
    state, snapshot = _view()
    if state.period is None:
        raise Refused("report.no_data", 404)
    reports = agency_reports(snapshot, state.period, thresholds_from(current().settings),
                             state.lang)
    html = _page(state, reports, snapshot, scripts=False)
    return _pdf(html, f"{t('report.file_name', state.lang)}-{state.period}-"
                      f"{t('report.file_agency', state.lang)}.pdf")


def install(server: flask.Flask) -> None:
    """The routes and the process's PDF printer (``app.py``)."""
    server.extensions[PRINTER] = Printer()
    server.register_blueprint(blueprint)
