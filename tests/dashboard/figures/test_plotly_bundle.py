"""The vendored plotly.js basic bundle matches the plotly package and draws every chart.

The basic bundle has the scatter, bar and pie trace types only; every figure builder in
``dashboard/figures`` must stay within them, and the bundle must be the plotly package's
own plotly.js version (upgrade both together: see dashboard/assets/vendor).
"""

from __future__ import annotations

import re
from pathlib import Path

import plotly

ROOT = Path(__file__).resolve().parents[3]
VENDOR = ROOT / "dashboard" / "assets" / "vendor"
BUNDLE_VERSION = "4.1.1"
BUNDLE = VENDOR / f"plotly-basic-{BUNDLE_VERSION}.min.js"
BASIC_TRACES = {"scatter", "bar", "pie"}
VERSION = re.compile(r"plotly\.js(?: \(basic - minified\))? v(\d+\.\d+\.\d+)")


def header_version(path: Path) -> str:
    match = VERSION.search(path.read_text(encoding="utf-8")[:400])
    assert match, f"no plotly.js version in the header of {path}"
    return match.group(1)


def test_the_bundle_is_the_plotly_packages_own_version():
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert header_version(BUNDLE) == header_version(full) == BUNDLE_VERSION
    assert sorted(p.name for p in VENDOR.glob("*.js")) == [BUNDLE.name]  # one copy only
    assert (VENDOR / "plotly-basic-LICENSE.txt").read_text(encoding="utf-8").startswith("MIT")


def test_every_trace_type_the_figures_use_is_in_the_basic_bundle():
    used = set()
    for source in (ROOT / "dashboard" / "figures").glob("*.py"):
        used |= set(re.findall(r'"type":\s*"([a-z]+)"', source.read_text(encoding="utf-8")))
    used -= {"category", "linear", "date", "log", "array"}  # axis types, not traces
    assert used, "no trace types found: the pattern no longer matches the figure builders"
    assert used <= BASIC_TRACES, f"not in plotly.js basic: {sorted(used - BASIC_TRACES)}"
