"""The meeting pack's routes: the department report as a printable page and as a PDF.

* ``GET /rapport?period=…&avdelning=…&enhet=…&lang=…``: the report (server-rendered HTML,
  Jinja with autoescaping, :mod:`dashboard.reports.content` laid out by
  ``templates/report.html``); its charts are drawn by ``assets/report.js``.
* ``GET /rapport.pdf?…``: the same report as an A4 PDF (:mod:`dashboard.reports.pdf`).
* ``GET /rapport/myndighet.pdf?period=…&lang=…``: the whole agency's pack, the agency's
  report and then one per department, each starting on a new page. Refused (403) to a
  reader held to one department.

The address is read exactly as the pages read it, with the reader's reach
(:func:`dashboard.web.auth.state_from_params`): a head held to their department who
asks for another gets their own, and the report says so.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from functools import partial

import flask
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from dashboard.data import Snapshot
from dashboard.kpis import Selection
from dashboard.kpis.numbers import plain
from dashboard.kpis.status import status_label, thresholds_from
from dashboard.reports.content import Cover, Report, agency_reports, report
from dashboard.reports.pdf import PdfError, Printer
from dashboard.state.address import ViewState, query
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.web.answers import TEMPLATES, Refused
from dashboard.web.auth import department_limit, require, state_from_params
from dashboard.web.context import current
from dashboard.web.history_files import UNSAFE_IN_NAME
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
    "cover_period": "report.cover_period", "cover_version": "report.cover_version",
    "cover_adoption": "report.cover_adoption",
    "cover_import": "report.cover_import", "cover_no_import": "report.cover_no_import",
    "cover_made": "report.cover_made", "narrative": "overview.narrative_heading",
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


def figure_json(figure: dict) -> Markup:
    """A figure as JSON that is safe inside a ``<script type="application/json">`` block:
    ``<``, ``>``, ``&`` and ``'`` written as ``\\u`` escapes, so no text of a workbook can
    end the block; NaN and NA as null."""
    return htmlsafe_json_dumps(plain(figure), dumps=partial(json.dumps, allow_nan=False))


def _title(cover: Cover, lang: str) -> str:
    return t("report.title", lang, period=cover.period, scope=cover.scope)


def _helpers(lang: str) -> dict[str, Callable]:
    """What the template calls: words with values filled in, statuses, figures as JSON."""
    return {
        "status": partial(status_label, lang=lang),
        "json": figure_json,
        "t_title": partial(_title, lang=lang),
        "t_import": lambda c: t("report.cover_import_text", lang, id=c.import_id,
                                file=c.import_file, date=c.import_date),
        "t_followed": lambda period: t("actions.heading", lang, period=period),
        "action_state": lambda state: t(f"followup.action.{state}", lang),
        "t_attention": lambda n: t("report.attention_heading", lang,
                                   count=fmt.number(n, lang=lang)),
        "t_deadlines_as_of": lambda period: t("report.deadlines_as_of", lang,
                                              date=Tertial.from_label(period).last_day),
        "t_changes": lambda previous: t("operations.changes_heading", lang, previous=previous),
    }


def render(reports: Sequence[Report], lang: str, *, problems: Iterable[str] = (),
           links: Iterable[Link] = (), scripts: bool = True) -> str:
    """The report page of ``reports`` (one, or the agency's pack). ``scripts`` names the
    plotly bundle and ``report.js`` by address; the PDF printer adds them itself."""
    title = _title(reports[0].cover, lang) if reports else t("page.empty_title", lang)
    return TEMPLATES.get_template(TEMPLATE).render(
        lang=lang, title=title, text={name: t(key, lang) for name, key in TEXT_KEYS.items()},
        reports=reports, problems=list(problems), links=list(links), scripts=scripts,
        assets=ASSETS, made=fmt.local_time(dt.datetime.now(dt.UTC)), **_helpers(lang))


# --- reading the request ------------------------------------------------------------------

def _view() -> tuple[ViewState, Snapshot]:
    """The view's state as the pages read it (the reader's reach applied), and its data."""
    require("read")
    state = state_from_params(flask.request.args.to_dict(), current().frames.current().frames)
    return state, current().frames.for_view(state.period, state.shows_current)[0]


def _problems(state: ViewState) -> list[str]:
    return [t(f"address.{code}", state.lang, value=value) for code, value in state.problems]


def _report(state: ViewState, snapshot: Snapshot) -> Report:
    selection = Selection(state.period, state.department, state.unit)
    return report(snapshot, selection, thresholds_from(current().settings), state.lang)


def _links(state: ViewState) -> list[Link]:
    """The PDF of this report, the agency's pack (for readers who may see it), the other
    language."""
    other = "sv" if state.lang == "en" else "en"
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
    return _no_store(render(reports, state.lang, problems=_problems(state),
                            links=_links(state) if reports else ()))


@blueprint.get(PDF_PATH)
def report_pdf() -> flask.Response:
    state, snapshot = _view()
    if state.period is None:
        raise Refused("report.no_data", 404)
    html = render([_report(state, snapshot)], state.lang, problems=_problems(state),
                  scripts=False)
    scope = state.unit or state.department or t("report.file_agency", state.lang)
    return _pdf(html, f"{t('report.file_name', state.lang)}-{state.period}-{scope}.pdf")


@blueprint.get(AGENCY_PDF_PATH)
def agency_pdf() -> flask.Response:
    require("read")
    if department_limit() is not None:  # held to one department: not the whole agency
        raise Refused("report.agency_refused")
    state, snapshot = _view()
    if state.period is None:
        raise Refused("report.no_data", 404)
    reports = agency_reports(snapshot, state.period, thresholds_from(current().settings),
                             state.lang)
    html = render(reports, state.lang, problems=_problems(state), scripts=False)
    return _pdf(html, f"{t('report.file_name', state.lang)}-{state.period}-"
                      f"{t('report.file_agency', state.lang)}.pdf")


def install(server: flask.Flask) -> None:
    """The routes and the process's PDF printer (``app.py``)."""
    server.extensions[PRINTER] = Printer()
    server.register_blueprint(blueprint)
