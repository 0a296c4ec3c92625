"""The agency's meeting report and its PDF open with the department matrix (issue 16): the
departments with red first, each cell its status in words, figure and change, and a link
to the department's page; a department's own report has none."""

from __future__ import annotations

import re

import pytest

from dashboard.text.i18n import t
from tests.test_report_app import app, get, needs_chromium, pages  # noqa: F401 - fixtures

STORY = "2018-T2"


def matrix_rows(page: str) -> list[str]:
    table = page.split('<table class="matrix">', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr>.*?</tr>", table.split("<tbody>", 1)[1], re.S)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_agency_report_opens_with_the_matrix(app, lang):  # noqa: F811
    page = get(app, f"/rapport?period={STORY}&lang={lang}").get_data(as_text=True)
    assert page.index(t("matrix.heading", lang)) < page.index(
        t("overview.narrative_heading", lang))  # it heads the report
    found = matrix_rows(page)
    assert len(found) == 8  # the demo's departments
    it = next(row for row in found if "IT-avdelningen" in row)
    finance = re.findall(r'<td class="matrix-cell[^"]*">.*?</td>', it, re.S)[1]
    assert 'class="matrix-cell red"' in finance
    assert t("status.red", lang) in finance
    assert "+7,6\u00a0%" in finance if lang == "sv" else "+7.6%" in finance
    assert 'href="/ekonomi?period=2018-T2&amp;avdelning=IT-avdelningen' in finance
    # the departments with red come before those without
    reds = [t("status.red", lang) in row for row in found]
    assert reds == sorted(reds, reverse=True) and reds[0] and not reds[-1]


def test_a_department_report_has_no_matrix(app):  # noqa: F811
    page = get(app, f"/rapport?period={STORY}&avdelning=IT-avdelningen").get_data(as_text=True)
    assert '<table class="matrix">' not in page


@needs_chromium
def test_the_agency_pdf_opens_with_the_matrix(app):  # noqa: F811
    text = pages(get(app, f"/rapport.pdf?period={STORY}"))
    first = " ".join(text[0].split()) + " " + " ".join(text[1].split())
    assert t("matrix.heading") in first
    assert "IT-avdelningen" in first and "+7,6 %" in first.replace("\u00a0", " ")
