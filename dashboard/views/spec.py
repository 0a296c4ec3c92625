"""The shape of a perspective page (Ekonomi, Medarbetare, Processer) as data, not layout.

Each :class:`Perspective` says where it lives, what it computes for a selection
(``figures``), which headline figures its cards show, which charts it draws (a data
function and a figure builder), which notes it may add and, where a view has more rows than
cards can hold, a table. One builder (:mod:`dashboard.components.perspective`) lays every
spec out. Pure: no ``dash`` import, so :func:`content` can be tested as plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from dashboard.kpis import Selection
from dashboard.kpis.status import DEFAULT_THRESHOLDS, Thresholds
from dashboard.text.i18n import t


@dataclass(frozen=True)
class Inputs:
    """What every data function gets: the frames, the checked selection, the thresholds."""

    frames: dict[str, pd.DataFrame]
    selection: Selection
    thresholds: Thresholds = DEFAULT_THRESHOLDS

    @property
    def agency(self) -> bool:
        return not (self.selection.department or self.selection.unit)

    @property
    def by(self) -> str:
        """Break down by department for the whole agency, by unit within a department."""
        return "department" if self.agency else "unit"


@dataclass(frozen=True)
class CardData:
    """One card as the builder draws it: title, status code and (label, value) rows."""

    title: str
    status: str | None
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Headline:
    """A headline figure: its label key and its value formatted from the figures
    (None: not shown)."""

    label_key: str
    value: Callable[[dict, str], str | None]


@dataclass(frozen=True)
class CardSpec:
    """A card of fixed headline figures, with the status the figures give (if any)."""

    title_key: str
    headlines: tuple[Headline, ...]
    status: Callable[[dict], str | None] = lambda figures: None

    def build(self, figures: dict, lang: str) -> list[CardData]:
        rows = [(t(h.label_key, lang), h.value(figures, lang)) for h in self.headlines]
        return [CardData(t(self.title_key, lang), self.status(figures),
                         tuple((label, value) for label, value in rows if value is not None))]


@dataclass(frozen=True)
class ChartSpec:
    """A chart: its data from the inputs (and the page's figures) and its figure builder."""

    data: Callable[[Inputs, dict], object]
    figure: Callable[[object, Inputs, str], dict]

    def build(self, inputs: Inputs, figures: dict, lang: str) -> list[dict]:
        return [self.figure(self.data(inputs, figures), inputs, lang)]


class Cards(Protocol):
    def build(self, figures: dict, lang: str) -> list[CardData]: ...


class Charts(Protocol):
    def build(self, inputs: Inputs, figures: dict, lang: str) -> list[dict]: ...


@dataclass(frozen=True)
class Table:
    """A table of text cells: its title, column (key, header) pairs and rows."""

    title: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[dict[str, str], ...]


Note = Callable[[Inputs, dict, str], str | None]


@dataclass(frozen=True)
class Perspective:
    path: str
    title_key: str
    order: int
    figures: Callable[[Inputs], dict]
    cards: tuple[Cards, ...]
    charts: tuple[Charts, ...]
    notes: tuple[Note, ...] = field(default=())
    table: Callable[[Inputs, dict, str], Table | None] = lambda inputs, figures, lang: None


@dataclass(frozen=True)
class Content:
    cards: list[CardData]
    charts: list[dict]
    notes: list[str]
    table: Table | None = None


def content(spec: Perspective, inputs: Inputs, lang: str) -> Content:
    """Everything a perspective page shows for the inputs, in the language, as data."""
    figures = spec.figures(inputs)
    return Content(
        cards=[c for group in spec.cards for c in group.build(figures, lang)],
        charts=[f for chart in spec.charts for f in chart.build(inputs, figures, lang)],
        notes=[n for n in (note(inputs, figures, lang) for note in spec.notes) if n],
        table=spec.table(inputs, figures, lang))
