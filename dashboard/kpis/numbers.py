"""Small null-safe arithmetic for the figures, and conversion to plain JSON values.

Every figure is a Python ``int``/``float`` or ``None``: an empty selection, a missing value
or a division by zero gives ``None``, never 0, NaN or an error.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.kpis.status import is_missing

Number = int | float


def total(series: pd.Series) -> Number | None:
    """Sum of the non-missing values; ``None`` when there are none."""
    result = series.sum(min_count=1)
    if is_missing(result):
        return None
    return int(result) if pd.api.types.is_integer_dtype(series.dtype) else float(result)


def ratio(numerator: Number | None, denominator: Number | None) -> float | None:
    """numerator / denominator; ``None`` when either is missing or the denominator is 0."""
    if is_missing(numerator) or is_missing(denominator) or denominator == 0:
        return None
    return numerator / denominator


def difference(a: Number | None, b: Number | None) -> Number | None:
    """a - b; ``None`` when either is missing."""
    if is_missing(a) or is_missing(b):
        return None
    return a - b


def weighted_mean(values: pd.Series, weights: pd.Series) -> float | None:
    """Mean of ``values`` weighted by ``weights`` over the rows that have a value and a
    weight; ``None`` when there are none or their weights sum to 0.

    On the arrays (the staff figures weigh two rates per scope, the department matrix per
    department), without a frame per call: the same sums, to the last bit, as the nullable
    columns give once the rows without a value or a weight are dropped."""
    if not values.index.equals(weights.index):  # rows to align first: the frame does it
        return _aligned_weighted_mean(values, weights)
    value, weight = values.astype("Float64"), weights.astype("Float64")
    kept = ~(value.isna().to_numpy() | weight.isna().to_numpy())
    if not kept.any():
        return None
    w = weight.to_numpy(dtype=float, na_value=np.nan)[kept]
    v = value.to_numpy(dtype=float, na_value=np.nan)[kept]
    summed = float(np.sum(w))
    if not summed:
        return None
    return float(np.sum(v * w)) / summed


def _aligned_weighted_mean(values: pd.Series, weights: pd.Series) -> float | None:
    frame = pd.DataFrame({"v": values.astype("Float64"), "w": weights.astype("Float64")})
    frame = frame.dropna()
    weight = total(frame["w"])
    if not weight:
        return None
    return float((frame["v"] * frame["w"]).sum()) / weight


def plain(value: object) -> object:
    """``value`` with every pandas/numpy scalar, NA and NaN turned into plain JSON types
    (dicts, lists, str, int, float, bool, None)."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset | pd.Series | np.ndarray):
        return [plain(v) for v in value]
    if isinstance(value, pd.DataFrame):
        return [plain(row) for row in value.astype(object).to_dict(orient="records")]
    if is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return None if math.isnan(number) or math.isinf(number) else number
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()
    return str(value)


def records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as plain dicts (NA -> None)."""
    return plain(frame)
