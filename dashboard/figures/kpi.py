"""A key figure (nyckeltal) over time against its target.

A key figure is never averaged across units: the agency view draws its one agency line, a
department or unit view one line per unit. Lines differ in colour, dash and marker symbol
together; the target is a grey dashed line. Values are in the key figure's unit of measure,
as the loader stores them (a cell showing 87 % is 87 with the unit "%"), so they are drawn as
given with the unit after them; nothing is guessed from their size.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kpis import swedish_key
from dashboard.kpis.status import STATUSES
from dashboard.text.formatting import MISSING, number
from loaders.language import english

from .escape import plotly_text
from .labels import text
from .style import (
    HOVER,
    LINE_CYCLE,
    SERIES_STYLE,
    axis,
    base_layout,
    empty_figure,
    is_blank,
    values,
)

COLUMNS: tuple[str, ...] = ("period", "value", "target", "status")
Group = tuple[str, dict[str, list]]  # (legend name, {column: values})


def _first(df: pd.DataFrame, column: str) -> str | None:
    if column not in df.columns:
        return None
    found = df[column].dropna()
    return str(found.iloc[0]) if len(found) else None


def _formats(df: pd.DataFrame, unit_of_measure: str | None, lang: str) -> dict:
    """Hover format, axis format, suffix and a cell formatter for the key figure's values
    (the suffix as plotly draws it literally: it goes into hover templates)."""
    unit = (unit_of_measure or "").strip()
    suffix = plotly_text("%" if unit == "%" and english(lang) else (
        f"\u00a0{unit}" if unit else ""))
    return {"hover": HOVER["number"], "axis": "", "suffix": suffix,
            "cell": lambda v: MISSING if v is None else number(v, 1, lang) + suffix}


def _unit_groups(df: pd.DataFrame, lang: str) -> list[Group]:
    """(legend name, columns) per unit: the agency line first, then units in Swedish order."""
    units = values(df["unit"]) if "unit" in df.columns else [None] * len(df)
    columns = {c: values(df[c]) if c in df.columns else [None] * len(df) for c in COLUMNS}
    groups: dict[str, dict[str, list]] = {}
    for i, unit in enumerate(units):
        name = unit.strip() if isinstance(unit, str) else ""
        group = groups.setdefault(name, {c: [] for c in COLUMNS})
        for c in COLUMNS:
            group[c].append(columns[c][i])
    order = sorted(groups, key=lambda n: (n != "", swedish_key(n)))
    return [(name or text("agency", lang), groups[name]) for name in order]


def _status_words(statuses: list, lang: str) -> list[str]:
    return [text(s, lang) if s in STATUSES else text("no_status", lang)
            for s in statuses]


def _value_line(name: str, rows: dict[str, list], style: tuple[str, str, str], fmt: dict,
                lang: str) -> dict:
    color, dash, symbol = style
    amounts = rows["value"]
    status = _status_words(rows["status"], lang)
    return {
        "type": "scatter", "mode": "lines+markers", "name": name,
        "x": rows["period"], "y": amounts, "customdata": status,
        "text": [fmt["cell"](a) for a in amounts],
        "line": {"color": color, "dash": dash, "width": 3}, "legendgroup": name,
        "marker": {"color": color, "symbol": symbol, "size": 10},
        "hovertemplate": (f"<b>{name}</b><br>%{{x}}: %{{y:{fmt['hover']}}}{fmt['suffix']}<br>"
                          f"{text('status', lang)}: %{{customdata}}<extra></extra>"),
        "meta": {"format": "kpi"},
    }


def _target_line(name: str, periods: list, targets: list, fmt: dict,
                 style: tuple[str, str, str] | None = None) -> dict:
    """A dashed target line: grey for the view's one target; in a unit's colour with its
    marker symbol (open) when units have targets of their own."""
    color = SERIES_STYLE["target"][0] if style is None else style[0]
    line = {
        "type": "scatter", "mode": "lines", "name": name, "x": periods, "y": targets,
        "text": [fmt["cell"](t) for t in targets],
        "line": {"color": color, "dash": "dash", "width": 2, "shape": "hv"},
        "hovertemplate": f"{name}: %{{y:{fmt['hover']}}}{fmt['suffix']}<extra></extra>",
        "meta": {"format": "kpi"},
    }
    if style is not None:
        line["mode"] = "lines+markers"
        line["marker"] = {"color": color, "symbol": f"{style[2]}-open", "size": 9}
    return line


def _targets(groups: list[Group], periods: list, fmt: dict, lang: str) -> list[dict]:
    """One target line when every unit has the same target per tertial, else one per unit."""
    per_period: dict[object, set] = {}
    for _, rows in groups:
        for period, target in zip(rows["period"], rows["target"], strict=True):
            per_period.setdefault(period, set()).add(target)
    if all(t is None for targets in per_period.values() for t in targets):
        return []
    if all(len(targets) == 1 for targets in per_period.values()):
        line = [next(iter(per_period[p])) if p in per_period else None for p in periods]
        return [_target_line(text("target", lang), periods, line, fmt)]
    return [_target_line(f"{text('target', lang)} – {name}", rows["period"], rows["target"],
                         fmt, LINE_CYCLE[i % len(LINE_CYCLE)])
            for i, (name, rows) in enumerate(groups)]


def kpi_figure(df: pd.DataFrame | None, kpi: str | None = None,
               unit_of_measure: str | None = None, direction: str | None = None,
               lang: str = "sv", title: str | None = None) -> dict:
    """The key figure's value per tertial (one line per unit in the view) with its target,
    from :func:`~dashboard.kpis.trends.kpi_trend`. ``kpi``, ``unit_of_measure`` and
    ``direction`` default to the frame's own; the title is the key figure's name and the
    subtitle says which direction is better and the unit of measure."""
    if is_blank(df, ["value"]):
        return empty_figure(None, lang)
    kpi = kpi or _first(df, "kpi") or text("value", lang)
    unit_of_measure = unit_of_measure or _first(df, "unit_of_measure")
    direction = (direction or _first(df, "direction") or "higher").strip().casefold()
    fmt = _formats(df, unit_of_measure, lang)
    periods = sorted(set(values(df["period"])))
    groups = [(plotly_text(name), rows) for name, rows in _unit_groups(df, lang)]
    traces = [_value_line(name, rows, LINE_CYCLE[i % len(LINE_CYCLE)], fmt, lang)
              for i, (name, rows) in enumerate(groups)]
    traces += _targets(groups, periods, fmt, lang)
    subtitle = text(direction if direction in ("higher", "lower") else "higher", lang)
    layout = base_layout(
        title or plotly_text(kpi), lang, text("period", lang), hovermode="closest",
        xaxis=axis(text("period", lang), type="category", categoryorder="array",
                   categoryarray=periods),
        yaxis=axis(plotly_text(unit_of_measure) or text("value", lang),
                   tickformat=fmt["axis"]),
    )
    layout["title"]["subtitle"] = {"text": subtitle}
    layout["margin"]["t"] = 84
    return {"data": traces, "layout": layout}
