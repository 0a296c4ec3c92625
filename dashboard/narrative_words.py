"""The words of the tertial narrative (``dashboard.narrative``): phrase tables and grammar.

Every text is a pair (Swedish, English). Plain text only: no HTML, no Markdown.

Numbers: a dashboard narrative is read for its figures, so counts are digits ("11 fler
medarbetare", "9 nya regeringsuppdrag", as the leadership group says them), except a count of
one, which is a word ("ett nytt regeringsuppdrag", "one assignment"). Like figures look alike:
when one count in a sentence needs digits, every count in that sentence is written in digits.
Percentages, decimals and values with a unit of measure are always digits
(``dashboard.formatting``). Zero is never a digit in a sentence: the templates say "inga",
"inget", "no", "none". ``SPELLED_MAX`` is the switch: Swedish style guides spell out counts
up to twelve in running prose, which ``SPELLED_MAX = 12`` would give (``NUMBER_WORDS`` has
the words).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from types import MappingProxyType

from dashboard import formatting as fmt

LANGUAGES: tuple[str, ...] = ("sv", "en")
SPELLED_MAX = 1

# index = the number; Swedish "en" is the common gender, NEUTER_ONE the neuter ("ett uppdrag")
NUMBER_WORDS = MappingProxyType({
    "sv": ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
           "elva", "tolv"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
           "ten", "eleven", "twelve"),
})
NEUTER_ONE = MappingProxyType({"sv": "ett", "en": "one"})

# noun -> (Swedish singular, plural, gender "n"/"c"), (English singular, plural, "")
NOUNS = MappingProxyType({
    "assignment": (("uppdrag", "uppdrag", "n"), ("assignment", "assignments", "")),
    "kpi": (("nyckeltal", "nyckeltal", "n"), ("key figure", "key figures", "")),
    "permanent": (("tillsvidareanställd", "tillsvidareanställda", "c"),
                  ("permanent", "permanent", "")),
    "temporary": (("tidsbegränsat anställd", "tidsbegränsat anställda", "c"),
                  ("temporary", "temporary", "")),
    "month": (("månad", "månader", "c"), ("month", "months", "")),
})

QUOTES = MappingProxyType({"sv": ("\u201d", "\u201d"), "en": ("\u201c", "\u201d")})
AND = MappingProxyType({"sv": "och", "en": "and"})

# Honest rounding of the green share, in percent. The anchor is the nearest multiple of 5
# (half up); d = share - anchor in percentage points. The first band whose d range and
# anchor range hold the figure wins: (phrase key, lowest d, highest d, lowest anchor,
# highest anchor). "Drygt" (just over) and "knappt" (just under) say which side of the
# anchor the figure lies, within two points; in the middle between two anchors only
# "omkring" (about) is honest. Near 0 and 100 no rounded word fits ("drygt 0", "omkring
# 100"), so the exact figure is stated (the "figure" fallback).
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

# status code -> the sentence's tone; yellow and red both ask for attention
TONE_OF_STATUS = MappingProxyType({"green": "good", "yellow": "attention", "red": "attention",
                                   None: "neutral"})
STATUS_ADJECTIVE = MappingProxyType({"green": ("grön", "green"), "yellow": ("gul", "yellow"),
                                     "red": ("röd", "red")})
# sign of a difference -> (Swedish, English) preposition
ABOVE_BELOW = MappingProxyType({1: ("över", "above"), -1: ("under", "below")})
OVER_UNDER = MappingProxyType({1: ("över", "over"), -1: ("under", "under")})
MORE_FEWER = MappingProxyType({1: ("fler", "more"), -1: ("färre", "fewer")})
SCOPE_AGENCY = ("myndigheten", "the agency")

TEXTS = MappingProxyType({
    "no_data": ("Det finns inga uppgifter för {who} under tertialen {period}.",
                "There is no data for {who} in the tertial {period}."),
    # operations.green_share: {anchor} a whole percent, {share} the exact one
    "share.none": ("Inga uppdrag är gröna.", "No assignments are green."),
    "share.all": ("Samtliga uppdrag är gröna.", "All assignments are green."),
    "share.exactly": ("Exakt {anchor} procent av uppdragen är gröna.",
                      "Exactly {anchor} percent of the assignments are green."),
    "share.just_over": ("Drygt {anchor} procent av uppdragen är gröna.",
                        "Just over {anchor} percent of the assignments are green."),
    "share.just_under": ("Knappt {anchor} procent av uppdragen är gröna.",
                         "Just under {anchor} percent of the assignments are green."),
    "share.about": ("Omkring {anchor} procent av uppdragen är gröna.",
                    "About {anchor} percent of the assignments are green."),
    "share.figure": ("Andelen gröna uppdrag är {share} procent.",
                     "The share of green assignments is {share} percent."),
    # operations.red: {n} a noun phrase ("två uppdrag"), {names} a list of quoted names
    "red.one": ("{n} är rött", "{n} is red"),
    "red.many": ("{n} är röda", "{n} are red"),
    "red.all_named": ("{head}: {names}.", "{head}: {names}."),
    "red.some_named": ("{head}, bland dem {names}.", "{head}, among them {names}."),
    "red.unnamed": ("{head}.", "{head}."),
    # operations.status_changes: keyed by (any worse, any better)
    "changes.both": (
        "Sedan förra uppföljningen har statusen försämrats för {worse} och förbättrats för "
        "{better}.",
        "Since the previous follow-up, the status has worsened for {worse} and improved for "
        "{better}."),
    "changes.worse": (
        "Sedan förra uppföljningen har statusen försämrats för {worse} och inte förbättrats "
        "för något.",
        "Since the previous follow-up, the status has worsened for {worse} and improved for "
        "none."),
    "changes.better": (
        "Sedan förra uppföljningen har statusen förbättrats för {better} och inte försämrats "
        "för något.",
        "Since the previous follow-up, the status has improved for {better} and worsened for "
        "none."),
    "changes.none": (
        "Inget uppdrag har fått bättre eller sämre status sedan förra uppföljningen.",
        "No assignment has got a better or worse status since the previous follow-up."),
    # operations.new_government
    "new_gov.none": ("Inga nya regeringsuppdrag sedan förra uppföljningen.",
                     "No new government assignments since the previous follow-up."),
    "new_gov.one": ("{n} nytt regeringsuppdrag sedan förra uppföljningen.",
                    "{n} new government assignment since the previous follow-up."),
    "new_gov.many": ("{n} nya regeringsuppdrag sedan förra uppföljningen.",
                     "{n} new government assignments since the previous follow-up."),
    # staff.headcount_change: {more} fler/färre, {detail} the split by employment type
    "staff.many": ("{n} {more} medarbetare än vid förra uppföljningen{detail}.",
                   "{n} {more} employees than at the previous follow-up{detail}."),
    "staff.one": ("{n} medarbetare {more} än vid förra uppföljningen{detail}.",
                  "{n} {more} employee than at the previous follow-up{detail}."),
    "staff.unchanged": ("Antalet medarbetare är oförändrat sedan förra uppföljningen{detail}.",
                        "The number of employees is unchanged since the previous "
                        "follow-up{detail}."),
    "staff.all_one": (", {type}", ", a {type} one"),
    "staff.all_many": (", samtliga {type}", ", all of them {type}"),
    "staff.of_which": (", varav {parts}", ": {parts}"),
    "staff.opposite": (": {parts}", ": {parts}"),
    "staff.part": ("{n} {type}", "{n} {type}"),
    "staff.part_change_one": ("{n} {type} {more}", "{n} {more} {type}"),
    "staff.part_change_many": ("{n} {more} {type}", "{n} {more} {type}"),
    # finance
    "finance.deviation": ("Prognosen ligger {p} procent {side} budget och ekonomins status "
                          "är {status}.",
                          "The forecast is {p} percent {side} budget and the finance status "
                          "is {status}."),
    "finance.level": ("Prognosen ligger i nivå med budget och ekonomins status är {status}.",
                      "The forecast is in line with the budget and the finance status is "
                      "{status}."),
    "finance.consumption": ("Förbrukningen är {c} procent av budgeten efter {m} av {year}.",
                            "Spending is {c} percent of the budget after {m} of {year}."),
    # processes.off_target
    "kpi.clause": ("{kpi}{at} ligger {side} målet{tolerance} ({value} mot {target})",
                   "{kpi}{at} is {side} the target{tolerance} ({value} against {target})"),
    "kpi.short": ("{kpi}{at} ({value} mot {target})", "{kpi}{at} ({value} against {target})"),
    "kpi.at": (" vid {unit}", " at {unit}"),
    "kpi.within": (" men inom toleransen", " but within the tolerance"),
    "kpi.listed": ("{clauses}.", "{clauses}."),
    "kpi.many": ("{n} ligger utanför målet, bland dem {clauses}.",
                 "{n} are off target, among them {clauses}."),
})


def text(key: str, lang: str, **fields: object) -> str:
    """The template ``key`` in ``lang`` with its fields filled in."""
    sv, en = TEXTS[key]
    return (sv if lang == "sv" else en).format(**fields)


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "sv" else pair[1]


def share_band(share: float) -> tuple[str, int]:
    """The phrase key of ``SHARE_BANDS`` for a share (0-1) and its anchor, the nearest
    multiple of five percent: ``0.912`` -> ``("just_over", 90)``."""
    percent = round(share * 100, 9)  # float noise: 0.9 * 100 is 90.00000000000001
    anchor = math.floor(percent / ANCHOR_STEP + 0.5) * ANCHOR_STEP
    offset = round(percent - anchor, 9)
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
        return NEUTER_ONE[lang] if n == 1 and gender == "n" else NUMBER_WORDS[lang][n]
    return say


def noun(name: str, n: int, lang: str) -> str:
    """The singular or plural of a noun of ``NOUNS`` for a count."""
    singular, plural, _ = pick(NOUNS[name], lang)
    return singular if abs(n) == 1 else plural


def counted(say: Callable[..., str], name: str, n: int, lang: str) -> str:
    """``"tre uppdrag"``, ``"ett uppdrag"``, ``"en månad"``, ``"13 uppdrag"``."""
    gender = pick(NOUNS[name], lang)[2]
    return f"{say(n, gender)} {noun(name, n, lang)}"


def join(items: list[str], lang: str) -> str:
    """``"A, B och C"`` / ``"A, B and C"``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {AND[lang]} {items[-1]}"


def quoted(name: str, lang: str) -> str:
    """A name in the language's quotation marks: ``”Namn”`` / ``“Name”``."""
    opening, closing = QUOTES[lang]
    return f"{opening}{name}{closing}"
