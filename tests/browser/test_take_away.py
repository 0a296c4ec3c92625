"""Taking the view along, in a real browser: a chart saved as a PNG with its own button, the
meeting report opened from the navigation for the current filters and its PDF downloaded,
and the view's numbers downloaded as a workbook (the export's progress:
``test_export_job.py``)."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from dashboard import ids
from dashboard.components.graph import image_name
from dashboard.text.i18n import t

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
PDF_MS = 60_000  # Chromium prints the report in the server: seconds, on a busy machine more
IT = "IT-avdelningen"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def open_view(page: Page, address: str) -> None:
    page.goto(address)
    expect(page).to_have_url(re.compile(r"period="), timeout=FIRST_RENDER_MS)  # settled


@pytest.mark.parametrize(("lang", "button"), [("sv", "Ladda ned diagrammet som PNG-bild"),
                                              ("en", "Download plot as a PNG")])
def test_a_chart_downloads_as_a_png_named_by_its_title(page: Page, lang, button):
    open_view(page, f"/ekonomi?avdelning={IT}&lang={lang}")
    chart = page.locator(".chart-block figure.chart").first
    expect(chart.locator(".js-plotly-plot")).to_be_visible(timeout=FIRST_RENDER_MS)
    title = chart.get_attribute("aria-label")
    chart.hover()
    tool = chart.get_by_role("button", name=button)
    expect(tool).to_have_count(1)
    expect(chart.locator(".modebar-btn")).to_have_count(1)  # the one tool, no zoom or pan
    with page.expect_download(timeout=FIRST_RENDER_MS) as download:
        tool.click()
    saved = download.value
    assert saved.suggested_filename == f"{image_name(title)}.png"
    assert saved.path().read_bytes()[:8] == PNG_MAGIC


def test_the_report_opens_for_the_filters_and_its_pdf_downloads(page: Page):
    open_view(page, f"/?avdelning={IT}")
    link = page.locator(f"#{ids.REPORT_LINK}")
    expect(link).to_have_attribute("href", re.compile(r"^/rapport\?period=2018-T2&avdelning="))
    with page.context.expect_page() as opened:
        link.click()
    report = opened.value
    expect(report.locator("body.report")).to_have_attribute("data-ready", "1",
                                                            timeout=FIRST_RENDER_MS)
    expect(report.get_by_text(IT).first).to_be_visible()
    pdf_link = report.get_by_role("link", name=re.compile("PDF"))
    with report.expect_download(timeout=PDF_MS) as download:
        pdf_link.first.click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert IT in text and "2018-T2" in text
    report.close()


def test_the_view_downloads_as_a_workbook(page: Page):
    """A small view's export is done within the click's own request: the file comes at once,
    and the link offers it again."""
    open_view(page, f"/verksamhet?avdelning={IT}")
    button = page.locator(f"#{ids.EXPORT_BUTTON}")
    expect(button).to_have_text(t("shell.export_link"))
    with page.expect_download(timeout=FIRST_RENDER_MS) as download:
        button.click()
    assert download.value.suggested_filename == f"tertial_2018-T2_{IT}.xlsx"
    expect(page.locator(f"#{ids.EXPORT_STATUS}")).to_have_text(re.compile("^Klart: "))
    expect(page.locator(f"#{ids.EXPORT_DETAIL} a")).to_have_attribute(
        "href", re.compile(r"^/export/jobs/[\w-]+\.xlsx$"))
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert "Uppdrag" in book.sheetnames
    rows = list(book["Uppdrag"].values)
    assert len(rows) > 1


def test_on_a_phone_the_menu_button_opens_and_closes_the_navigation(page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    open_view(page, "/")
    nav = page.locator(f"#{ids.NAV}")
    menu = page.get_by_role("button", name=t("shell.menu"))
    expect(menu).to_be_visible()
    expect(nav).not_to_be_in_viewport()
    menu.click()
    expect(nav).to_be_in_viewport()
    nav.get_by_role("link", name=t("nav.finance")).click()
    expect(page).to_have_url(re.compile(r"/ekonomi"))
    expect(nav).not_to_be_in_viewport()  # the chosen page is not covered
    expect(page.locator("h1")).to_contain_text("Ekonomi", timeout=FIRST_RENDER_MS)
