"""The last follow-up's actions, followed up: on a tertial's pages, every action the tertial
before gave an assignment in the selection, with its owner, due date and state: done (the
tertial's own assessment says so), overdue (not done and due before the day the follow-up is
made) or open. Pure: the frames (``assessments`` from ``loaders/followup/overlay.py``) in, rows
out."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from loaders.followup.rules import ASSESSMENTS_FRAME, OVERDUE, action_state

from .organisation import Frames
from .prepared import memoized
from .rows import scoped_rows
from .scope import Selection, resolve

DATE_FORMAT = "%Y-%m-%d"


def followed_actions(frames: Frames, selection: Selection, as_of: dt.date) -> list[dict]:
    """The previous tertial's actions within the selection, the overdue ones first: id,
    name, action, owner, due (``2018-06-30``) and state (``done``, ``open``, ``overdue``)."""
    def compute() -> list[dict]:
        actions = frames.get(ASSESSMENTS_FRAME)
        if actions is None or actions.empty:
            return []
        scope = resolve(frames, selection)
        previous = scope.period.previous
        before = scoped_rows(frames, "assignments", scope, previous)
        given = actions[(actions["period"] == previous.label) & actions["action"].notna()]
        given = given[given["id"].isin(set(before["id"]))]
        if given.empty:
            return []
        now = actions[actions["period"] == scope.period.label]
        done = set(now.loc[now["prior_done"], "id"])
        names = dict(zip(before["id"], before["name"], strict=True))
        rows = []
        for aid, action, owner, due in zip(given["id"], given["action"], given["owner"],
                                           given["due"], strict=True):
            day = due.date() if not pd.isna(due) else as_of
            rows.append({"id": aid, "name": names.get(aid, ""), "action": action,
                         "owner": "" if pd.isna(owner) else owner,
                         "due": day.strftime(DATE_FORMAT),
                         "state": action_state(day, aid in done, as_of)})
        order = {OVERDUE: 0, "open": 1, "done": 2}
        return sorted(rows, key=lambda r: (order[r["state"]], r["due"], r["id"]))
    return list(memoized(frames, ("followed_actions", selection, as_of), compute))


def overdue_count(rows: list[dict]) -> int:
    return sum(r["state"] == OVERDUE for r in rows)
