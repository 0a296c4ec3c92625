"""A small agency for the follow-up cycle's tests: two departments, four assignments per
tertial, and the people of the cycle (Actors of every role)."""

from __future__ import annotations

import datetime as dt

from loaders.followup.rules import Actor
from loaders.store.store import Store
from tests.loaders.store.test_store import do_import, make

T1, T2 = "2018-T1", "2018-T2"
ANALYS, IT = "Analysavdelningen", "IT-avdelningen"
LAST_DAY = dt.date(2018, 9, 21)

FINANCE = Actor("eva", "finance", display_name="Eva Ekonom")
DIRECTOR = Actor("gd", "director", display_name="Greta Direktör")
ADMIN = Actor("admin", "admin")
LEADER = Actor("lars", "leadership")
VIEWER = Actor("vera", "viewer", ANALYS)
HEAD_ANALYS = Actor("anna", "head", ANALYS, "Anna Analyschef")
REPORTER_ANALYS = Actor("rut", "reporter", ANALYS, "Rut Rapportör")
HEAD_IT = Actor("ivar", "head", IT, "Ivar IT-chef")


def assignments(period: str, red_comment: str | None = None) -> list[tuple]:
    """A-1 red and A-2 yellow in Analysavdelningen; I-1 green and I-2 red in IT."""
    row = ("government", None, None)
    return [
        ("A-1", "Analysera", *row, "Analys", "Anna", None, None, period, "red", red_comment),
        ("A-2", "Utreda", *row, "Analys", None, None, None, period, "yellow", "Försenat"),
        ("I-1", "Drift", *row, "Stöd", None, None, None, period, "green", None),
        ("I-2", "Byte av system", *row, "Drift", None, None, None, period, "red", "Budget"),
    ]


def book(*periods: str, red_comment: str | None = None) -> dict:
    return {
        "units": make("units", [("Analys", ANALYS, None), ("Stöd", IT, None),
                                ("Drift", IT, None)]),
        "assignments": make("assignments", [r for p in periods
                                            for r in assignments(p, red_comment)]),
    }


def load(store: Store, name: str = "uppfoljning", *periods: str,
         red_comment: str | None = None) -> int:
    """Import the agency's workbook for ``periods`` (both tertials by default)."""
    return do_import(store, book(*(periods or (T1, T2)), red_comment=red_comment), name)
