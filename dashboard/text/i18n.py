"""Every word of the interface in Swedish and English: one table, ``dashboard/text/texts.toml``.

The table is read once, when this module is imported, into :data:`TEXTS`: an immutable
mapping from a dotted key (section and name, ``"figure.title.status_distribution"``) to its
entry, itself an immutable mapping of one value per language (``"sv"``, ``"en"``) and, for a
few grammar entries, extra fields (a Swedish noun's ``gender``). A value is a string, or a
tuple of strings where the table has a list (``narrative.number_words``, the singular and
plural of a noun). Pure: no ``dash`` import.

:func:`t` gives a text with its placeholders filled in (a field written ``{value:name}`` is a
name, put in the language's quotation marks once: ``Enheten ”Enheten för statistik”``; one
written ``{scale:range}`` a range of numbers, with an en dash: ``1–5``), and for a count of one
the singular form when the table has one (``key_one``); :func:`value` the raw value for the
grammar helpers; :func:`pair` the (Swedish, English) pair for the few tables that keep that
shape (``dashboard.kpis.status.STATUS_LABELS``). Swedish is the default language: anything but
``"en"`` reads Swedish. There is no fallback for keys: a missing key is a ``KeyError``, which a
test catches (every key has both languages, and every key the code asks for exists).

The modules with words of their own read them from here, by key, with their own small
accessors: ``dashboard.figures.labels`` (``[figure]``), ``dashboard.text.grammar``
(``[narrative]``), ``cli.text`` (``[cli]``), ``dashboard.kpis.status`` (``[status]``).

Not in the table: the loaders' validation and refusal messages. ``loaders/`` never depends on
``dashboard/``, so its messages keep their own bilingual tables (``loaders/ingest/messages.py``,
``loaders/ingest/refusals.py``, the error classes). Names in the data are shown as they are written.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from importlib.resources import files
from types import MappingProxyType

from loaders.language import LANGUAGES, language  # noqa: F401 - the one rule, re-exported

SOURCE = "texts.toml"

Entry = Mapping[str, object]


def _frozen(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, Entry]:
    """Dotted key -> entry. A table with a Swedish text is an entry; any other table is a
    section whose keys continue the dotted key."""
    flat: dict[str, Entry] = {}
    for name, item in table.items():
        key = f"{prefix}{name}"
        if not isinstance(item, dict):
            raise ValueError(f"{SOURCE}: {key} is neither a section nor an entry")
        if LANGUAGES[0] in item:
            flat[key] = MappingProxyType({k: _frozen(v) for k, v in item.items()})
        else:
            flat.update(_flatten(item, f"{key}."))
    return flat


def load(text: str) -> Mapping[str, Entry]:
    """The table of a TOML text, flattened and made immutable."""
    return MappingProxyType(_flatten(tomllib.loads(text)))


TEXTS: Mapping[str, Entry] = load(files(__package__).joinpath(SOURCE).read_text("utf-8"))


def value(key: str, lang: str = "sv") -> str | tuple[str, ...]:
    """The entry's value in ``lang`` as the table has it: a text, or a tuple of texts."""
    return TEXTS[key][language(lang)]


QUOTES_KEY = "narrative.quotes"  # [opening, closing] per language
NAME_SPEC = "name"  # "{value:name}": the field is a name, quoted
RANGE_SPEC = "range"  # "{scale:range}": the field is a range of numbers, "1–5"
# a hyphen (or a dash with spaces) between two numbers: the range's dash
RANGE_DASH = re.compile(r"(?<=\d)\s*[-\u2010\u2011\u2012\u2013]\s*(?=[\d\u2212])")
# quotation marks a name may already carry (typed in an address, quoted by a caller)
QUOTE_MARKS = "\"'”“„«»‘’‚"


def quoted(name: object, lang: str = "sv") -> str:
    """A name in the language's quotation marks, once: ``”Namn”`` / ``“Name”``; marks it
    already has around it are not doubled."""
    opening, closing = value(QUOTES_KEY, lang)
    text = str(name)
    if len(text) > 2 and text[0] in QUOTE_MARKS and text[-1] in QUOTE_MARKS:
        text = text[1:-1]
    return f"{opening}{text}{closing}"


def number_range(text: object) -> str:
    """``"1-5"`` -> ``"1–5"``: the en dash of a range, without spaces (as both languages'
    style guides write a range of numbers)."""
    return RANGE_DASH.sub("\u2013", str(text))


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, field: object, spec: str) -> str:
        if spec == NAME_SPEC:
            return quoted(field, self.lang)
        if spec == RANGE_SPEC:
            return number_range(field)
        return super().format_field(field, spec)


COUNT_FIELDS: tuple[str, ...] = ("count", "n")  # the placeholders that hold a text's count
SINGULAR = "_one"  # "x_one": the text "x" for a count of one ("1 dag kvar", "1 day left")
ONE = frozenset({"1", "-1", "\u22121"})


def _counted(key: str, fields: Mapping[str, object]) -> str:
    """``key``, or its singular ``key_one`` when the table has one and the text's count
    (``{count}`` or ``{n}``, as a number or its digits) is one."""
    singular = f"{key}{SINGULAR}"
    if singular not in TEXTS:
        return key
    text = TEXTS[key][LANGUAGES[0]]
    for name in COUNT_FIELDS:
        if isinstance(text, str) and f"{{{name}}}" in text and name in fields:
            return singular if str(fields[name]).strip() in ONE else key
    return key


def t(key: str, lang: str = "sv", **fields: object) -> str:
    """The text for ``key`` in ``lang``, with ``fields`` filled in; for a count of one its
    singular form when the table has one (``key_one``)."""
    if fields:
        key = _counted(key, fields)
    text = value(key, lang)
    if not fields:
        return text
    if f":{NAME_SPEC}}}" in text or f":{RANGE_SPEC}}}" in text:
        return _Formatter(language(lang)).format(text, **fields)
    return text.format(**fields)


def pair(key: str) -> tuple[str, str]:
    """(Swedish, English) for a key."""
    entry = TEXTS[key]
    return entry["sv"], entry["en"]
