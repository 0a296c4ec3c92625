"""Every label exists in Swedish and English, and every key the interface asks for exists.

A missing key is a ``KeyError`` the user meets as a broken page, and a missing placeholder
a ``KeyError`` or a raw ``{value}`` on screen, in the one language nobody tried. The source
under ``dashboard/`` is scanned for the keys it uses, so a typo fails here, not in a browser.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from dashboard.i18n import LANGUAGES, TEXTS, t

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"

# Keys whose text is the same word in both languages, and why.
SAME_IN_BOTH = {
    "app_title": "the product's name",
    "filter_period": "Tertial: the agency's own term for its four-month period",
    "perspective_heading": "only placeholders: '{title} {period}'",
    "ops_col_id": "Id is Id in both languages",
    "ops_col_status": "Status is Status in both languages",
}

IMPORTS_T = re.compile(r"^from dashboard\.i18n import .*\bt\b", re.MULTILINE)
T_CALL = re.compile(r"(?<![\w.])t\(\s*(['\"])(?P<key>[^'\"]+)\1")
TITLE_KEY = re.compile(r"\btitle_key\s*=\s*(['\"])(?P<key>[^'\"]+)\1")
PROBLEM_KEY = re.compile(r"problems\.append\(\(\s*(['\"])(?P<key>[^'\"]+)\1")


def sources() -> list[Path]:
    return sorted(DASHBOARD.rglob("*.py"))


def translated_sources() -> list[Path]:
    """The modules that use ``dashboard.i18n.t`` (``cli_text`` has its own ``t(lang, key)``)."""
    return [p for p in sources() if IMPORTS_T.search(p.read_text(encoding="utf-8"))]


def used_keys(pattern: re.Pattern[str], paths: list[Path]) -> list[tuple[str, str]]:
    """(file:line, key) for every literal key the pattern finds."""
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{path.relative_to(DASHBOARD.parent)}:{line}", match["key"]))
    return found


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_label_has_a_swedish_and_an_english_text(key):
    texts = TEXTS[key]
    assert len(texts) == len(LANGUAGES), f"{key}: one text per language {LANGUAGES}"
    sv, en = texts
    assert sv.strip() and en.strip(), f"{key}: empty text"
    if key not in SAME_IN_BOTH:
        assert sv != en, f"{key}: the English text is the Swedish one: {sv!r}"


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_both_languages_fill_in_the_same_placeholders(key):
    sv, en = TEXTS[key]
    assert placeholders(sv) == placeholders(en), f"{key}: {sv!r} / {en!r}"
    fields = dict.fromkeys(placeholders(sv), "X")
    for lang in LANGUAGES:
        assert "{" not in t(key, lang, **fields)


def test_same_in_both_languages_lists_only_real_keys_that_are_the_same():
    assert set(SAME_IN_BOTH) <= set(TEXTS)
    assert [k for k in SAME_IN_BOTH if TEXTS[k][0] != TEXTS[k][1]] == []


def test_the_scan_finds_the_interface_modules():
    """A guard on the scan itself: the shell and the overview call ``t`` with literal keys."""
    scanned = {p.name for p in translated_sources()}
    assert {"shell.py", "overview.py", "shell_state.py"} <= scanned
    assert len(used_keys(T_CALL, translated_sources())) > 20


def test_every_key_the_interface_asks_for_exists():
    used = used_keys(T_CALL, translated_sources())
    used += used_keys(PROBLEM_KEY, sources())  # shown through t(key, …) by the shell
    missing = [(where, key) for where, key in used if key not in TEXTS]
    assert missing == []


def test_every_page_title_key_exists():
    used = used_keys(TITLE_KEY, sources())
    assert any(key == "page_overview" for _where, key in used)
    missing = [(where, key) for where, key in used if key not in TEXTS]
    assert missing == []


def _register_page_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr == "register_page"]


def test_every_page_names_its_title_key():
    """The navigation labels a page by its ``title_key``; without one it would read Översikt."""
    pages = {path.name: call for path in sorted((DASHBOARD / "pages").glob("*.py"))
             for call in _register_page_calls(path)}
    assert "overview.py" in pages
    untitled = [name for name, call in pages.items()
                if "title_key" not in {kw.arg for kw in call.keywords}]
    assert untitled == []
