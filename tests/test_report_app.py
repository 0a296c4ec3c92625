"""The department report through HTTP: the page, its PDF and the whole agency's PDF.

``app.py`` built on the demo (``tests.apps``), with the report's routes installed on its
server here (``app.py`` does not install them yet). The PDFs are printed by the system's
Chromium and read back with pypdf: the cover, the four perspectives, every yellow and red
assignment, page numbers, one part per department each on its own page, English when asked.
A head held to their department gets their own report whatever the address asks, and no
agency PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from dashboard.kpis import Selection
from dashboard.kpis.organisation import departments
from dashboard.kpis.status import thresholds_from
from dashboard.reports.content import agency_reports, report
from dashboard.reports.pdf import Printer, heading_pages
from dashboard.state.address import problem_text
from dashboard.text.i18n import t
from dashboard.views.survey_headline import survey_headline
from dashboard.web import report as report_routes
from dashboard.web.report import Entry, contents, figure_json
from loaders.imports.importer import import_file
from loaders.periods import Tertial
from tests.apps import build_app
from tests.builders import xlsx_bytes
from tests.demo_store import assignment_rows, demo_workbooks

STORY = "2018-T2"
ANALYS = "Analysavdelningen"
OWN = "IT-avdelningen"  # the head's department
HOSTILE = "<script>window.x=1</script>"
HOSTILE_ID = "RU-2016-37"  # a yellow assignment of Analysavdelningen in 2018-T2
RED_IDS = ("RU-2016-19", "VP-2016-083")  # Analysavdelningen's two red ones
CHROMIUM = Path(os.environ.get("TERTIAL_CHROMIUM") or "/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.is_file() and os.environ.get("TERTIAL_REQUIRE_BROWSER") != "1",
    reason="the PDF is printed by the system's Chromium (apt-get install -y chromium)")
GROUPS = {"head": "chefer", "leadership": "ledningsgrupp"}
HEADER_MODE = {"TERTIAL_AUTH_MODE": "header", "TERTIAL_RESTRICT_DEPARTMENTS": "true",
               "TERTIAL_GROUP_ROLES": ",".join(f"{g}={r}" for r, g in GROUPS.items())}


def hostile_comment(namespace: dict, folder: Path) -> None:
    """Import 2018-T2's assignments again, one yellow assignment commented with a script."""
    rows = assignment_rows(demo_workbooks(folder)[STORY])
    at_id, at_comment = rows[0].index("Id"), rows[0].index("Kommentar")
    for row in rows[1:]:
        if row[at_id] == HOSTILE_ID:
            row[at_comment] = HOSTILE
    data = xlsx_bytes({"Uppdrag": rows})
    outcome = import_file(namespace["store"], data, "uppdrag_2018-T2.xlsx",
                          namespace["settings"], user="test", period=STORY)
    assert outcome.record is not None, outcome.report.issues


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[dict]:
    for namespace in build_app(tmp_path_factory, "report"):
        hostile_comment(namespace, tmp_path_factory.mktemp("workbooks"))
        yield namespace


@pytest.fixture(scope="module")
def held(tmp_path_factory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "report_held", **HEADER_MODE)


def who(role: str, department: str = OWN) -> dict[str, str]:
    return {"X-Forwarded-User": f"{role}-person", "X-Forwarded-Groups": GROUPS[role],
            "X-Forwarded-Department": department}


def get(app: dict, path: str, **headers: str):
    return app["server"].test_client().get(path, headers=headers)


def pages(response) -> list[str]:
    """The PDF's text page by page, ligatures (ﬀ, ﬁ) unfolded and spaces made plain."""
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    reader = PdfReader(io.BytesIO(response.data))
    return [unicodedata.normalize("NFKC", p.extract_text()).replace("\u00a0", " ")
            for p in reader.pages]


def context(app: dict):
    return app["server"].extensions["tertial"]


def dt_last_day(period: str) -> dt.date:
    return Tertial.from_label(period).last_day


def title(department: str, lang: str = "sv") -> str:
    return t("report.title", lang, period=STORY, scope=department)


# --- the page -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_report_page_in_both_languages(app, lang):
    response = get(app, f"/rapport?period={STORY}&avdelning={ANALYS}&lang={lang}")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    assert title(ANALYS, lang) in page
    for key in ("operations", "finance", "staff", "processes"):
        assert f">{t(f'card.{key}', lang)}</h2>" in page
    assert t("report.attention_heading", lang, count=6) in page
    assert all(i in page for i in RED_IDS)
    assert f"/rapport.pdf?period={STORY}" in page  # the download of the same report


def test_workbook_text_shows_as_text_and_never_runs(app):
    page = get(app, f"/rapport?period={STORY}&avdelning={ANALYS}").get_data(as_text=True)
    assert "&lt;script&gt;window.x=1&lt;/script&gt;" in page
    assert HOSTILE not in page
    for tag in re.findall(r"<script[^>]*>", page):  # scripts only from the app, or data
        assert re.search(r'src="/assets/|type="application/json"', tag), tag


def test_a_figure_cannot_end_its_data_block():
    text = figure_json({"layout": {"title": {"text": "</script><script>x()</script>&"}}})
    assert "</" not in text and "<script" not in text and "&" not in text


def test_the_page_reads_its_language_and_scripts_from_the_address_only(app):
    response = get(app, f"/rapport?period={STORY}&avdelning={ANALYS}&lang=xx")
    page = response.get_data(as_text=True)
    assert '<html lang="sv">' in page and problem_text("unknown_lang", "xx", "sv") in page
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split(";")[1]


# --- the PDFs -------------------------------------------------------------------------------

AGENCY_PDF = f"/rapport/myndighet.pdf?period={STORY}"


def department_pdf_path(lang: str = "sv") -> str:
    return f"/rapport.pdf?period={STORY}&avdelning={ANALYS}" + ("&lang=en" if lang == "en" else "")


def printed(app: dict, path: str):
    """The PDF at ``path`` as ``app`` answers it, printed once per app: Chromium takes
    seconds per PDF (the agency's, printed twice for its contents' page numbers, the longest),
    and several tests read the same one."""
    answers = app.setdefault("printed", {})
    if path not in answers:
        answers[path] = get(app, path)
    return answers[path]


@pytest.fixture(scope="module")
def department_pdf(app) -> list[str]:
    return pages(printed(app, department_pdf_path()))


@pytest.fixture(scope="module")
def agency_pdf(app) -> list[str]:
    return pages(printed(app, AGENCY_PDF))


@needs_chromium
def test_the_department_pdf_has_the_cover_perspectives_and_assignments(app, department_pdf):
    text = "\n".join(department_pdf)
    latest = app["store"].history()[0]
    for part in (title(ANALYS), t("report.agency_default"), t("cover.imported"),
                 latest.file_name, t("overview.narrative_heading")):
        assert part in text, part
    for key in ("operations", "finance", "staff", "processes"):
        assert re.search(rf"^{t(f'card.{key}')}$", text, re.MULTILINE), key
    assert t("report.attention_heading", count=6) in text
    for assignment in (*RED_IDS, HOSTILE_ID):
        assert assignment in text
    assert HOSTILE in text  # printed as the text it is
    assert t("operations.changes_heading", previous="2018-T1") in text


@needs_chromium
def test_every_page_is_numbered(department_pdf):
    total = len(department_pdf)
    assert total >= 3
    for number, page in enumerate(department_pdf, start=1):
        assert f"Sida {number} av {total}" in page


@needs_chromium
def test_the_agency_pdf_has_a_part_per_department_each_on_its_own_page(app, agency_pdf):
    names = departments(app["server"].extensions["tertial"].frames.current().frames)
    starts = []
    for name in [t("page.scope_agency")] + names:
        heading = title(name)
        found = [n for n, page in enumerate(agency_pdf)  # the contents' lines left out
                 if heading in " ".join(line for line in page.splitlines()
                                        if not re.fullmatch(r".* \d+", line))]
        assert len(found) == 1, (name, found)
        lines = [line for line in agency_pdf[found[0]].splitlines()
                 if not line.startswith("Sida ")]
        assert lines[0] == t("report.agency_default")  # the part's cover opens the page
        assert " ".join(" ".join(lines[1:3]).split()).startswith(heading)
        starts.append(found[0])
    assert starts == sorted(starts) and starts[0] == 0 and len(set(starts)) == len(starts)
    assert f"Sida 1 av {len(agency_pdf)}" in agency_pdf[0]
    for assignment in (*RED_IDS, HOSTILE_ID):
        assert assignment in "\n".join(agency_pdf)


@needs_chromium
def test_an_english_pdf_is_english(app):
    text = "\n".join(pages(printed(app, department_pdf_path("en"))))
    for part in (title(ANALYS, "en"), "Operations", "Finance", "Staff", "Processes",
                 "Yellow and red assignments (6)", "Page 1 of"):
        assert part in text, part
    assert "Sida " not in text and "Tertialrapport" not in text


# --- the PDFs' contents ---------------------------------------------------------------------

def pdf_pages(response) -> tuple[bytes, list[list[str]]]:
    assert response.status_code == 200, response.data[:300]
    reader = PdfReader(io.BytesIO(response.data))
    return response.data, [
        [" ".join(line.split()) for line in
         unicodedata.normalize("NFKC", p.extract_text()).replace("\u00a0", " ").splitlines()]
        for p in reader.pages]


def printed_numbers(pages: list[list[str]], entries: list[Entry]) -> list[int]:
    """The page number the contents print beside each entry, read in order."""
    lines = iter(line for page in pages for line in page)
    numbers = []
    for entry in entries:
        pattern = re.compile(rf"{re.escape(entry.text)} (\d+)")
        for line in lines:
            if found := pattern.fullmatch(line):
                numbers.append(int(found[1]))
                break
        else:
            raise AssertionError(f"{entry.text!r} has no page number in the contents")
    return numbers


def landing_pages(pages: list[list[str]], entries: list[Entry]) -> list[int]:
    """The page (from 1) where each heading really is: its text as a line of its own (a
    part's title may wrap over two), headings in order, contents lines left out."""
    found, at = [], 0
    for entry in entries:
        for number in range(at, len(pages)):
            lines = [line for line in pages[number] if not re.fullmatch(r".* \d+", line)
                     or line == entry.text]
            pairs = {f"{a} {b}" for a, b in zip(lines, lines[1:], strict=False)}
            if entry.text in lines or entry.text in pairs:
                found.append(number + 1)
                at = number
                break
        else:
            raise AssertionError(f"{entry.text!r} is not in the PDF")
    return found


def expected_entries(app: dict, lang: str, agency: bool) -> list[Entry]:
    """The contents as the report lays them out, from the same data."""
    ctx = context(app)
    snapshot = ctx.frames.current()
    thresholds = thresholds_from(ctx.settings)
    reports = (agency_reports(snapshot, STORY, thresholds, lang) if agency
               else [report(snapshot, Selection(STORY, ANALYS), thresholds, lang)])
    survey = survey_headline(snapshot.frames, ctx.settings.survey_min_answers,
                             dt_last_day(STORY), lang)
    return contents(reports, lang, survey)


@needs_chromium
def test_the_agency_pdf_contents_give_the_pages_its_headings_land_on(app):
    data, pages = pdf_pages(printed(app, AGENCY_PDF))
    entries = expected_entries(app, "sv", agency=True)
    parts = [e for e in entries if e.level == 1]
    assert [e.text for e in parts][:2] == [title(t("page.scope_agency")),
                                           title(ANALYS)]
    assert len(parts) > 5
    assert pages[0][1:3] == [t("report.agency_default"), title(t("page.scope_agency"))]
    assert t("cover.contents") in pages[0]
    numbers = printed_numbers(pages, entries)
    assert numbers == landing_pages(pages, entries)
    # and the same as the PDF's own link targets (where a click on an entry goes)
    targets = heading_pages(data)
    assert numbers == [targets[e.anchor] for e in entries]
    assert numbers == sorted(numbers) and numbers[-1] < len(pages)
    assert all(f"Sida {n} av {len(pages)}" in pages[n - 1] for n in (1, len(pages)))


@needs_chromium
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_department_pdf_contents_number_its_sections(app, lang):
    data, pages = pdf_pages(printed(app, department_pdf_path(lang)))
    entries = expected_entries(app, lang, agency=False)
    assert [e.level for e in entries] == [1] * len(entries)
    assert t("cover.contents", lang) in pages[0]
    numbers = printed_numbers(pages, entries)
    assert numbers == landing_pages(pages, entries)
    assert max(numbers) > 1  # the sections run over several pages
    text = "\n".join(line for page in pages for line in page)
    assert (t("cover.dashboard_link", lang) in text
            and f"http://localhost/?period={STORY}&avdelning={ANALYS}" in text)


# --- a head held to their department --------------------------------------------------------

@needs_chromium
def test_a_held_head_gets_their_own_department_whatever_the_address_asks(held):
    text = "\n".join(pages(get(held, f"/rapport.pdf?period={STORY}&avdelning={ANALYS}",
                               **who("head"))))
    assert title(OWN) in text and title(ANALYS) not in text
    assert problem_text("department_not_allowed", ANALYS, "sv") in " ".join(text.split())
    assert not any(i in text for i in RED_IDS)


def test_a_held_head_gets_no_agency_pdf(held):
    response = get(held, f"/rapport/myndighet.pdf?period={STORY}", **who("head"))
    assert response.status_code == 403
    assert response.mimetype == "text/plain"  # a download's answer (dashboard/web/answers.py)
    assert response.get_data(as_text=True) == (
        f"{t('report.agency_refused', 'sv')}\n{t('report.agency_refused', 'en')}\n")


def test_only_readers_of_the_whole_agency_are_offered_its_pdf(held):
    head = get(held, f"/rapport?period={STORY}", **who("head")).get_data(as_text=True)
    leader = get(held, f"/rapport?period={STORY}", **who("leadership")).get_data(as_text=True)
    assert title(OWN) in head and "/rapport/myndighet.pdf" not in head
    assert title(t("page.scope_agency")) in leader and "/rapport/myndighet.pdf" in leader


def test_nobody_reads_a_report_without_saying_who_they_are(held):
    assert get(held, f"/rapport.pdf?period={STORY}").status_code in (401, 403)
    assert get(held, f"/rapport/myndighet.pdf?period={STORY}").status_code in (401, 403)


def test_a_pdf_that_cannot_be_made_is_a_clear_503(app, tmp_path):
    server = app["server"]
    working = server.extensions[report_routes.PRINTER]
    server.extensions[report_routes.PRINTER] = Printer(executable=str(tmp_path / "no-chromium"))
    try:
        response = get(app, f"/rapport.pdf?period={STORY}&avdelning={ANALYS}")
    finally:
        server.extensions[report_routes.PRINTER] = working
    assert response.status_code == 503
    assert response.get_data(as_text=True).splitlines() == [t("report.pdf_failed", "sv"),
                                                            t("report.pdf_failed", "en")]
