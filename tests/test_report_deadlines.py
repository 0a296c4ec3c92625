"""The department report and its PDF list the department's government assignments' next
reports (issue 18): overdue first and flagged in words, the register number, days left."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from tests.test_report_app import app, get, needs_chromium, pages  # noqa: F401 - fixtures

STORY = "2018-T2"
SUPPORT = "Avdelningen för verksamhetsstöd"  # holds the demo's overdue report
LATE = ("RU-2015-07", "N2015/01094/IF", "2018-06-29")
DUE = ("RU-2017-05", "N2017/01169/FÖF", "2018-11-30")


def rows(page: str) -> list[str]:
    table = page.split('class="long government-deadlines"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr[^>]*>.*?</tr>", table, re.S)[1:]  # without the header row


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_department_report_lists_its_deadlines_overdue_first(app, lang):  # noqa: F811
    page = get(app, f"/rapport?period={STORY}&avdelning={SUPPORT}&lang={lang}").get_data(
        as_text=True)
    assert t("report.deadlines_heading", lang) in page
    assert str(escape(t("report.deadlines_as_of", lang, date="2018-08-31"))) in page
    found = rows(page)
    assert all(part in found[0] for part in LATE)
    assert t("report.overdue", lang) in found[0] and 'class="overdue"' in found[0]
    assert all(part in found[1] for part in DUE) and t("report.overdue", lang) not in found[1]
    assert f">{fmt.number(-63, lang=lang)}<" in found[0]  # days from 2018-08-31
    assert ">91<" in found[1]


def test_another_department_does_not_see_them(app):  # noqa: F811
    page = get(app, f"/rapport?period={STORY}&avdelning=IT-avdelningen").get_data(as_text=True)
    assert LATE[0] not in page and DUE[0] not in page
    assert "RU-2016-11" in page  # IT-avdelningen's own report due 2018-11-30


@needs_chromium
def test_the_department_pdf_lists_them_too(app):  # noqa: F811
    text = " ".join("\n".join(pages(get(app, f"/rapport.pdf?period={STORY}&avdelning={SUPPORT}")))
                    .split())
    assert t("report.deadlines_heading") in text
    for part in (*LATE, *DUE, t("report.overdue")):
        assert part in text, part
