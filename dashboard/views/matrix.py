"""The department matrix in words: what each cell says and where it leads.

One reading of :func:`dashboard.kpis.matrix.department_matrix` for the overview (Dash,
``dashboard.components.matrix``) and the meeting report (HTML and PDF,
``templates/report.html``), so both say the same thing in the same words. Pure: no ``dash``
import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.kpis.matrix import PERSPECTIVES
from dashboard.kpis.staff_targets import SMALL_GROUP_LIMIT
from dashboard.kpis.status import is_missing, status_label
from dashboard.state.address import SHOW, ViewState, query
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.views.perspectives import FINANCE, PROCESSES, STAFF

PATHS: Mapping[str, str] = {"operations": "/verksamhet", "finance": FINANCE.path,
                            "staff": STAFF.path, "processes": PROCESSES.path}
TITLES: Mapping[str, str] = {name: f"card.{name}" for name in PERSPECTIVES}


@dataclass(frozen=True)
class MatrixCell:
    perspective: str
    status: str  # the status code, "none" without one (a class name)
    status_text: str  # symbol and word: "■ Röd"
    figure: str  # what the value is: "Prognosavvikelse"
    value: str  # "+7,6 %", "1 av 10", "Visas inte"
    change: str  # "+4,6 p.e."; "" without a comparison
    arrow: str  # "↑", "↓", "→"; "" without a comparison
    change_title: str  # the change in a sentence, for the cell's title and readers
    href: str  # the department's perspective page, filters set


@dataclass(frozen=True)
class MatrixRow:
    department: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class Matrix:
    caption: str
    intro: str
    headers: tuple[str, ...]  # "Avdelning", then the four perspectives
    rows: tuple[MatrixRow, ...]


def arrow(change: float | int) -> str:
    """``↑`` for a rise, ``↓`` for a fall, ``→`` for none (the matrix's and the cards')."""
    if round(float(change), 9) > 0:
        return "↑"
    return "↓" if round(float(change), 9) < 0 else "→"


def short_points(change: float, lang: str) -> str:
    """A change of a fraction as the matrix and the cards write it: ``+4,6 p.e.``."""
    return f"{fmt.number(change * 100, 1, lang, sign=True)}{fmt.NBSP}{t('matrix.points', lang)}"


def _value(cell: Mapping, lang: str) -> str:
    figure, value = cell["figure"], cell["value"]
    if figure == "rates" and cell.get("hidden"):
        return t("matrix.hidden", lang, limit=SMALL_GROUP_LIMIT)
    if is_missing(value):
        return t("matrix.no_kpis" if figure == "on_target" else "matrix.no_data", lang)
    if figure == "on_target":
        return t("matrix.of", lang, value=fmt.number(value, lang=lang),
                 of=fmt.number(cell["of"], lang=lang))
    return fmt.percent(value, lang=lang, sign=figure == "forecast_deviation")


def _change(cell: Mapping, lang: str, short: bool) -> str:
    """The change as the cell writes it (``+6,3 p.e.``) or in full (``+6,3
    procentenheter``, for its title); "" without a comparison."""
    change = cell["change"]
    if is_missing(change):
        return ""
    if cell["figure"] == "on_target":
        return fmt.change(change, lang=lang)
    if short:
        return short_points(change, lang)
    return fmt.points(change, lang=lang)


def _cell(name: str, cell: Mapping, href: str, previous: str | None, lang: str) -> MatrixCell:
    change = _change(cell, lang, short=True)
    figure = cell["figure"]
    title = (t("matrix.change", lang, previous=previous, change=_change(cell, lang, short=False))
             if change and previous else t("matrix.no_change", lang))
    return MatrixCell(
        perspective=name,
        status=cell["status"] or "none",
        status_text=status_label(cell["status"], lang),
        figure="" if figure == "rates" or is_missing(cell["value"])
        else t(f"matrix.figure_{figure}", lang),
        value=_value(cell, lang),
        change=change,
        arrow=arrow(cell["change"]) if change else "",
        change_title=title,
        href=href,
    )


def matrix_view(rows: list[dict], state: ViewState, previous: str | None) -> Matrix:
    """The matrix of ``rows`` (``department_matrix``) for a view of the whole agency in
    ``state``; each cell links to the department's page of its perspective, in the same
    tertial, language and data (today's or the adopted follow-up's)."""
    lang = state.lang
    kept = tuple(part for part in state.page if part[0] == SHOW)
    built = []
    for row in rows:
        address = query(state.with_(department=row["department"], unit=None, page=kept))
        built.append(MatrixRow(row["department"], tuple(
            _cell(name, row["cells"][name], PATHS[name] + address, previous, lang)
            for name in PERSPECTIVES)))
    intro = (t("matrix.intro", lang, previous=previous) if previous
             else t("matrix.intro_first", lang))
    return Matrix(
        caption=t("matrix.caption", lang, period=state.period),
        intro=intro,
        headers=(t("matrix.department", lang),
                 *(t(TITLES[name], lang) for name in PERSPECTIVES)),
        rows=tuple(built),
    )
