"""The load's client side: readers that send what a browser sends to the overview.

A reader is a thread with one keep-alive connection (``requests.Session``), like a browser
tab. It opens the overview with the requests Chromium makes (captured with Playwright: the
page, sent on to its full address, ``/_dash-layout``, ``/_dash-dependencies``, then the
filters callback, the pages router once and the shell's texts), then changes one filter at
a time (period, department or unit, picked at random from the options the server sent) with
the three callbacks a change fires, and after a few changes opens the overview again. No
pause between requests.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

from benchmarks.dashboard_probe import ROUTER, SHELL_SYNC, find, outputs_of, percentile

REQUEST_TIMEOUT_S = 60  # a request still unanswered then counts as an error
CHANGES_PER_VISIT = 6  # filter changes before the reader opens the overview again
# What Chromium sends, without zstd (the server's Python has no zstd): the server picks br.
HEADERS = {"Accept-Encoding": "gzip, deflate, br", "Accept": "application/json"}
SHELL = "nav.children"  # translate_shell: the navigation and labels, on every address change
LANGUAGE = "filter-language.value"
FILTERS = ("filter-period", "filter-department", "filter-unit")
OPEN = (("page", "/"), ("layout", "/_dash-layout"), ("dependencies", "/_dash-dependencies"))


def callback_body(dep: dict, values: dict[str, object], changed: list[str]) -> dict:
    """``POST /_dash-update-component``'s body as the renderer sends it: an input without a
    value yet (a filter before the first answer) has no ``value`` key."""
    def sent(spec: dict) -> dict:
        key = f"{spec['id']}.{spec['property']}"
        return {**spec, "value": values[key]} if key in values else dict(spec)
    body = {"output": dep["output"], "outputs": outputs_of(dep["output"]),
            "inputs": [sent(spec) for spec in dep["inputs"]], "changedPropIds": changed}
    if dep.get("state"):
        body["state"] = [sent(spec) for spec in dep["state"]]
    return body


@dataclass
class View:
    """What the reader's page shows: the address's query, the filters' values and options."""

    search: str = ""
    values: dict[str, object] = field(default_factory=dict)
    options: dict[str, list] = field(default_factory=dict)

    def update(self, answer: requests.Response) -> None:
        """Take what the filters callback changed (an output left alone is absent; 204: none)."""
        changed = answer.json().get("response", {}) if answer.status_code != 204 else {}
        self.search = changed.get("url", {}).get("search", self.search)
        for component in FILTERS:
            props = changed.get(component, {})
            if "value" in props:
                self.values[component] = props["value"]
            if "data" in props:
                self.options[component] = [option["value"] for option in props["data"]]

    def sync_values(self) -> dict[str, object]:
        return {"url.search": self.search, LANGUAGE: "sv",
                **{f"{c}.value": self.values.get(c) for c in FILTERS}}


@dataclass(frozen=True)
class Sample:
    kind: str
    started: float
    ms: float
    ok: bool


class Reader:
    """One reader in a browser: opens the overview, then changes filters until ``stop_at``."""

    def __init__(self, base: str, deps: dict[str, dict], seed: int, stop_at: float):
        self.base, self.deps, self.stop_at = base, deps, stop_at
        self.random = random.Random(seed)
        self.samples: list[Sample] = []
        self.session = requests.Session()
        self.session.headers.update({**HEADERS, "Origin": base})

    def run(self) -> None:
        with self.session:
            while time.perf_counter() < self.stop_at:
                self.visit()

    def request(self, kind: str, path: str, body: dict | None = None) -> requests.Response | None:
        """The answer, or None after an error (non-2xx or no answer), which is recorded."""
        start = time.perf_counter()
        try:
            response = self.session.request("POST" if body else "GET", self.base + path,
                                            json=body, timeout=REQUEST_TIMEOUT_S)
            ok = 200 <= response.status_code < 300
        except requests.RequestException:
            response, ok = None, False
        self.samples.append(Sample(kind, start, (time.perf_counter() - start) * 1000, ok))
        return response if ok else None

    def callback(self, kind: str, values: dict[str, object], changed: list[str]):
        body = callback_body(self.deps[kind], values, changed)
        return self.request(kind, "/_dash-update-component", body)

    def router(self, search: str, changed: list[str]) -> bool:
        """Dash pages' router: the page's content for the address."""
        values = {"_pages_location.pathname": "/", "_pages_location.search": search}
        changed = [f"_pages_location.{c}" for c in changed]
        return self.callback("router", values, changed) is not None

    def shell(self, search: str, changed: list[str]) -> bool:
        """translate_shell: the navigation, labels and links for the address."""
        values = {"url.search": search, "url.pathname": "/", LANGUAGE: "sv"}
        changed = [f"url.{c}" for c in changed] + [LANGUAGE]
        return self.callback("shell", values, changed) is not None

    def visit(self) -> None:
        """The overview opened, as Chromium does it (captured with Playwright), then changes.
        The bare address is sent on to the full one (``dashboard/web/addresses.py``; the
        page's sample holds both requests), so the router draws the page once. An error
        ends the visit: the reader opens the page again."""
        opened = []
        for kind, path in OPEN:
            opened.append(self.request(kind, path))
            if opened[-1] is None:
                return
        query = urlsplit(opened[0].url).query
        view = View(search=f"?{query}" if query else "")
        first = self.callback("sync", {"url.search": view.search, LANGUAGE: "sv"},
                              ["url.search"])
        if first is None or not self.router(view.search, ["pathname", "search"]):
            return
        view.update(first)
        if not self.shell(view.search, ["pathname", "search"]):
            return
        for _ in range(CHANGES_PER_VISIT):
            if time.perf_counter() >= self.stop_at or not self.change(view):
                return

    def change(self, view: View) -> bool:
        """One filter changed to another of its options (department and unit: or none)."""
        choices = {c: [v for v in view.options.get(c, []) + [None] * (c != FILTERS[0])
                       if v != view.values.get(c)] for c in FILTERS}
        component = self.random.choice([c for c in FILTERS if choices[c]])
        view.values[component] = self.random.choice(choices[component])
        before = view.search
        answer = self.callback("sync", view.sync_values(), [f"{component}.value"])
        if answer is None:
            return False
        view.update(answer)
        return view.search == before or (self.router(view.search, ["search"])
                                         and self.shell(view.search, ["search"]))


def summary(samples: list[Sample], seconds: float) -> dict[str, float]:
    ms = [s.ms for s in samples] or [0.0]
    out = {"requests": len(samples), "rps": len(samples) / seconds,
           "p50_ms": percentile(ms, 0.5), "p95_ms": percentile(ms, 0.95), "max_ms": max(ms),
           "errors": sum(not s.ok for s in samples)}
    for kind in sorted({s.kind for s in samples}):
        out[f"{kind}_p95_ms"] = percentile([s.ms for s in samples if s.kind == kind], 0.95)
    return out


def run_step(base: str, deps: dict[str, dict], users: int, warm_up: float,
             seconds: float) -> dict[str, float]:
    """``users`` readers for ``warm_up + seconds``; what started in the last ``seconds``."""
    start, cpu = time.perf_counter(), time.process_time()
    begin, stop_at = start + warm_up, start + warm_up + seconds
    readers = [Reader(base, deps, seed, stop_at) for seed in range(users)]
    threads = [threading.Thread(target=reader.run, daemon=True) for reader in readers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    client_cpu = (time.process_time() - cpu) / (time.perf_counter() - start)
    counted = [s for reader in readers for s in reader.samples if begin <= s.started < stop_at]
    return {**summary(counted, seconds), "client_cpu_pct": 100 * client_cpu}


def dependencies(base: str) -> dict[str, dict]:
    """The three callbacks a reader's page sends, from the app's own ``/_dash-dependencies``."""
    deps = requests.get(f"{base}/_dash-dependencies", timeout=REQUEST_TIMEOUT_S).json()
    return {kind: find(deps, fragment)
            for kind, fragment in (("sync", SHELL_SYNC), ("router", ROUTER), ("shell", SHELL))}
