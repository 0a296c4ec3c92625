"""Status rules: thresholds as data, and the functions that turn a figure into a status.

Statuses are the codes ``"green"``, ``"yellow"`` and ``"red"``; ``None`` (``pd.NA`` in a
Series) when the figure cannot be judged (a value or target missing, nothing to divide).

Float edges: a figure computed from money or counts may land a hair beside a limit
(``(102 - 100) / 100`` is ``0.020000000000000018``; ``0.8 * 0.9`` is ``0.7200000000000001``).
Every comparison therefore rounds the figure (or its margin to the limit) to
``ROUND_DECIMALS`` (9) decimals first, so that a figure exactly at a limit meets the limit,
as the inclusive rules say. Nine decimals lie far below any difference a reader can see and
far above the float noise of figures of this size.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.text.i18n import pair, t
from loaders.language import pick

if TYPE_CHECKING:
    from loaders.settings import Settings

ROUND_DECIMALS = 9

GREEN, YELLOW, RED = "green", "yellow", "red"
STATUSES: tuple[str, ...] = (GREEN, YELLOW, RED)
WORST_FIRST: tuple[str, ...] = (RED, YELLOW, GREEN)


def worst(statuses: Iterable[object]) -> str | None:
    """The worst of some statuses (red before yellow before green); None when none of them
    is a status (every figure missing its value or target)."""
    found = {s for s in statuses if isinstance(s, str)}
    return next((code for code in WORST_FIRST if code in found), None)

# Direction code -> sign of "better": +1 when a higher value is better, -1 when lower is.
DIRECTION_SIGN: dict[str, int] = {"higher": 1, "lower": -1}
DEFAULT_DIRECTION = "higher"


@dataclass(frozen=True)
class Thresholds:
    """The limits behind every headline status (configuration, not code).

    ``operations_*`` are minimum green shares of active assignments; ``finance_*`` are the
    largest absolute forecast deviations (limits inclusive); ``kpi_tolerance`` is the default
    yellow tolerance of a key figure when the KPI settings give none.
    Override with ``Thresholds(finance_green=0.03)``, ``thresholds.replace(...)`` or
    ``Thresholds.from_mapping(settings)``.
    """

    operations_green: float = 0.90
    operations_yellow: float = 0.75
    finance_green: float = 0.02
    finance_yellow: float = 0.05
    kpi_tolerance: float = 0.10

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ValueError(f"threshold {field.name} must be a number >= 0: {value!r}")
        if self.operations_yellow > self.operations_green:
            raise ValueError("operations_yellow must not exceed operations_green")
        if self.finance_green > self.finance_yellow:
            raise ValueError("finance_green must not exceed finance_yellow")

    def replace(self, **changes: float) -> Thresholds:
        """A copy with some limits changed."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, float | None]) -> Thresholds:
        """Thresholds from settings; ``None`` values keep the default, unknown keys refuse."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(mapping) - names)
        if unknown:
            raise ValueError(f"unknown thresholds: {', '.join(unknown)}")
        return cls(**{k: float(v) for k, v in mapping.items() if v is not None})

    def operations_table(self) -> tuple[tuple[float, str], ...]:
        """(minimum green share, status), checked in order; below all is red."""
        return ((self.operations_green, GREEN), (self.operations_yellow, YELLOW))

    def finance_table(self) -> tuple[tuple[float, str], ...]:
        """(largest |forecast deviation|, status), checked in order; beyond all is red."""
        return ((self.finance_green, GREEN), (self.finance_yellow, YELLOW))


DEFAULT_THRESHOLDS = Thresholds()

# How a status is written everywhere (cards, charts, grid, terminal): a symbol and a word, so it
# is never told by colour alone. (Swedish, English) per code, read from the one table of texts
# (``dashboard/text/texts.toml``, section ``[status]``); ``NO_STATUS`` for a figure without one.
STATUS_LABELS: Mapping[str, tuple[str, str]] = MappingProxyType({
    code: pair(f"status.{code}") for code in (*STATUSES, "completed", "cancelled")})
NO_STATUS = t("status.none")


def status_label(status: str | None, lang: str = "sv") -> str:
    """``● Grön``, ``▲ Gul``, ``■ Röd`` (or English), ``–`` for no status."""
    pair = STATUS_LABELS.get(status) if isinstance(status, str) else None
    return NO_STATUS if pair is None else pick(lang, *pair)

# Threshold fields that the settings carry (``TERTIAL_OPERATIONS_GREEN`` and so on);
# ``kpi_tolerance`` comes from the workbook's KPI settings, not from here.
SETTING_THRESHOLDS: tuple[str, ...] = ("operations_green", "operations_yellow",
                                       "finance_green", "finance_yellow")


def thresholds_from(settings: Settings) -> Thresholds:
    """The headline thresholds the settings give (environment > defaults)."""
    return Thresholds.from_mapping({name: getattr(settings, name, None)
                                    for name in SETTING_THRESHOLDS})


def is_missing(value: object) -> bool:
    """True for None, NaN and pd.NA (the ways a figure can be absent)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def operations_status(green_share: float | None,
                      thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str | None:
    """Operations headline status from the share of active assignments that are green."""
    if is_missing(green_share):
        return None
    share = round(float(green_share), ROUND_DECIMALS)
    for limit, status in thresholds.operations_table():
        if share >= limit:
            return status
    return RED


def finance_status(deviation: float | None,
                   thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str | None:
    """Finance headline status from the forecast deviation ((forecast - budget) / budget)."""
    if is_missing(deviation):
        return None
    size = abs(round(float(deviation), ROUND_DECIMALS))
    for limit, status in thresholds.finance_table():
        if size <= limit:
            return status
    return RED


def _sign(direction: object) -> int:
    if is_missing(direction) or not str(direction).strip():
        return DIRECTION_SIGN[DEFAULT_DIRECTION]
    try:
        return DIRECTION_SIGN[str(direction).strip().casefold()]
    except KeyError:
        raise ValueError(f"unknown direction: {direction!r} (expected higher or lower)") from None


def _classify(value: np.ndarray, target: np.ndarray, sign: np.ndarray,
              tolerance: np.ndarray) -> np.ndarray:
    """Status codes (object array, None where value or target is NaN)."""
    with np.errstate(invalid="ignore"):
        green = np.round(sign * (value - target), ROUND_DECIMALS) >= 0
        limit = target * (1 - sign * tolerance)
        yellow = np.round(sign * (value - limit), ROUND_DECIMALS) >= 0
    codes = np.where(green, GREEN, np.where(yellow, YELLOW, RED)).astype(object)
    codes[np.isnan(value) | np.isnan(target)] = None
    return codes


def kpi_status(value: float | None, target: float | None, direction: str | None = "higher",
               tolerance: float | None = DEFAULT_THRESHOLDS.kpi_tolerance) -> str | None:
    """A key figure's status against its target.

    Higher is better: ``value >= target`` green, ``value >= target * (1 - tolerance)``
    yellow, else red. Lower is better mirrors it: ``value <= target`` green,
    ``value <= target * (1 + tolerance)`` yellow. ``None`` when value or target is missing.
    A missing direction means higher; a missing tolerance the default 10 %.
    """
    if is_missing(value) or is_missing(target):
        return None
    tol = DEFAULT_THRESHOLDS.kpi_tolerance if is_missing(tolerance) else float(tolerance)
    codes = _classify(np.array([float(value)]), np.array([float(target)]),
                      np.array([_sign(direction)]), np.array([tol]))
    return codes[0]


def _floats(values: object, index: pd.Index, default: float) -> np.ndarray:
    if values is None or np.isscalar(values):
        fill = default if values is None or is_missing(values) else float(values)
        return np.full(len(index), fill, dtype=float)
    series = pd.Series(values, index=index) if not isinstance(values, pd.Series) else values
    return pd.to_numeric(series).astype("Float64").to_numpy(dtype=float, na_value=default)


def kpi_statuses(values: pd.Series, targets: pd.Series | float,
                 directions: pd.Series | str | None = None,
                 tolerances: pd.Series | float | None = None,
                 default_tolerance: float = DEFAULT_THRESHOLDS.kpi_tolerance) -> pd.Series:
    """Vectorised :func:`kpi_status` for a table: a ``string`` Series on ``values``' index.

    ``targets``, ``directions`` and ``tolerances`` are Series aligned with ``values`` or one
    value for all rows; missing directions mean higher, missing tolerances the default.
    """
    index = values.index
    value = _floats(values, index, np.nan)
    target = _floats(targets, index, np.nan)
    tolerance = _floats(tolerances, index, default_tolerance)
    if directions is None or isinstance(directions, str):
        sign = np.full(len(index), _sign(directions))
    else:
        given = directions if isinstance(directions, pd.Series) else pd.Series(directions, index)
        signs = {d: _sign(d) for d in given.dropna().unique()}
        sign = given.map(signs).astype("Float64").to_numpy(dtype=float, na_value=1.0)
    codes = _classify(value, target, sign, tolerance)
    return pd.Series(codes, index=index, dtype="string")
