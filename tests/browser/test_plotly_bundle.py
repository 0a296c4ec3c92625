"""The charts draw with plotly.js's basic bundle: the full 4.8 MB plotly.js is never fetched.

``dashboard/assets/vendor`` holds plotly.js-basic (scatter, bar, pie; 0.4 MB compressed)
of the same version as the plotly package's full bundle; Dash names it in every page's HTML
and ``dcc.Graph`` takes ``window.Plotly`` instead of loading its own copy. This keeps the
first page load under 2 MB transferred (see benchmarks/README.md).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.dashboard.figures.test_plotly_bundle import BUNDLE_VERSION

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000


@pytest.mark.parametrize("path", ["/", "/verksamhet", "/ekonomi"])
def test_charts_draw_with_the_basic_bundle_and_never_fetch_the_full_one(page: Page, path: str):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(path)
    charts = page.locator(".js-plotly-plot .main-svg")
    expect(charts.first).to_be_visible(timeout=FIRST_RENDER_MS)
    assert page.locator(".js-plotly-plot").count() >= 1
    assert page.evaluate("window.Plotly.version") == BUNDLE_VERSION
    assert any("plotly-basic" in url for url in fetched)
    assert not [url for url in fetched if url.split("?")[0].endswith("plotly.min.js")]
