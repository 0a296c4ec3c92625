"""Which survey, measurement and group the survey page shows, from its address.

The page's own parts of the address (``?enkat=…&matning=…&grupp=…``, see
:data:`dashboard.state.address.PAGE_PARAMS`) pick them; a missing part falls back to the most
recent survey, its latest measurement and the whole organisation. The survey's groups are
its own (respondent groups or units, as finance wrote them). Without a ``grupp`` the page
follows the shell's filter where the survey has a group of that name (the unit's, else its
department's), and says so when it has none (:attr:`SurveyState.unmatched`): then it shows
the whole organisation. A group chosen on the page wins over the filter. A reader held to
one department is offered only the groups named after that department or its units.
Pure: no dash import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.kpis.organisation import units_by_department
from dashboard.kpis.survey import SurveyChoice, groups, measurements, surveys
from dashboard.state.address import EVERYTHING, Reach
from loaders.text import one_key


@dataclass(frozen=True)
class SurveyState:
    """The choice (None without any survey), what the controls offer, and the problems of
    the address as (text key, value asked, value shown)."""

    choice: SurveyChoice | None
    surveys: list[str] = field(default_factory=list)
    measurements: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    baseline: str | None = None  # the survey's first measurement, when another is shown
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    # the shell's filter the group follows: ("unit" or "department", its name)
    follows: tuple[str, str] | None = None
    # the shell's filter the survey has no group for: (its name, the group shown instead,
    # None for the whole organisation)
    unmatched: tuple[str, str | None] | None = None


def _find(asked: str | None, options: list[str]) -> str | None:
    if asked is None:
        return None
    return next((o for o in options if o.casefold() == asked.casefold()), None)


def allowed_groups(names: list[str], frames: dict, reach: Reach) -> list[str]:
    """The groups a reader may see: all, or for one held to a department only those known to
    be theirs: named after their department or one of its units in the Enheter sheet.

    Never by exclusion: a group named after a department that was renamed since, or after a
    unit no longer listed, belongs to nobody the data can name, so a restricted reader is
    not shown it (the whole organisation's results stay theirs to read)."""
    if reach.only is None:
        return names
    own = one_key(reach.only)
    units = next((units for department, units in units_by_department(frames).items()
                  if one_key(department) == own), [])
    theirs = {one_key(name) for name in (reach.only, *units)}
    return [n for n in names if one_key(n) in theirs]


def shown(state: SurveyState, name: str) -> str | None:
    """What the page shows for one of its address parts (``enkat``, ``matning``, ``grupp``)."""
    choice = state.choice
    if choice is None:
        return None
    return {"enkat": choice.survey, "matning": choice.measurement, "grupp": choice.group}[name]


def _followed(offered: list[str], department: str | None, unit: str | None
              ) -> tuple[str | None, tuple[str, str] | None, tuple[str, str | None] | None]:
    """(group, follows, unmatched) for the shell's unit and department filters: the group
    named after the unit, else after its department (names compared as the dashboard
    compares them)."""
    by_key = {one_key(name): name for name in offered}
    found = [(kind, name, by_key.get(one_key(name))) for kind, name in
             (("unit", unit), ("department", department)) if name]
    chosen = next(((kind, name, group) for kind, name, group in found if group), None)
    group = chosen[2] if chosen else None
    follows = (chosen[0], chosen[1]) if chosen else None
    missing = found[0] if found and found[0][2] is None else None
    return group, follows, None if missing is None else (missing[1], group)


def survey_state(frames: dict, params: dict[str, str], reach: Reach = EVERYTHING,
                 department: str | None = None, unit: str | None = None) -> SurveyState:
    """The state that the page's query parameters ask for, checked against the survey;
    ``department`` and ``unit`` are the shell's filters (the view's, already checked)."""
    frame: pd.DataFrame | None = frames.get("survey")
    names = surveys(frame)
    if not names:
        return SurveyState(None)
    problems: list[tuple[str, str, str]] = []
    survey = _pick(params.get("enkat"), names, names[0], "unknown_survey", problems)
    taken = measurements(frame, survey)
    measurement = _pick(params.get("matning"), taken, taken[-1], "unknown_measurement",
                        problems)
    offered = allowed_groups(groups(frame, survey), frames, reach)
    follows = unmatched = None
    if params.get("grupp"):
        group = _pick(params.get("grupp"), offered, None, "unknown_group", problems)
    else:
        group, follows, unmatched = _followed(offered, department, unit)
    baseline = taken[0] if taken[0] != measurement else None
    return SurveyState(SurveyChoice(survey, measurement, group), names, taken, offered,
                       baseline, problems, follows, unmatched)


def _pick(asked: str | None, options: list[str], default: str | None, problem: str,
          wrong: list) -> str | None:
    """The option the address asks for (any case), else ``default``; an unknown one is
    noted as (problem, asked, default)."""
    found = _find(asked, options)
    if asked is not None and found is None:
        wrong.append((problem, asked, default or ""))
    return found or default
