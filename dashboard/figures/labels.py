"""Every word the figures show, in Swedish and English: titles, axes, legends, hover texts.

The words live in the one table of texts (``dashboard/text/texts.toml``, section ``[figure]``);
:func:`text` looks a figure's key up there (``"title.status_distribution"`` is
``figure.title.status_distribution``). Status names come from ``[status]``, with the same
symbol as everywhere else in Tertial (● green, ▲ yellow, ■ red), so a status is never told
by colour alone, not even in a legend printed in black and white.
"""

from __future__ import annotations

from types import MappingProxyType

from dashboard.kpis.status import STATUSES
from dashboard.text import i18n

LANGUAGES: tuple[str, ...] = i18n.LANGUAGES
SECTION = "figure"

# figure keys that are statuses -> their key in the one table of status labels
STATUS_KEYS = MappingProxyType({**{code: f"status.{code}" for code in STATUSES},
                                "no_status": "status.none"})


def table_key(key: str) -> str:
    """The key in the table of texts for a figure's key: ``"row"`` -> ``"figure.row"``."""
    return STATUS_KEYS.get(key) or f"{SECTION}.{key}"


def text(key: str, lang: str) -> str:
    """The phrase in the language (``sv`` or ``en``); ``ValueError`` for other languages."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}: {lang!r}")
    return i18n.t(table_key(key), lang)
