"""The operations headline as one table: which figures, in which order, labelled and written how.

One table (:data:`OPERATIONS`) serves every place that shows the operations headline: the
Verksamhet page's headline (``dashboard.components.operations``), the overview's Verksamhet
card (:data:`CARD`, a choice of the table's keys), the meeting report
(``dashboard.reports.content``), the command line's summary (``cli.text``) and the upload
preview's before-and-after table (``dashboard.views.preview``). A figure is its key (the name
the preview's figures carry), where it sits in the summary (perspective, then the path inside
it), its label (a key of the one table of texts) and its format (a key of :data:`FORMATS`).
The order the changes since the previous tertial are told in is the figures' own
(:data:`dashboard.kpis.operations.CHANGE_KINDS`), and the status codes come from
:data:`dashboard.kpis.status.STATUSES`, so no second list of them exists. Pure: no ``dash``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from dashboard.kpis.operations import CHANGE_KINDS
from dashboard.kpis.status import STATUSES, status_label
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t

__all__ = ["CARD", "CHANGE_KINDS", "FORMATS", "OPERATIONS", "HeadlineFigure", "figures",
           "rows"]

# format name -> how a value of that format is written in a language
FORMATS: Mapping[str, Callable[[object, str], str]] = MappingProxyType({
    "number": lambda value, lang: fmt.number(value, lang=lang),
    "percent": lambda value, lang: fmt.percent(value, lang=lang),
    "deviation": lambda value, lang: fmt.percent(value, lang=lang, sign=True),
    "change": lambda value, lang: fmt.change(value, lang=lang),
    "status": lambda value, lang: status_label(value, lang),
})


@dataclass(frozen=True)
class HeadlineFigure:
    """One headline figure: ``key``, its place in the summary (``perspective`` and ``path``
    inside it), its label's text key and its format (a key of :data:`FORMATS`)."""

    key: str
    perspective: str
    path: tuple[str, ...]
    label_key: str
    format: str

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"unknown format {self.format!r} of headline figure {self.key}")

    def value(self, figures: Mapping) -> object:
        """The figure in the perspective's figures (``summary()["operations"]`` or
        ``operations()``); None where absent."""
        found: object = figures
        for part in self.path:
            found = found.get(part) if isinstance(found, Mapping) else None
        return found

    def value_in(self, summary: Mapping) -> object:
        """The figure in a whole summary (``kpis.summary``)."""
        return self.value(summary.get(self.perspective) or {})

    def label(self, lang: str) -> str:
        return t(self.label_key, lang)

    def text(self, value: object, lang: str) -> str:
        """The value written in the figure's format."""
        return FORMATS[self.format](value, lang)


OPERATIONS: tuple[HeadlineFigure, ...] = (
    HeadlineFigure("assignments", "operations", ("assignments",), "operations.assignments",
                   "number"),
    *(HeadlineFigure(f"{code}_share", "operations", ("status_share", code),
                     f"operations.share_{code}", "percent") for code in STATUSES),
    HeadlineFigure("government_assignments", "operations", ("government_assignments",),
                   "headline.government_assignments", "number"),
    HeadlineFigure("new_government", "operations", ("new_government_assignments",),
                   "headline.new_government", "number"),
)
BY_KEY: Mapping[str, HeadlineFigure] = MappingProxyType({f.key: f for f in OPERATIONS})
# The overview's Verksamhet card: the green share (with its change) and the new government
# assignments, in the table's order.
CARD: tuple[str, ...] = ("green_share", "new_government")


def figures(keys: tuple[str, ...] | None = None) -> tuple[HeadlineFigure, ...]:
    """The table's figures, or those of ``keys`` in the table's order."""
    if keys is None:
        return OPERATIONS
    unknown = set(keys) - set(BY_KEY)
    if unknown:
        raise KeyError(f"not in the headline table: {', '.join(sorted(unknown))}")
    return tuple(f for f in OPERATIONS if f.key in keys)


def rows(ops: Mapping, lang: str,
         keys: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(label, value as text) of the operations figures ``ops`` (``operations()`` or the
    summary's ``operations``), in the table's order."""
    return [(f.label(lang), f.text(f.value(ops), lang)) for f in figures(keys)]
