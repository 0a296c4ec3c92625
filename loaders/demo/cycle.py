"""The demo agency's follow-up cycle, told through the app as its people would run it.

After each of the five workbooks is imported (``loaders/demo/load.py``), its tertial's round is
opened by finance the day after the tertial ends; the department heads give each red
assignment an action (an owner, and the next tertial's last day as due date) and mark their
departments ready; the director-general adopts the follow-up a month after the tertial.
The last tertial, 2018-T2 (the story's), is still open: Kommunikationsavdelningen is not
ready (one yellow assignment lacks its motivation), and Analysavdelningen's two red
assignments carry actions: RU-2016-19 keeps the action it was given at 2018-T1, due on
30 June 2018 and not done, so it is overdue at 2018-T2; VP-2016-083's is new, due in
December. RU-2017-12's action of 2018-T1 is done (it is green again).

Statuses and motivations stay as the workbooks give them, so every figure of the demo is
what the workbooks say; the cycle adds the actions, the readiness and the adoptions, with
the story's dates (a clock of its own).
"""

from __future__ import annotations

import datetime as dt

from loaders.followup.cycle import FollowUp
from loaders.followup.rules import NEEDS_ACTION, Actor, Assessment
from loaders.periods import Tertial
from loaders.store.store import Store

STORY = "2018-T2"
NOT_READY = "Kommunikationsavdelningen"
FINANCE = Actor("demo-ekonomi", "finance", display_name="Eva Ekonom")
DIRECTOR = Actor("demo-gd", "director", display_name="Greta Generaldirektör")
ROUND_DAYS = 21  # from the tertial's end to the departments' last day
ADOPTION_DAYS = 32  # from the tertial's end to the adoption (2018-T1: 2 June 2018)
THRESHOLDS = {"operations_green": 0.90, "operations_yellow": 0.75, "finance_green": 0.02,
              "finance_yellow": 0.05, "kpi_tolerance": 0.10}
ACTION = "Åtgärdsplan tas fram och följs upp i ledningsgruppen"
# The story's own actions: (tertial, assignment) -> (action, owner, due)
STORY_ACTIONS: dict[tuple[str, str], tuple[str, str, dt.date]] = {
    ("2018-T1", "RU-2016-19"): ("Rekrytera förstärkning till statistikenheten",
                                "Karin Blomqvist", dt.date(2018, 6, 30)),
    ("2018-T1", "RU-2017-12"): ("Ny leveransplan med leverantören", "Göran Persson",
                                dt.date(2018, 8, 15)),
    ("2018-T2", "RU-2016-19"): ("Rekrytera förstärkning till statistikenheten",
                                "Karin Blomqvist", dt.date(2018, 6, 30)),
    ("2018-T2", "VP-2016-083"): ("Juridisk analys av datadelningen, beslut i ledningsgruppen",
                                 "Göran Persson", dt.date(2018, 12, 14)),
}
HEADS = {  # the department heads (avdelningschefer) of the demo
    "Analysavdelningen": "Anna Lindqvist", "Avdelningen för digital service": "Björn Sandberg",
    "Avdelningen för verksamhetsstöd": "Cecilia Holm", "Ekonomi- och styrningsavdelningen":
    "David Ek", "HR-avdelningen": "Elin Berg", "IT-avdelningen": "Fredrik Nyström",
    "Kommunikationsavdelningen": "Gunilla Åberg", "Rättsavdelningen": "Håkan Lund",
}


def head(department: str) -> Actor:
    return Actor(f"demo-{department.casefold()}", "head", department, HEADS[department])


def run_demo_round(store: Store, period: str) -> None:
    """The round of ``period``: adopted, but for the story's tertial, which stays open.
    Nothing when the period has a round already."""
    adopt = period != STORY
    if FollowUp(store).round(period) is not None:
        return
    end = Tertial.from_label(period).last_day
    clock = _Clock(end)
    cycle = FollowUp(store, clock=clock)
    clock.set(1, 8)
    cycle.open_round(period, end + dt.timedelta(days=ROUND_DAYS), FINANCE)
    previous = _previous_actions(store, period)
    for day, (department, rows) in enumerate(sorted(cycle.department_assessments(period)
                                                    .items()), start=5):
        clock.set(day, 10)
        for assignment_id, (assessment, revision) in sorted(rows.items()):
            changed = _assessed(period, assignment_id, assessment,
                                done=assignment_id in previous)
            if changed != assessment:
                cycle.assess(period, assignment_id, changed, head(department), revision)
        if not (period == STORY and department == NOT_READY):
            clock.set(day + 2, 15)
            cycle.set_ready(period, department, True, head(department))
    if adopt:
        clock.set(ADOPTION_DAYS, 9)
        cycle.adopt(period, DIRECTOR, thresholds=THRESHOLDS)


def _assessed(period: str, assignment_id: str, assessment: Assessment, *,
              done: bool) -> Assessment:
    """The head's assessment: the file's status and motivation, an action for a red one,
    and whether the last follow-up's action is done (it is, once the assignment is no
    longer red)."""
    story = STORY_ACTIONS.get((period, assignment_id))
    if story is not None:
        return Assessment(assessment.status, assessment.motivation, *story)
    if assessment.status in NEEDS_ACTION:
        next_end = Tertial.from_label(period).next.last_day
        owner = "Avdelningschefen"
        return Assessment(assessment.status, assessment.motivation, ACTION, owner, next_end,
                          prior_action_done=False)
    if done:
        return Assessment(assessment.status, assessment.motivation, prior_action_done=True)
    return assessment


def _previous_actions(store: Store, period: str) -> set[str]:
    """The assignments whose action of the tertial before is done now: given one there and
    no longer red."""
    previous = Tertial.from_label(period).previous.label
    cycle = FollowUp(store)
    had = {aid for aid, saved in cycle.assessments(previous).items()
           if saved.assessment.has_action}
    now = {aid for rows in cycle.department_assessments(period).values()
           for aid, (a, _) in rows.items() if a.status not in NEEDS_ACTION}
    return had & now


class _Clock:
    """The story's time: a day after the tertial's end, at an hour (Swedish time)."""

    def __init__(self, end: dt.date):
        self.end = end
        self.moment = dt.datetime.combine(end, dt.time(), dt.UTC)

    def set(self, days: int, hour: int) -> None:
        day = self.end + dt.timedelta(days=days)
        self.moment = dt.datetime.combine(day, dt.time(hour - 2), dt.UTC)  # CEST is UTC+2

    def __call__(self) -> dt.datetime:
        return self.moment
