"""The words finance writes in the vocabulary columns, and the codes the frames hold.

Each table maps a code to its spellings: the canonical Swedish word first, the canonical
English word second, then other accepted spellings. Matching goes through
:func:`loaders.text.name_key`, so case, stray spaces and å/ä/ö written as a/o do not matter
("GRON", " grön " and "Grön" are all green). Re-exported by :mod:`loaders.ingest.values`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from loaders.specs import Kind
from loaders.text import name_key

STATUS_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "green": ("Grön", "Green", "Gron", "G"),
    "yellow": ("Gul", "Yellow", "Y"),
    "red": ("Röd", "Red", "Rod", "R"),
    "completed": ("Avslutad", "Completed"),
    "cancelled": ("Avbruten", "Cancelled", "Canceled"),
})

ASSIGNMENT_TYPE_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "government": ("Regeringsuppdrag", "Government assignment", "RU"),
    "operational_plan": ("Verksamhetsplan", "Operational plan", "VP"),
    "internal": ("Internt", "Internal", "Intern"),
})

PERSPECTIVE_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "operations": ("Verksamhet", "Operations"),
    "finance": ("Ekonomi", "Finance"),
    "staff": ("Medarbetare", "Staff"),
    "processes": ("Processer", "Processes"),
})

DIRECTION_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "higher": ("Högre är bättre", "Higher is better", "Högre", "Higher"),
    "lower": ("Lägre är bättre", "Lower is better", "Lägre", "Lower"),
})

VOCABULARIES: Mapping[Kind, Mapping[str, tuple[str, ...]]] = MappingProxyType({
    Kind.STATUS: STATUS_WORDS,
    Kind.ASSIGNMENT_TYPE: ASSIGNMENT_TYPE_WORDS,
    Kind.PERSPECTIVE: PERSPECTIVE_WORDS,
    Kind.DIRECTION: DIRECTION_WORDS,
})

CODE_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType({
    code: MappingProxyType({"sv": spellings[0], "en": spellings[1]})
    for table in VOCABULARIES.values()
    for code, spellings in table.items()
})
"""Canonical words of every code: ``CODE_LABELS["green"] == {"sv": "Grön", "en": "Green"}``."""


def _lookup_table(table: Mapping[str, tuple[str, ...]]) -> Mapping[str, str]:
    pairs = {(name_key(word), code) for code, words in table.items() for word in words}
    keys = dict(pairs)
    if len(keys) != len(pairs):
        raise ValueError("a spelling matches two codes")  # a broken table, caught on import
    return MappingProxyType(keys)


_LOOKUPS: Mapping[Kind, Mapping[str, str]] = MappingProxyType({
    kind: _lookup_table(table) for kind, table in VOCABULARIES.items()
})


def lookup_code(kind: Kind, value: object) -> str | None:
    """The code for a word of a vocabulary kind (``"  grön"`` -> ``"green"``), or ``None``."""
    return _LOOKUPS[kind].get(name_key(value))
