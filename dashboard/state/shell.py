"""What the filters show for an address, and the address for what the filters say.

The address (``?period=…&avdelning=…&enhet=…&lang=…``) is the one source of the view's state:
the filters write it, and it writes the filters (so back, forward and bookmarks work). The
page itself is rendered from the address by Dash pages. Pure: no dash import.

The department and unit lists start with a real option back to no filter ("Hela
myndigheten", "Alla enheter"), so a reader with the keyboard alone reaches it with the arrow
keys; its value is :data:`EVERY`, read as no filter. The select itself then shows no value
and its placeholder says the same words (typing still searches at once).
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.kpis.organisation import departments, units_by_department
from dashboard.kpis.periods import periods
from dashboard.kpis.scope import find_department
from dashboard.state.address import (
    EVERYTHING,
    FILTER_RESETS,
    Reach,
    ViewState,
    parse,
    problem_texts,
    query,
)
from dashboard.text.i18n import t


@dataclass(frozen=True)
class FilterView:
    """The filters' options, values and labels, and messages about the address."""

    search: str
    period_options: list[dict]
    period: str | None
    department_options: list[dict]
    department: str | None
    unit_options: list[dict]
    unit: str | None
    lang: str
    problems: list[str]


EVERY = "__all__"  # the value of the "Hela myndigheten" / "Alla enheter" options: no filter


def _options(values: list[str]) -> list[dict]:
    return [{"value": v, "label": v} for v in values]


def _every(key: str, lang: str) -> list[dict]:
    return [{"value": EVERY, "label": t(key, lang)}]


def chosen(value: str | None) -> str | None:
    """A filter's value as the address reads it: :data:`EVERY` (or nothing) is no filter."""
    return None if value in (None, "", EVERY) else value


def filter_view(state: ViewState, frames: dict, reach: Reach = EVERYTHING) -> FilterView:
    """The filters for a state; a reader held to one department is offered only that one
    (and not the whole agency). A chosen department's units follow "Alla enheter"."""
    units = units_by_department(frames)
    own = None if reach.only is None else find_department(frames, reach.only)
    shown = departments(frames) if reach.only is None else [own] if own else []
    unit_names = units.get(state.department, []) if state.department else []
    return FilterView(
        search=query(state),
        period_options=_options([p.label for p in reversed(periods(frames))]),
        period=state.period,
        department_options=(_every("shell.all_departments", state.lang)
                            if reach.only is None else []) + _options(shown),
        department=state.department,
        unit_options=(_every("shell.all_units", state.lang) + _options(unit_names)
                      if unit_names else []),
        unit=state.unit,
        lang=state.lang,
        problems=problem_texts(state),
    )


def from_address(search: str | None, frames: dict, reach: Reach = EVERYTHING) -> FilterView:
    """The filters for an address (opening a bookmark, back or forward)."""
    return filter_view(parse(search, frames, reach), frames, reach)


def from_filters(period: str | None, department: str | None, unit: str | None, lang: str | None,
                 frames: dict, changed: str | None = None, reach: Reach = EVERYTHING,
                 page: tuple[tuple[str, str], ...] = ()) -> FilterView:
    """The address for the filters' values (and the page's own parts, ``page``, kept but
    for those the change resets: :data:`~dashboard.state.address.FILTER_RESETS`).
    Choosing another department clears the unit; :data:`EVERY` clears its filter."""
    department, unit = chosen(department), chosen(unit)
    if changed == "department":
        unit = None
    dropped = FILTER_RESETS.get(changed or "", ())
    page = tuple((name, value) for name, value in page if name not in dropped)
    asked = ViewState(period, department, unit, lang or "sv", page=page)
    state = parse(query(asked), frames, reach)
    return filter_view(state, frames, reach)
