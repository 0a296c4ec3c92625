"""Targets for sick leave and staff turnover, from the workbook's Nyckeltal settings.

The Medarbetare sheet has no target columns; an agency sets its targets where it sets every
other target, in the Nyckeltal sheet: a row whose Nyckeltal is named like the Medarbetare
column (``Sjukfrånvaro`` / ``Sick leave``, ``Personalomsättning`` / ``Turnover`` / ``Staff
turnover``, without regard to case) and whose Perspektiv is Medarbetare or blank. Its Mål is
written in percent, as the rates are shown (``4,5`` or ``4,5 %`` both mean 4,5 %; the
loader reads a number cell as Excel displays it). Without a Riktning the lower rate is the
better one, for both: the opposite of the key figures' default, because a higher sick leave
is never the better. The status follows the key-figure rule with the row's Gul gräns (10 %
when blank): at most the target is green, at most 10 % above it yellow, else red.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from dashboard.kpis.status import DEFAULT_THRESHOLDS, Thresholds, is_missing, kpi_status, worst
from loaders.specs import BY_NAME

from .organisation import Frames, dataset, name_key, one_key
from .prepared import memoized

RATES: tuple[str, ...] = ("sick_leave", "turnover")
DEFAULT_RATE_DIRECTION = "lower"
_EXTRA_NAMES: Mapping[str, tuple[str, ...]] = {"turnover": ("Staff turnover",)}
# a Nyckeltal name, folded -> the staff rate it sets the target of
RATE_NAMES: Mapping[str, str] = MappingProxyType({
    one_key(name): column.field
    for column in BY_NAME["staff"].columns if column.field in RATES
    for name in (*column.headers, *_EXTRA_NAMES.get(column.field, ()))
})
STAFF_PERSPECTIVE = "staff"
SMALL_GROUP_LIMIT = 10  # sick leave and turnover are hidden for this many persons or fewer


def rates_may_be_shown(headcount: int | None) -> bool:
    """True when a selection of ``headcount`` persons may show sick leave and turnover:
    more than :data:`SMALL_GROUP_LIMIT` persons (an unknown headcount never may). Swedish
    reporting practice: the rates of a group this small could point out individuals."""
    return not is_missing(headcount) and headcount > SMALL_GROUP_LIMIT


def rates_status(figures: Mapping[str, object]) -> str | None:
    """The staff's status: the worse of the rates' statuses against their targets (None
    without targets, or when the small-group rule hides the rates)."""
    if not rates_may_be_shown(figures.get("headcount")):
        return None
    return worst(figures.get(f"{rate}_status") for rate in RATES)


def rate_targets(frames: Frames) -> dict[str, dict]:
    """rate -> {"target" (a fraction), "direction", "tolerance"} for the rates the KPI
    settings set a target for (the first such row of each rate counts)."""
    settings = dataset(frames, "kpi_settings")
    found: dict[str, dict] = {}
    rows = zip(name_key(settings["kpi"]), settings["perspective"], settings["target"],
               settings["direction"], settings["yellow_tolerance"], strict=True)
    for key, perspective, target, direction, tolerance in rows:
        rate = RATE_NAMES.get(key) if isinstance(key, str) else None
        if rate is None or rate in found or is_missing(target):
            continue
        if not is_missing(perspective) and perspective != STAFF_PERSPECTIVE:
            continue
        found[rate] = {
            "target": round(float(target) / 100, 12),  # written in percent
            "direction": DEFAULT_RATE_DIRECTION if is_missing(direction) else str(direction),
            "tolerance": None if is_missing(tolerance) else float(tolerance),
        }
    return found


def against_targets(frames: Frames, figures: Mapping[str, object],
                    thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict:
    """``<rate>_target``, ``<rate>_direction`` and ``<rate>_status`` for both rates (None
    where the settings give no target, or the rate is missing)."""
    # the same for every scope (the department matrix asks once per department): kept per
    # data version, read-only
    targets = memoized(frames, ("staff_rate_targets",), lambda: rate_targets(frames))
    result: dict[str, object] = {}
    for rate in RATES:
        given = targets.get(rate)
        if given is None:
            result.update(dict.fromkeys((f"{rate}_target", f"{rate}_direction",
                                         f"{rate}_status")))
            continue
        tolerance = thresholds.kpi_tolerance if given["tolerance"] is None else given["tolerance"]
        result[f"{rate}_target"] = given["target"]
        result[f"{rate}_direction"] = given["direction"]
        result[f"{rate}_status"] = kpi_status(figures.get(rate), given["target"],
                                              given["direction"], tolerance)
    return result
