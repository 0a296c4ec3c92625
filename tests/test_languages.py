"""One rule reads a language: ``"en"`` is English, anything else Swedish (loaders/language.py).

Before, about twenty places read the language inline, with opposite defaults: anything but
"en" was Swedish in some and anything but "sv" English in others, so a forged ``lang=xx``
gave one page in each. The rule is now one function, this test keeps the inline comparisons
out of the code, and the cases below hold the places that read a language to that rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli import text as cli_text
from dashboard.kpis.status import status_label
from dashboard.text import formatting as fmt
from dashboard.text import grammar
from dashboard.text.i18n import language as i18n_language
from loaders.errors import TertialError
from loaders.language import LANGUAGES, english, language, pick
from loaders.specs import sheet_name

ROOT = Path(__file__).resolve().parents[1]
RULE = ROOT / "loaders" / "language.py"
# a language compared or listed inline: lang == "en", x != 'sv', for lang in ("sv", "en")
INLINE = re.compile(r"""[=!]=\s*["'](?:sv|en)["']|["'](?:sv|en)["']\s*[=!]=|"""
                    r"""\(\s*["']sv["']\s*,\s*["']en["']\s*\)""")
FORGED = ("xx", "", None, "EN ", "sv-SE", 1)


def sources() -> list[Path]:
    return sorted(p for folder in ("dashboard", "loaders", "cli")
                  for p in (ROOT / folder).rglob("*.py")) + [ROOT / "app.py"]


def test_no_module_reads_a_language_inline():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sources() if path != RULE
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if INLINE.search(line)]
    assert found == []


def test_the_inline_pattern_finds_what_it_is_for():
    assert INLINE.search('return "en" if lang == "en" else "sv"')
    assert INLINE.search("x if lang != 'sv' else y")
    assert INLINE.search('for lang in ("sv", "en")')
    assert not INLINE.search('t("page.title", lang)')


@pytest.mark.parametrize("value", FORGED)
def test_anything_but_english_is_swedish_everywhere(value):
    assert language(value) == i18n_language(value) == "sv"
    assert pick(value, "sv", "en") == "sv" and not english(value)
    error = TertialError("code", "på svenska", "in English")
    assert error.message(value) == "på svenska"
    assert sheet_name("assignments", value) == "Uppdrag"
    assert status_label("green", value) == status_label("green", "sv")
    assert fmt.percent(0.5, lang=value) == fmt.percent(0.5, lang="sv")
    assert grammar._lang(value) == "sv"
    assert cli_text.t(value, "agency") == cli_text.t("sv", "agency")


def test_english_is_english_everywhere():
    assert LANGUAGES == ("sv", "en")
    assert language("en") == "en" and english("en") and pick("en", 1, 2) == 2
    assert TertialError("code", "på svenska", "in English").message("en") == "in English"
    assert sheet_name("assignments", "en") == "Assignments"
    assert fmt.percent(0.5, lang="en") == "50.0%" != fmt.percent(0.5, lang="sv")
