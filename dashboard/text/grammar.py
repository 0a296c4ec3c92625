"""The grammar of the tertial narrative (``dashboard.text.narrative``): counts, nouns,
lists, quotes.

The words themselves live in the one table of texts (``dashboard/text/texts.toml``, section
``[narrative]``): the sentence templates, the counted nouns with their plural and Swedish
gender, the number words, the quotation marks. This module keeps the rules and tables of
*keys* (which word a sign or a status calls for); :func:`text` and :func:`word` read the
table. Plain text only: no HTML, no Markdown.

Numbers: a dashboard narrative is read for its figures, so counts are digits ("11 fler
medarbetare", "9 nya regeringsuppdrag", as the leadership group says them), except a count of
one, which is a word ("ett nytt regeringsuppdrag", "one assignment"). Like figures look alike:
when one count in a sentence needs digits, every count in that sentence is written in digits.
Percentages, decimals and values with a unit of measure are always digits
(``dashboard.text.formatting``). Zero is never a digit in a sentence: the templates say "inga",
"inget", "no", "none". ``SPELLED_MAX`` is the switch: Swedish style guides spell out counts
up to twelve in running prose, which ``SPELLED_MAX = 12`` would give (``narrative.number_words``
has the words).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from dashboard.text import formatting as fmt
from dashboard.text import i18n
from loaders.language import english, language

LANGUAGES: tuple[str, ...] = i18n.LANGUAGES
SECTION = "narrative"
SPELLED_MAX = 1

# Honest rounding of the green share, in percent. The sentence rounds as the card does: it
# reads the share as the card writes it (one decimal, half up: ``formatting.percent``), so
# "Drygt 90 procent" stands next to 91,2 %. The anchor is the nearest multiple of 5 to that
# figure; d = figure - anchor in percentage points. The first band whose d range and
# anchor range hold the figure wins: (phrase key, lowest d, highest d, lowest anchor,
# highest anchor). "Drygt" (just over) and "knappt" (just under) say which side of the
# anchor the figure lies, within two points; "omkring" (about) covers the rest up to
# halfway. A card figure that rounds to the anchor is "exactly" only when the share is the
# anchor itself; otherwise its side is told (89,996 % reads 90,0 % on the card and "knappt
# 90" in the sentence, never "exakt"). A figure exactly halfway between two anchors (92,5 %)
# leans to neither: the exact figure is stated, never "omkring 95" next to 92,5 %. Near 0 and
# 100 no rounded word fits ("drygt 0", "omkring 100"), so the exact figure is stated (the
# "figure" fallback).
SHARE_BANDS: tuple[tuple[str, float, float, int, int], ...] = (
    ("none", 0.0, 0.0, 0, 0),
    ("all", 0.0, 0.0, 100, 100),
    ("exactly", 0.0, 0.0, 5, 95),
    ("just_over", 0.0, 2.0, 5, 95),
    ("just_under", -2.0, 0.0, 5, 100),
    ("about", -2.5, 2.5, 5, 95),
)
SHARE_FALLBACK = "figure"
ANCHOR_STEP = 5
ROUNDING_SIDE = 6  # a hair off the anchor (10**-6 points): on which side the share lies

# status code -> the sentence's tone; yellow and red both ask for attention
TONE_OF_STATUS = MappingProxyType({"green": "good", "yellow": "attention", "red": "attention",
                                   None: "neutral"})
# Which word a status or a sign calls for: keys of the [narrative] section, for :func:`word`.
# The status codes are those of the section [narrative.adjective] (one per code of
# ``dashboard.kpis.status.STATUSES``, which a test holds to it): no list of them here.
_ADJECTIVES = f"{SECTION}.adjective."
STATUS_ADJECTIVE = MappingProxyType({code: f"adjective.{code}" for code in (
    key.removeprefix(_ADJECTIVES) for key in i18n.TEXTS if key.startswith(_ADJECTIVES))})
ABOVE_BELOW = MappingProxyType({1: "side.above_target", -1: "side.below_target"})
OVER_UNDER = MappingProxyType({1: "side.over_budget", -1: "side.under_budget"})
MORE_FEWER = MappingProxyType({1: "more", -1: "fewer"})
SCOPE_AGENCY = "scope_agency"


def _lang(lang: str) -> str:
    return language(lang)


def text(key: str, lang: str, **fields: object) -> str:
    """The template ``key`` of ``[narrative]`` in ``lang`` with its fields filled in."""
    return i18n.t(f"{SECTION}.{key}", _lang(lang), **fields)


def word(key: str, lang: str) -> str | tuple[str, ...]:
    """A word of ``[narrative]`` as the table has it (a text, or a tuple of texts)."""
    return i18n.value(f"{SECTION}.{key}", _lang(lang))


def shown_percent(share: float, decimals: int = 1) -> float:
    """The share in percent as a card writes it (``formatting.percent``: half up)."""
    exact = Decimal(repr(round(share * 100, 9)))  # float noise: 0.9 * 100 is 90.00000000000001
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def share_band(share: float) -> tuple[str, int]:
    """The phrase key of ``SHARE_BANDS`` for a share (0-1) and its anchor, the nearest
    multiple of five percent to the figure the card shows: ``0.912`` -> ``("just_over",
    90)``; ``0.925`` -> ``("figure", 95)`` (halfway; see the table's comment)."""
    exact = round(share * 100, 9)
    percent = shown_percent(share)
    anchor = math.floor(percent / ANCHOR_STEP + 0.5) * ANCHOR_STEP
    offset = round(percent - anchor, 9)
    if abs(offset) == ANCHOR_STEP / 2:
        return SHARE_FALLBACK, anchor
    if offset == 0 and exact != anchor:  # the card's rounding reached the anchor: tell the side
        offset = math.copysign(10 ** -ROUNDING_SIDE, exact - anchor)
    for key, low, high, first, last in SHARE_BANDS:
        if low <= offset <= high and first <= anchor <= last:
            return key, anchor
    return SHARE_FALLBACK, anchor


def speller(lang: str, *numbers: int) -> Callable[..., str]:
    """Writes the counts of one sentence: all in words when each is at most ``SPELLED_MAX``
    (so only ones and zeros), else all in digits (the rule above). Pass every count the
    sentence states, and only those. Signs are dropped: the words say more or fewer."""
    spell = all(abs(n) <= SPELLED_MAX for n in numbers)

    def say(n: int, gender: str = "c") -> str:
        n = abs(n)
        if not spell:
            return fmt.number(n, lang=lang)
        if n == 1 and gender == "n":
            return word("neuter_one", lang)
        return word("number_words", lang)[n]
    return say


def noun(name: str, n: int, lang: str) -> str:
    """The singular or plural of a noun of ``[narrative.noun]`` for a count."""
    singular, plural = word(f"noun.{name}", lang)
    return singular if abs(n) == 1 else plural


def noun_gender(name: str, lang: str) -> str:
    """The Swedish noun's grammatical gender, ``"n"`` (neuter) or ``"c"`` (common); English
    nouns have none (``""``)."""
    return str(i18n.TEXTS[f"{SECTION}.noun.{name}"]["gender"]) if not english(lang) else ""


def counted(say: Callable[..., str], name: str, n: int, lang: str) -> str:
    """``"tre uppdrag"``, ``"ett uppdrag"``, ``"en månad"``, ``"13 uppdrag"``."""
    return f"{say(n, noun_gender(name, lang))} {noun(name, n, lang)}"


def join(items: list[str], lang: str) -> str:
    """``"A, B och C"`` / ``"A, B and C"``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word('and', lang)} {items[-1]}"


def quoted(name: str, lang: str) -> str:
    """A name in the language's quotation marks, once: ``”Namn”`` / ``“Name”``."""
    return i18n.quoted(name, _lang(lang))


# A name that reads as a common noun: one capital, then lower case ("Handläggningstid",
# "Andel beslut inom 90 dagar"); not an abbreviation ("NKI", "IT-stöd") or a name in capitals.
COMMON_NOUN = re.compile(r"[^\W\d_][^\W\d_A-ZÅÄÖÉ]*(?=[\s,.;:)]|$)")


def mid_sentence(name: str) -> str:
    """A key figure's name inside a sentence: in lower case when it reads as a common noun
    ("och handläggningstid ligger …"); an abbreviation or a proper name in capitals as it is.
    The name is data: what it says is not changed, only its first letter."""
    if not name or not name[0].isupper() or not COMMON_NOUN.match(name):
        return name
    return name[0].lower() + name[1:]
