"""A survey chart draws no title on the page (the area's heading is its one title), but the
PNG its download button saves has the title drawn at its top, and the chart on the page
stays untitled after the download."""

from __future__ import annotations

import struct
import zlib

import pytest
from playwright.sync_api import Page, expect

from dashboard.components.graph import IMAGE_SCALE
from dashboard.figures.survey import UNTITLED_TOP

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DRAWN = "() => { const c = document.querySelector('section.survey-area .js-plotly-plot');" \
        " return {title: (c.layout.title || {}).text || ''," \
        " top: c.layout.margin.t, image: c.layout.meta.image}; }"


def png_rows(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGBA bytes) of an 8-bit RGBA, non-interlaced PNG."""
    assert data[:8] == PNG_MAGIC
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert (depth, colour, interlace) == (8, 6, 0)  # what a browser's canvas writes
    raw, stride, rows, previous = zlib.decompress(b"".join(chunks)), width * 4, [], None
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:
                                                         (y + 1) * (stride + 1)])
        above = previous or bytearray(stride)
        for x in range(stride):
            left = line[x - 4] if x >= 4 else 0
            up, corner = above[x], above[x - 4] if x >= 4 else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                nearest = min((abs(p - left), 0, left), (abs(p - up), 1, up),
                              (abs(p - corner), 2, corner))[2]
                line[x] = (line[x] + nearest) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def dark_pixels(rows: list[bytes]) -> int:
    """Pixels clearly darker than the white background (text)."""
    return sum(1 for row in rows for x in range(0, len(row), 4)
               if row[x + 3] > 128 and max(row[x:x + 3]) < 128)


def test_a_survey_chart_downloads_with_its_title_the_page_does_not_draw(page: Page):
    page.goto("/enkater")
    chart = page.locator("section.survey-area figure.chart").first
    expect(chart.locator(".js-plotly-plot")).to_be_visible(timeout=FIRST_RENDER_MS)
    on_page = page.evaluate(DRAWN)
    assert on_page["title"] == ""  # the page draws none: the heading above is the title
    image = on_page["image"]
    assert image["title"]["text"] == chart.get_attribute("aria-label")

    chart.hover()
    with page.expect_download(timeout=FIRST_RENDER_MS) as download:
        chart.locator(".modebar-btn").click()
    width, height, rows = png_rows(download.value.path().read_bytes())

    assert height == image["height"] * IMAGE_SCALE  # the title's room is in the image
    # the band at the top, above everything the untitled chart draws, holds the title's text
    band = rows[:(UNTITLED_TOP - 8) * IMAGE_SCALE]
    assert dark_pixels(band) > 50
    # and the chart on the page is as it was: untitled, its top as small as before
    after = page.evaluate(DRAWN)
    assert (after["title"], after["top"]) == ("", on_page["top"])
