"""The view's state in the address: ``?period=2018-T2&avdelning=…&enhet=…&lang=sv``.

The address carries only the selection (never data), so a department head can bookmark their
view and the back and forward buttons work. :func:`parse` reads a query string against the data
(unknown values become messages, not errors) and :func:`query` writes one back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, parse_qsl, urlencode

from dashboard.kpis.organisation import departments, units_by_department
from dashboard.kpis.periods import periods
from loaders.language import LANGUAGES
from loaders.periods import period_label

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


@dataclass(frozen=True)
class ViewState:
    """A valid selection: period label, optional department and unit, language."""

    period: str | None = None
    department: str | None = None
    unit: str | None = None
    lang: str = "sv"
    problems: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # (key, value)
    page: tuple[tuple[str, str], ...] = ()  # (name, value) of PAGE_PARAMS, as written

    def with_(self, **changes: object) -> ViewState:
        return replace(self, **changes)

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

def _first(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    text = values[0].strip() if values else ""
    return text or None


def page_params(search: object) -> tuple[tuple[str, str], ...]:
    """The address's :data:`PAGE_PARAMS` that have a value, in that order."""
    if not isinstance(search, str):
        return ()
    params = parse_qs(search.lstrip("?"), keep_blank_values=False)
    return tuple((name, value) for name in PAGE_PARAMS
                 if (value := _first(params, name)) is not None)


# Choosing another survey starts on its own latest measurement and the whole organisation.
PAGE_RESETS: dict[str, tuple[str, ...]] = {"enkat": ("matning", "grupp")}


def with_page(search: object, name: str, value: str | None) -> str:
    """The address with the page's part ``name`` set to ``value`` (removed when empty) and
    the parts it resets removed; the rest kept, in the order :func:`query` writes."""
    given = dict(parse_qsl((search if isinstance(search, str) else "").lstrip("?")))
    for dropped in (name, *PAGE_RESETS.get(name, ())):
        given.pop(dropped, None)
    if value:
        given[name] = value
    order = [PARAMS["period"], PARAMS["department"], PARAMS["unit"], *PAGE_PARAMS,
             PARAMS["lang"]]  # as query() writes them, so the filters leave it alone
    kept = [(k, given[k]) for k in order if k in given]
    return "?" + urlencode(kept) if kept else ""


def language_of(search: object) -> str:
    """The address's language (``lang``): ``"en"`` or, for anything else, ``"sv"``. For the
    callbacks that need only the language, not the data (and app.py's error notification)."""
    if not isinstance(search, str):
        return "sv"
    lang = _first(parse_qs(search.lstrip("?"), keep_blank_values=False), PARAMS["lang"])
    return lang if lang in LANGUAGES else "sv"


def parse(search: str | None, frames: dict, reach: Reach = EVERYTHING) -> ViewState:
    """The state an address asks for, checked against the data and the reader's reach.

    Unknown or malformed values are dropped (the view falls back to the default for that
    filter) and listed in ``problems`` as (code, value) so the page can say so (the message
    is ``address.<code>`` in the table of texts). A reader held to one department gets that
    department whatever the address asks; when it is not in the data, no period (nothing
    is shown) rather than the whole agency.
    """
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    problems: list[tuple[str, str]] = []
    lang = _first(params, PARAMS["lang"]) or "sv"
    if lang not in LANGUAGES:
        problems.append(("unknown_lang", lang))
        lang = "sv"
    period = _period(_first(params, PARAMS["period"]), frames, problems)
    asked = _first(params, PARAMS["department"])
    page = page_params(search)
    if asked is None and reach.opening and not set(params) - {PARAMS["lang"]}:
        asked = reach.opening  # a fresh visit opens on the reader's own department
    if reach.only is not None:
        if asked is not None and asked.casefold() != reach.only.casefold():
            problems.append(("department_not_allowed", asked))
        if reach.only.casefold() not in {d.casefold() for d in departments(frames)}:
            problems.append(("own_department_missing", reach.only))
            return ViewState(None, None, None, lang, tuple(problems), page)
        asked = reach.only
    department, unit = _organisation(asked, _first(params, PARAMS["unit"]), frames, problems)
    return ViewState(period, department, unit, lang, tuple(problems), page)


def _period(asked: str | None, frames: dict, problems: list) -> str | None:
    available = [p.label for p in periods(frames)]
    latest = available[-1] if available else None
    if asked is None:
        return latest
    label = period_label(asked)
    if label is None or label not in available:
        problems.append(("unknown_period", asked))
        return latest
    return label


def _organisation(department: str | None, unit: str | None, frames: dict,
                  problems: list) -> tuple[str | None, str | None]:
    units = units_by_department(frames)
    by_key = {d.casefold(): d for d in departments(frames)}
    if department is not None:
        found = by_key.get(department.casefold())
        if found is None:
            problems.append(("unknown_department", department))
        department = found
    if unit is None:
        return department, None
    owner = {u.casefold(): (d, u) for d, us in units.items() for u in us}.get(unit.casefold())
    if owner is None:
        problems.append(("unknown_unit", unit))
        return department, None
    if department is not None and owner[0] != department:
        problems.append(("unit_not_in_department", unit))
        return department, None
    return owner[0], owner[1]


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
