"""The Enkät sheet's layout as data: the wide layout's peer columns, the blank template's
sheet, and the answer scales (a range such as 1-5, or a share).

Below the reader (:mod:`loaders.ingest.survey`) so that the template, the demo and the
dashboard's survey figures share these names without importing the ingest."""

from __future__ import annotations

import dataclasses
import re

from loaders.specs import SURVEY_SHEET, Column, Dataset, Kind
from loaders.text import clean_text, name_key

SHARE_WORDS: tuple[str, ...] = ("andel", "andel positiva", "share", "procent", "percent", "%")
SHARE = "share"  # the stored scale of a share (value a fraction 0-1)
PEER_PREFIX = "peer:"  # frame fields of the wide layout's peer columns
TEMPLATE_PEERS = 7  # "Organisation A" .. "Organisation G" in the blank template
_RANGE = re.compile(r"^(-?\d+(?:[.,]\d+)?) ?[-–—] ?(-?\d+(?:[.,]\d+)?)$")


def template_dataset(peers: int = TEMPLATE_PEERS) -> Dataset:
    """The sheet as the blank template lays it out: wide, with anonymous peer columns."""
    fixed = [c for c in SURVEY_SHEET.columns if c.field != "organisation"]
    names = [f"Organisation {chr(ord('A') + i)}" for i in range(peers)]
    columns = [Column(f"{PEER_PREFIX}{i}", (name,), Kind.NUMBER) for i, name in enumerate(names)]
    return dataclasses.replace(SURVEY_SHEET, columns=(*fixed, *columns))


def parse_scale(text: object) -> tuple[str, float, float] | None:
    """("1-5", 1, 5) for a range, ("share", 0, 1) for a share; ``None`` when unreadable."""
    cleaned = clean_text(text)
    if cleaned is None:
        return None
    if name_key(cleaned) in {name_key(w) for w in SHARE_WORDS}:
        return SHARE, 0.0, 1.0
    match = _RANGE.match(cleaned)
    if match is None:
        return None
    low, high = (float(g.replace(",", ".")) for g in match.groups())
    if low >= high:
        return None
    return f"{_plain(low)}-{_plain(high)}", low, high


def _plain(number: float) -> str:
    return str(int(number)) if number.is_integer() else str(number).replace(".", ",")
