"""The view's state in the address: ``?period=2018-T2&avdelning=…&enhet=…&lang=sv``.

The address carries only the selection (never data), so a department head can bookmark their
view and the back and forward buttons work. :func:`params_of` is the one reading of an
address's parameters (a query string, or the parameters Dash and Flask hand over); every page,
callback and route that reads an address asks it or :func:`parse`. :func:`parse` checks them
against the data by the selection's own rules (``dashboard.kpis.scope``: names matched by
their key, the units sheet's departments and units, its problem codes) and gives the view's
state; :meth:`ViewState.scope_in` turns it into the :class:`~dashboard.kpis.scope.Scope` of the
frames a page shows (an adopted tertial's may differ from today's). Unknown values become
messages (:func:`problem_texts`), not errors. :func:`query` writes an address back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlencode

from dashboard.kpis.periods import periods
from dashboard.kpis.scope import (
    Scope,
    Selection,
    SelectionError,
    find_department,
    find_period,
    find_unit,
    resolve,
    typed_key,
)
from dashboard.text.i18n import t
from loaders.language import LANGUAGES, language

PARAMS = {"period": "period", "department": "avdelning", "unit": "enhet", "lang": "lang"}
# Parts of the address that one page reads for itself (the survey page's survey, measurement
# and group; Händelselogg's kind of events, ``typ``): kept as written whatever the filters
# do, checked by that page.
# ``visa=aktuell`` (every page's) shows an adopted tertial's data as it is today rather than
# the adopted follow-up (``dashboard.data.FrameCache.for_view``).
# Verksamhet's grid keeps its search, sort and column filters (``sok``, ``sortera``,
# ``status``, ``filter``: ``dashboard.state.grid_address``).
PAGE_PARAMS: tuple[str, ...] = ("enkat", "matning", "grupp", "typ", "visa",
                                "sok", "sortera", "status", "filter")
SHOW, SHOW_CURRENT = "visa", "aktuell"
# The parameters that ask for a view: a fresh visit (none of them) opens on a head's own
# department.
ASKING = frozenset((*(PARAMS[name] for name in ("period", "department", "unit")),
                    *PAGE_PARAMS))

# The problems only an address has (the selection's own are dashboard.kpis.scope.PROBLEMS):
# each problem's text is ``choice.<code>``; the address adds what it shows instead,
# ``address.<FALLBACK[code]>``.
ADDRESS_PROBLEMS = ("unknown_lang", "department_not_allowed", "own_department_missing")
FALLBACK = {"invalid_period": "shows_latest", "unknown_period": "shows_latest",
            "unknown_department": "shows_agency", "unknown_unit": "unit_left_out",
            "unit_not_in_department": "unit_left_out", "unknown_lang": "shows_swedish"}


@dataclass(frozen=True)
class ViewState:
    """A valid selection: period label, optional department and unit, language."""

    period: str | None = None
    department: str | None = None
    unit: str | None = None
    lang: str = "sv"
    problems: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # (code, value)
    page: tuple[tuple[str, str], ...] = ()  # (name, value) of PAGE_PARAMS, as written

    def with_(self, **changes: object) -> ViewState:
        """The state with ``changes``."""
        return replace(self, **changes)

    @property
    def selection(self) -> Selection | None:
        """The state's selection (None without a period)."""
        return None if self.period is None else Selection(self.period, self.department,
                                                          self.unit)

    def scope_in(self, frames: dict) -> Scope | None:
        """The state's selection checked in ``frames`` (the ones the page shows: an adopted
        tertial's follow-up or today's data); None without a period. Raises
        :class:`~dashboard.kpis.scope.SelectionError` when those frames lack it."""
        selection = self.selection
        return None if selection is None else resolve(frames, selection)

    @property
    def shows_current(self) -> bool:
        """Whether the address asks for today's data over an adopted follow-up."""
        return (SHOW, SHOW_CURRENT) in self.page


@dataclass(frozen=True)
class Reach:
    """What the reader may see: ``only`` one department (None: the whole agency), and the
    department the filters open on when the address names none (a head's own)."""

    only: str | None = None
    opening: str | None = None


EVERYTHING = Reach()  # the whole agency, opening on it

def params_of(address: object) -> dict[str, str]:
    """The parameters of an address: a query string (with or without its ``?``) or the
    parameters Dash and Flask hand over (a repeated one as a list). The first value of each,
    trimmed; blank ones left out."""
    if isinstance(address, str):
        pairs = parse_qsl(address.lstrip("?"))
    elif isinstance(address, Mapping):
        pairs = [(name, value) for name, given in address.items()
                 for value in (given if isinstance(given, list | tuple) else [given])]
    else:
        pairs = []
    params: dict[str, str] = {}
    for name, value in pairs:
        text = "" if value is None else str(value).strip()
        if text and name not in params:
            params[str(name)] = text
    return params


def page_params(address: object) -> tuple[tuple[str, str], ...]:
    """The address's :data:`PAGE_PARAMS` that have a value, in that order."""
    params = params_of(address)
    return tuple((name, params[name]) for name in PAGE_PARAMS if name in params)


# Choosing another survey starts on its own latest measurement and the whole organisation.
PAGE_RESETS: dict[str, tuple[str, ...]] = {"enkat": ("matning", "grupp")}
# Choosing another department or unit in the filters lets the survey's group follow it
# (``dashboard.state.survey``) instead of keeping a group chosen for the one before.
FILTER_RESETS: dict[str, tuple[str, ...]] = {"department": ("grupp",), "unit": ("grupp",)}


def with_page(search: object, name: str, value: str | None) -> str:
    """The address with the page's part ``name`` set to ``value`` (removed when empty) and
    the parts it resets removed; the rest kept, in the order :func:`query` writes."""
    given = params_of(search)
    for dropped in (name, *PAGE_RESETS.get(name, ())):
        given.pop(dropped, None)
    if value:
        given[name] = value
    order = [PARAMS["period"], PARAMS["department"], PARAMS["unit"], *PAGE_PARAMS,
             PARAMS["lang"]]  # as query() writes them, so the filters leave it alone
    kept = [(k, given[k]) for k in order if k in given]
    return "?" + urlencode(kept) if kept else ""


def language_of(address: object) -> str:
    """The address's language (``lang``): ``"en"`` or, for anything else, ``"sv"``. For the
    callbacks that need only the language, not the data (and app.py's error notification)."""
    return language(params_of(address).get(PARAMS["lang"]))


def parse(address: object, frames: dict, reach: Reach = EVERYTHING) -> ViewState:
    """The state an address (a query string or its parameters, :func:`params_of`) asks for,
    checked against the data and the reader's reach.

    Unknown or malformed values are dropped (the view falls back to the default for that
    filter) and listed in ``problems`` as (code, value) so the page can say so
    (:func:`problem_texts`). Names are matched as ``dashboard.kpis.scope`` matches them. A
    reader held to one department gets that department whatever the address asks; when it
    is not in the data, no period (nothing is shown) rather than the whole agency.
    """
    params = params_of(address)
    problems: list[tuple[str, str]] = []
    lang = params.get(PARAMS["lang"], "sv")
    if lang not in LANGUAGES:
        problems.append(("unknown_lang", lang))
        lang = "sv"
    period = _period(params.get(PARAMS["period"]), frames, problems)
    asked = params.get(PARAMS["department"])
    page = page_params(params)
    if asked is None and reach.opening and not ASKING & set(params):
        asked = reach.opening  # a fresh visit opens on the reader's own department
    if reach.only is not None:
        if asked is not None and typed_key(asked) != typed_key(reach.only):
            problems.append(("department_not_allowed", asked))
        own = find_department(frames, reach.only)
        if own is None:
            problems.append(("own_department_missing", reach.only))
            return ViewState(None, None, None, lang, tuple(problems), page)
        asked = own
    department, unit = _organisation(asked, params.get(PARAMS["unit"]), frames, problems)
    return ViewState(period, department, unit, lang, tuple(problems), page)


def _period(asked: str | None, frames: dict, problems: list) -> str | None:
    available = periods(frames)
    latest = available[-1].label if available else None
    if asked is None:
        return latest
    try:
        return find_period(frames, asked).label
    except SelectionError as refused:
        problems.append((refused.code, asked))
        return latest


def _organisation(department: str | None, unit: str | None, frames: dict,
                  problems: list) -> tuple[str | None, str | None]:
    if department is not None:
        found = find_department(frames, department)
        if found is None:
            problems.append(("unknown_department", department))
        department = found
    if unit is None:
        return department, None
    owner = find_unit(frames, unit)
    if owner is None:
        problems.append(("unknown_unit", unit))
        return department, None
    if department is not None and owner[1] != department:
        problems.append(("unit_not_in_department", owner[0]))
        return department, None
    return owner[1], owner[0]


def problem_text(code: str, value: str, lang: str, department: str | None = None) -> str:
    """A problem of the address in words: what is wrong (``choice.<code>``, as anywhere a
    selection is refused) and what the view shows instead."""
    fields = {"department": department} if code == "unit_not_in_department" else {}
    text = t(f"choice.{code}", lang, value=value, **fields)
    fallback = FALLBACK.get(code)
    return f"{text} {t(f'address.{fallback}', lang)}" if fallback else text


def problem_texts(state: ViewState) -> list[str]:
    """The state's problems in its language (:func:`problem_text`)."""
    return [problem_text(code, value, state.lang, state.department)
            for code, value in state.problems]


def query(state: ViewState) -> str:
    """``?period=…&avdelning=…&enhet=…&enkat=…&lang=…`` for a state (empty parts left
    out)."""
    pairs = [(PARAMS["period"], state.period), (PARAMS["department"], state.department),
             (PARAMS["unit"], state.unit), *state.page]
    if state.lang and state.lang != LANGUAGES[0]:  # any but the default, as asked: parse()
        # says so when it is no language (state_from_params asks through here)
        pairs.append((PARAMS["lang"], state.lang))
    kept = [(k, v) for k, v in pairs if v]
    return "?" + urlencode(kept) if kept else ""
