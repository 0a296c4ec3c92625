"""Every page in Swedish and in English, and not a word of the other language on it.

The walk opens each page of the app (the Dash pages and the meeting report) with the demo
data, in Swedish and in English, waits until the callbacks have settled, and reads what a
reader meets: every visible text node (the charts' SVG text too), the tab's title and the
``aria-label``, ``placeholder``, ``title`` and ``alt`` attributes. A word of the other
language fails the test, with the text it stands in.

The words of each language come from the one table of texts (``dashboard/text/texts.toml``,
:data:`dashboard.text.i18n.TEXTS`), read backwards: a word that only the English entries use
is English, one that only the Swedish entries use is Swedish. A word both languages' entries
use ("Status", "Tertial", "import", "PDF") belongs to neither. The libraries' own words (AG
Grid's and the browser's defaults, which are not in the table) come from a short explicit
list (:data:`LIBRARY_WORDS`). What the data says is not the interface: every text stored in
the database (unit, department, assignment and key-figure names, comments, survey
questions, user and file names) is taken out of the page's text before the words are
looked up, and so is text marked as being in the other language (``lang="en"`` on the
Swedish page's "English" choice).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import dash
import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from dashboard.text import i18n
from tests.browser.test_axe import wait_until_rendered

pytestmark = pytest.mark.browser

RENDER_MS = 30_000
STORY = "2018-T2"
DEPARTMENT = "IT-avdelningen"
# the shell's pages (with the tertial filled in), and one department where a page says more
SHELL_PAGES = ("/", f"/?avdelning={DEPARTMENT}", "/verksamhet",
               f"/verksamhet?avdelning={DEPARTMENT}", "/regeringsuppdrag", "/ekonomi",
               "/medarbetare", "/processer?avdelning=Avdelningen för digital service",
               "/enkater",
               "/uppfoljning", f"/uppfoljning?avdelning={DEPARTMENT}",
               "/uppfoljning/sa-fungerar-det", "/ladda-upp", "/historik", "/logg",
               "/tillganglighet", "/format")
REPORT_PAGES = ("/rapport", f"/rapport?avdelning={DEPARTMENT}")
OTHER = {"sv": "en", "en": "sv"}

# Words the libraries write themselves, never in the table: AG Grid's defaults, the
# browser's file button, Dash's title while a callback runs, Mantine's and plotly's.
LIBRARY_WORDS: Mapping[str, frozenset[str]] = {
    "sv": frozenset({
        "page", "of", "to", "more", "next", "previous", "first", "size", "loading",
        "choose", "file", "files", "chosen", "updating", "rows", "row", "filters",
        "contains", "equals", "blank", "reset", "apply", "cancel", "clear", "search",
        "press", "column", "menu", "download", "plot", "zoom", "autoscale", "axes",
        "produced", "with", "the", "and", "or", "no", "yes", "not",
        "assignments", "department", "unit", "whole", "agency", "survey", "expected",
    }),
    "en": frozenset({
        "och", "eller", "inte", "inga", "ingen", "sida", "av", "till", "fler", "nästa",
        "föregående", "första", "sista", "rader", "välj", "fil", "filer", "vald",
        "hämtar", "uppdrag", "enhet", "avdelning", "enkät", "enkat", "förväntat", "värde",
        "blad", "rad", "kolumn", "allvar", "hela", "myndigheten", "ladda", "upp",
    }),
}
# Words that both languages write alike although the table has them in one language only:
# names of things (the app, the file kinds, the standards) and a few short words that are
# the same spelling in both ("mm" as in the date pattern).
NEUTRAL_WORDS = frozenset({
    "tertial", "tertialer", "xlsx", "xlsm", "ods", "pdf", "excel", "png", "csv", "it",
    "wcag", "aa", "axe", "core", "chromium", "sha", "id", "ok", "mm", "dd", "yyyy", "ctrl",
    "enter", "alt", "tab", "esc", "nvda", "jaws", "voiceover", "html", "url", "utc", "sso",
    "svenska", "english", "gd", "hr", "ai", "api", "json", "cli",
})

# Texts in both languages on purpose: the language switch's name, so that a reader who does
# not read the page's language finds it.
BILINGUAL = frozenset({" / ".join(i18n.t("shell.language", lang) for lang in i18n.LANGUAGES)})
# Proper names written in their own language in the other's text, as data is.
PROPER_NAMES = ("Myndigheten för digital förvaltning",)
# Not read: the workbook format (docs/format.md, the contract of the upload) is one Swedish
# document with an English section on both pages, and lists every header's accepted
# spellings in both languages by design.
NOT_READ = ".format-document"

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

# what Chromium (in its own English) writes on a native file input: not reachable as text
NATIVE_FILE = "Choose File No file chosen"
SEEN = """(skipped) => {
    const NATIVE_FILE = '""" + NATIVE_FILE + """';
    const lang = document.documentElement.lang || 'sv';
    const elsewhere = el => {
        const marked = el.closest('[lang]');
        return marked && marked !== document.documentElement && marked.lang
            && marked.lang !== lang;
    };
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !node.textContent.trim() || el.closest('script, style, noscript')) continue;
        if (skipped && el.closest(skipped)) continue;
        const visible = el.checkVisibility ? el.checkVisibility({visibilityProperty: true})
                                           : el.getClientRects().length > 0;
        if (!visible || elsewhere(el)) continue;
        texts.push(node.textContent);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
        if (elsewhere(el) || (skipped && el.closest(skipped))) continue;
        for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
            const value = el.getAttribute(name);
            if (value && value.trim()) texts.push(value);
        }
    }
    // a native file input in sight shows the browser's own button, in the browser's language
    for (const input of document.querySelectorAll('input[type="file"]')) {
        const box = input.getBoundingClientRect();
        if (box.width > 1 && box.height > 1 && input.checkVisibility()) texts.push(NATIVE_FILE);
    }
    texts.push(document.title);
    return texts;
}"""


def words(text: str) -> set[str]:
    """The words of a text, in lower case (digits, signs and ``{placeholders}`` left out)."""
    return {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text))}


def _values(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _values(item)


def language_words(texts: Mapping[str, Mapping[str, object]] = i18n.TEXTS
                   ) -> dict[str, frozenset[str]]:
    """Each language's own words by the table read backwards: the words of a language's
    entries that no entry of the other language uses. Entries that read the same in both
    languages (names, "Status") say nothing about either."""
    used: dict[str, set[str]] = {"sv": set(), "en": set()}
    for entry in texts.values():
        if entry.get("sv") == entry.get("en"):
            continue  # the same in both ("Tertial", "English"), or a translation missing
        for lang in used:
            for value in _values(entry.get(lang)):
                used[lang] |= words(value)
    return {lang: frozenset(used[lang] - used[OTHER[lang]] - NEUTRAL_WORDS) for lang in used}


def foreign_words(lang: str, table_words: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The words that must not be seen on a page in ``lang``."""
    other = OTHER[lang]
    own_library = LIBRARY_WORDS[other]  # e.g. "rader" is Swedish: allowed on the Swedish page
    return (table_words[other] | LIBRARY_WORDS[lang]) - table_words[lang] - own_library \
        - NEUTRAL_WORDS


def data_texts(engine: sa.Engine) -> list[str]:
    """Every text stored in the database, longest first: what the data says, not the
    interface (names, comments, questions, users, files)."""
    found: set[str] = set()
    meta = sa.MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text)]
            if not columns:
                continue
            for row in conn.execute(sa.select(*columns).distinct()):
                found.update(v.strip() for v in row if isinstance(v, str) and v.strip())
    return sorted(found, key=len, reverse=True)


def _of_data(text: str, data: list[str]) -> bool:
    """Whether every piece of ``text`` around a shortening's "…" (and the " – " that joins a
    goal to its result area) is part of a data value."""
    pieces = [piece for piece in re.split(r"\s*[…–]\s*", text) if piece]
    return bool(pieces) and all(any(piece in value for value in data) for piece in pieces)


def leaks(texts: Iterable[str], forbidden: frozenset[str], data: list[str],
          allowed: frozenset[str] = frozenset()) -> list[str]:
    """``word: "the text it stands in"`` for every forbidden word left in ``texts`` once the
    data's texts are taken out. A text that is part of a data value (a chart draws a long
    name on several lines, or shortens it: "Säker och hållbar… – Hållbar it-drift") is
    data; ``allowed`` texts are left alone."""
    found = []
    for text in dict.fromkeys(t.strip() for t in texts if t and t.strip()):
        if text in BILINGUAL or text in allowed or _of_data(text, data):
            continue
        rest = text
        for value in (*data, *PROPER_NAMES):
            if value in rest:
                rest = rest.replace(value, " ")
        for word in sorted(words(rest) & forbidden):
            found.append(f"{word}: {text[:160]!r}")
    return found


@pytest.fixture(scope="module")
def detector(live_server):
    table = language_words()
    return ({lang: foreign_words(lang, table) for lang in OTHER},
            data_texts(live_server.store.engine))


def with_language(address: str, lang: str) -> str:
    if lang != "en":
        return address
    return address + ("&" if "?" in address else "?") + "lang=en"


IDLE = """() => !document.querySelector('[data-dash-is-loading="true"]')"""


def settle(page: Page) -> None:
    """No callback running, twice over a short pause (one callback's answer starts the
    next)."""
    for _ in range(2):
        page.wait_for_function(IDLE, timeout=RENDER_MS)
        page.wait_for_timeout(400)


def check(page: Page, lang: str, detector, screenshot, name: str) -> None:
    forbidden, data = detector
    found = leaks(page.evaluate(SEEN, NOT_READ), forbidden[lang], data)
    if found:
        screenshot(page, f"language-walk-{name}-{lang}")
        pytest.fail(f"{len(found)} word(s) of the other language on {page.url} ({lang}):\n  "
                    + "\n  ".join(found), pytrace=False)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("address", SHELL_PAGES)
def test_a_page_speaks_one_language(page: Page, detector, screenshot, address, lang):
    page.goto(with_language(address, lang))
    wait_until_rendered(page)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    settle(page)
    check(page, lang, detector, screenshot, re.sub(r"\W+", "-", address))


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("address", REPORT_PAGES)
def test_the_report_speaks_one_language(page: Page, detector, screenshot, address, lang):
    page.goto(with_language(address + ("&" if "?" in address else "?") + f"period={STORY}",
                            lang))
    expect(page.locator("h1").first).to_be_visible(timeout=RENDER_MS)
    check(page, lang, detector, screenshot, re.sub(r"\W+", "-", address))


def test_the_detector_knows_both_languages():
    """The table read backwards gives each language's everyday words, and neither gets the
    words both share."""
    table = language_words()
    assert {"och", "uppdrag", "avdelning", "sida"} <= foreign_words("en", table)
    assert {"and", "assignments", "department", "page", "choose"} <= foreign_words("sv", table)
    assert "status" not in foreign_words("sv", table) | foreign_words("en", table)
    assert "tertial" not in foreign_words("sv", table) | foreign_words("en", table)


def test_the_detector_finds_a_planted_english_word_and_leaves_the_data_alone():
    table = language_words()
    forbidden = foreign_words("sv", table)
    data = ["Avdelningen for digital service and more"]  # a name in the data, kept as it is
    assert leaks(["Visa alla uppdrag"], forbidden, data) == []
    assert leaks(["Avdelningen for digital… – more"], forbidden, data) == []  # shortened data
    assert leaks(["Avdelningen for… – assignments"], forbidden, data) != []
    assert leaks(["Enheten Avdelningen for digital service and more har tre uppdrag"],
                 forbidden, data) == []
    assert leaks(["Visa alla assignments"], forbidden, data) == [
        "assignments: 'Visa alla assignments'"]


def test_the_walk_reads_what_a_reader_meets(page: Page, detector):
    """Visible text, attributes, a native file button; not hidden text, not text marked as
    the other language, not the data."""
    page.goto("/")
    wait_until_rendered(page)
    assert any("Översikt" in text for text in page.evaluate(SEEN, NOT_READ))
    page.set_content(
        '<html lang="sv"><head><title>Tertial – Översikt</title></head><body>'
        '<p>Hej</p><p lang="en">English only</p><p hidden>Hidden page</p>'
        '<p>Page 1 of 3</p><input placeholder="Search"><button aria-label="Next">›</button>'
        '<label>Välj fil <input type="file"></label>'
        '<p>IT-avdelningen</p></body></html>')
    forbidden, data = detector
    found = leaks(page.evaluate(SEEN, NOT_READ), forbidden["sv"], data)
    assert sorted(found) == sorted([
        "of: 'Page 1 of 3'", "page: 'Page 1 of 3'", "search: 'Search'", "next: 'Next'",
        f"choose: {NATIVE_FILE!r}", f"chosen: {NATIVE_FILE!r}", f"file: {NATIVE_FILE!r}",
        f"no: {NATIVE_FILE!r}"])


def test_the_walk_goes_to_every_page(live_server):
    """Every page the app registers is walked (a new page joins :data:`SHELL_PAGES`)."""
    walked = {address.split("?")[0] for address in SHELL_PAGES}
    assert {page["path"] for page in dash.page_registry.values()} <= walked
