"""The workbook's sheets as the interface names them: ``Enkät`` / ``Survey``.

The loaders know every spelling a sheet may have (``loaders.specs``: ``Enkät``, ``Enkat``,
``Survey``, ``Enkäter``), the first being the one the template writes; which of them is the
English name is not theirs to say. The table of texts says it (``[sheet]``); a dataset
without an entry there is named as the loaders name it.
"""

from __future__ import annotations

from dashboard.text import i18n
from loaders.specs import sheet_name

SECTION = "sheet"


def sheet_label(dataset: str, lang: str = "sv") -> str:
    """The sheet of ``dataset`` in ``lang``: ``"survey"`` -> ``"Enkät"`` or ``"Survey"``;
    an unknown dataset as it is."""
    key = f"{SECTION}.{dataset}"
    if key in i18n.TEXTS:
        return i18n.t(key, lang)
    try:
        return sheet_name(dataset, i18n.language(lang))
    except KeyError:
        return dataset
