"""Frames made by hand for the figure tests, exactly as the loaders make them."""

from __future__ import annotations

import pandas as pd

from loaders.specs import ALL_BY_NAME, DTYPES


def make_frame(dataset: str, rows: list[dict]) -> pd.DataFrame:
    """A frame as the loaders make it: the spec's fields in order, with the spec's dtypes."""
    spec = ALL_BY_NAME[dataset]
    return pd.DataFrame({
        c.field: pd.Series([r.get(c.field) for r in rows], dtype=DTYPES[c.kind])
        for c in spec.columns
    })


def rows(keys: str, period: str, *values: tuple) -> list[dict]:
    """Row dicts from a header string and value tuples, all of one period."""
    names = keys.split()
    return [{"period": period, **dict(zip(names, v, strict=True))} for v in values]
