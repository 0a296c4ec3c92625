"""Every word of the interface in Swedish and English: one table, ``dashboard/text/texts.toml``.

The table is read once, when this module is imported, into :data:`TEXTS`: an immutable
mapping from a dotted key (section and name, ``"figure.title.status_distribution"``) to its
entry, itself an immutable mapping of one value per language (``"sv"``, ``"en"``) and, for a
few grammar entries, extra fields (a Swedish noun's ``gender``). A value is a string, or a
tuple of strings where the table has a list (``narrative.number_words``, the singular and
plural of a noun). Pure: no ``dash`` import.

:func:`t` gives a text with its placeholders filled in; :func:`value` the raw value for the
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

import tomllib
from collections.abc import Mapping
from importlib.resources import files
from types import MappingProxyType

LANGUAGES: tuple[str, ...] = ("sv", "en")
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


def language(lang: str) -> str:
    """``"en"`` for English, ``"sv"`` for anything else (Swedish is the default)."""
    return "en" if lang == "en" else "sv"


def value(key: str, lang: str = "sv") -> str | tuple[str, ...]:
    """The entry's value in ``lang`` as the table has it: a text, or a tuple of texts."""
    return TEXTS[key][language(lang)]


def t(key: str, lang: str = "sv", **fields: object) -> str:
    """The text for ``key`` in ``lang``, with ``fields`` filled in."""
    text = value(key, lang)
    return text.format(**fields) if fields else text


def pair(key: str) -> tuple[str, str]:
    """(Swedish, English) for a key."""
    entry = TEXTS[key]
    return entry["sv"], entry["en"]
