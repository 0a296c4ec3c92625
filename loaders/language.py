"""The two languages of every message, and the one rule that reads a language.

``"en"`` is English; anything else (``"sv"``, nothing, a forged ``"xx"``) is Swedish, the
default. Every module that chooses between the two languages asks :func:`language` or
:func:`pick`, so no caller can read an unknown language the other way round
(``tests/test_languages.py`` keeps inline comparisons out of the code).
"""

from __future__ import annotations

from typing import Literal, TypeVar

Language = Literal["sv", "en"]
LANGUAGES: tuple[Language, Language] = ("sv", "en")  # Swedish first, as every text is shown
T = TypeVar("T")


def language(value: object) -> Language:
    """``"en"`` for English, ``"sv"`` for anything else."""
    return "en" if value == "en" else "sv"


def pick(value: object, swedish: T, english: T) -> T:
    """``swedish`` or ``english``, as :func:`language` reads ``value``."""
    return english if language(value) == "en" else swedish


def english(value: object) -> bool:
    """Whether ``value`` asks for English (the same rule as :func:`language`)."""
    return language(value) == "en"
