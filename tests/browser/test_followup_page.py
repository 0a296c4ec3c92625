"""The follow-up cycle in Chromium, as its people use it, each in their own browser behind
the single sign-on proxy (header mode): a head takes the readiness back, assesses an
assignment and marks the department ready again; two people saving one assignment; finance
follows the progress; the director-general fastställer; the English switch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from loaders.followup.cycle import FollowUp
from loaders.followup.rules import Actor
from tests.apps import PROXY_SECRET, PROXY_SECRET_HEADER
from tests.browser.conftest import LiveServer, serve_in_thread

RENDER_MS = 30_000
PERIOD = "2018-T2"
ANALYS = "Analysavdelningen"
GROUPS = "gd=director,ekonomi=finance,chefer=head,rapportorer=reporter"
OWNER = '<img src=x onerror="window.__pwned=1">Karin'  # hostile text, kept verbatim
IDLE = """() => !document.querySelector('[data-dash-is-loading="true"]')"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serve_in_thread(tmp_path_factory.mktemp("followup") / "data", "tertial-followup",
                         TERTIAL_AUTH_MODE="header", TERTIAL_GROUP_ROLES=GROUPS) as served:
        yield served


def person(browser: Browser, name: str, group: str, department: str = "") -> BrowserContext:
    """A browser of one person: the proxy's headers on every request."""
    headers = {"X-Forwarded-User": name, "X-Forwarded-Groups": group,
               PROXY_SECRET_HEADER: PROXY_SECRET}
    if department:
        headers["X-Forwarded-Department"] = department
    return browser.new_context(extra_http_headers=headers)


def open_page(context: BrowserContext, server: LiveServer, query: str = "") -> Page:
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors  # type: ignore[attr-defined]
    page.goto(f"{server.url}/uppfoljning?period={PERIOD}{query}")
    settle(page)
    return page


def settle(page: Page) -> None:
    expect(page.locator("h1").first).to_be_visible(timeout=RENDER_MS)
    page.wait_for_function(IDLE, timeout=RENDER_MS)


def said(page: Page, text: str) -> None:
    """The page's message (what the last change did, or why not) comes to say ``text``."""
    expect(page.locator(".followup-message")).to_contain_text(text, timeout=RENDER_MS)


def row(page: Page, assignment_id: str):
    return page.locator("table.followup-assessments tbody tr").filter(
        has=page.get_by_role("rowheader").filter(has_text=assignment_id))


def open_dialog(page: Page, assignment_id: str) -> None:
    page.get_by_role("button", name=f"Ändra {assignment_id}").click()
    expect(page.get_by_role("dialog")).to_be_visible(timeout=RENDER_MS)
    page.wait_for_function(IDLE, timeout=RENDER_MS)


def test_a_second_save_of_one_assignment_is_refused_with_the_first_ones_change(
        browser: Browser, server: LiveServer):
    """Two browsers, one assignment: the head saves first; the reporter, whose dialog shows
    the older version, is told who changed it and sees their change; nothing is lost."""
    cycle, department = FollowUp(server.store), "IT-avdelningen"
    head = Actor("ivar", "head", department)
    cycle.set_ready(PERIOD, department, False, head)  # the demo's IT is ready: taken back
    aid = _yellow(cycle, department)
    before = [h.assessment.motivation for h in cycle.history(PERIOD, aid)]
    first = open_page(person(browser, "ivar", "chefer", department), server)
    second = open_page(person(browser, "rut", "rapportorer", department), server)
    for page in (first, second):
        open_dialog(page, aid)
    first.get_by_label("Motivering").fill("Första versionen")
    first.get_by_role("button", name="Spara bedömningen").click()
    said(first, "är sparad")
    second.get_by_label("Motivering").fill("Andra versionen")
    second.get_by_role("button", name="Spara bedömningen").click()
    alert = second.get_by_role("dialog").get_by_role("alert")
    expect(alert).to_contain_text(f"ivar sparade en annan bedömning av {aid}",
                                  timeout=RENDER_MS)
    expect(second.get_by_label("Motivering")).to_have_value("Första versionen")
    assert [h.assessment.motivation for h in cycle.history(PERIOD, aid)] == [
        *before, "Första versionen"]  # one revision more: the first one's
    cycle.set_ready(PERIOD, department, True, head)
    for page in (first, second):
        assert page.errors == []  # type: ignore[attr-defined]
        page.context.close()


def test_a_head_assesses_marks_ready_and_the_director_general_adopts(browser: Browser,
                                                                       server: LiveServer):
    head = person(browser, "anna", "chefer", ANALYS)
    page = open_page(head, server)  # a head opens on their own department
    expect(page.get_by_role("heading", name=f"{ANALYS}: bedömningar")).to_be_visible()
    expect(page.get_by_text(f"{ANALYS} är klarmarkerad.").first).to_be_visible()
    page.get_by_role("button", name="Ta tillbaka klarmarkeringen").click()
    said(page, "tillbakatagen")

    open_dialog(page, "RU-2016-37")
    page.get_by_label("Motivering").fill("<b>Nytt</b> läge: upphandlingen överklagad.")
    page.get_by_role("textbox", name="Status").click()
    page.get_by_role("option", name="■ Röd").click()
    page.get_by_label("Åtgärd", exact=True).fill("Ny upphandling")
    page.get_by_label("Ansvarig för åtgärden").fill(OWNER)
    page.get_by_label("Klart senast").fill("2018-11-30")
    page.get_by_role("button", name="Spara bedömningen").click()
    said(page, "Bedömningen av RU-2016-37 är sparad (version 1).")
    saved = row(page, "RU-2016-37")
    expect(saved).to_contain_text("■ Röd")
    expect(saved).to_contain_text("<b>Nytt</b> läge: upphandlingen överklagad.")
    expect(saved).to_contain_text(f"Ny upphandling (ansvarig {OWNER}, klart 2018-11-30)")
    assert page.evaluate("typeof window.__pwned") == "undefined"  # text, never markup
    page.get_by_role("button", name="Klarmarkera avdelningen").click()
    said(page, f"{ANALYS} är klarmarkerad.")
    assert page.errors == []  # type: ignore[attr-defined]

    finance = open_page(person(browser, "eva", "ekonomi"), server)
    progress = finance.locator("table.followup-progress")
    expect(progress).to_contain_text("Klara 7 av 8 avdelningar.")
    expect(progress.get_by_role("row").filter(has_text="Kommunikationsavdelningen")
           ).to_contain_text("VP-2018-042")
    expect(finance.get_by_role("button", name="Fastställ uppföljningen")).to_be_hidden()

    gd = open_page(person(browser, "greta", "gd"), server)
    gd.get_by_role("button", name="Fastställ uppföljningen").click()
    said(gd, "Alla avdelningar är inte klarmarkerade (Kommunikationsavdelningen)")
    gd.get_by_label("Kommunikationsavdelningen").check()
    gd.get_by_role("button", name="Fastställ uppföljningen").click()
    said(gd, "Uppföljningen är fastställd (version 1).")
    expect(gd.locator(".followup-state").first).to_contain_text("Fastställd ")
    expect(gd.locator(".followup-state").first).to_contain_text(" av greta (version 1).")
    adopted = FollowUp(server.store).adopted(PERIOD)
    assert adopted is not None and adopted.not_ready == ("Kommunikationsavdelningen",)

    overview = gd.context.new_page()
    overview.goto(f"{server.url}/?period={PERIOD}")
    settle(overview)
    shown = overview.locator(".narrative").inner_text()
    expect(overview.locator(".adoption-line")).to_contain_text(" av greta (version 1).")
    frames = server.store.frames()
    later = frames["assignments"][frames["assignments"]["period"] == PERIOD].copy()
    later["status"] = "red"  # a later upload: every assignment red
    server.store.import_frames({"assignments": later}, user="ekonom", file_name="sen.xlsx",
                               file_bytes=b"sen")
    overview.reload()
    settle(overview)
    assert overview.locator(".narrative").inner_text() == shown  # as adopted
    overview.get_by_role("link", name="Visa dagens uppgifter (inte fastställda)").click()
    settle(overview)
    expect(overview.locator(".adoption-line")).to_contain_text("Dagens uppgifter")
    expect(overview.locator(".narrative")).not_to_have_text(shown)

    english = open_page(head, server, "&lang=en")
    expect(english.get_by_role("heading", name="Follow-up 2018-T2")).to_be_visible()
    expect(english.locator(".followup-state").first).to_contain_text("Adopted ")
    expect(english.get_by_role("button", name="Change RU-2016-37")).to_have_count(0)  # frozen
    for context in (head, finance.context, gd.context):
        context.close()


def _yellow(cycle: FollowUp, department: str) -> str:
    rows = cycle.department_assessments(PERIOD)[department]
    return sorted(aid for aid, (a, _) in rows.items() if a.status == "yellow")[0]
