"""The app's assessments laid over the uploaded assignments (pure pandas).

The uploaded workbook's status and comment are each assignment's starting assessment; an
assessment saved in the app (or chosen from a later file, ``source == "file"``) replaces
them in what every page, report and export shows. The uploaded rows themselves are never
changed: the overlay is made again for every data version and follow-up version.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from loaders.followup.records import StoredAssessment
from loaders.followup.rules import ACTIONS_FRAME


def overlay(assignments: pd.DataFrame,
            assessed: Mapping[tuple[str, str], StoredAssessment]) -> pd.DataFrame:
    """``assignments`` with the status and comment of every assessed (period, id) replaced;
    the same frame when nothing is assessed."""
    if not assessed or assignments.empty:
        return assignments
    wanted = pd.MultiIndex.from_tuples(list(assessed), names=["period", "id"])
    rows = pd.MultiIndex.from_arrays([assignments["period"].astype(object),
                                      assignments["id"].astype(object)])
    position = wanted.get_indexer(rows)
    hit = position >= 0
    if not hit.any():
        return assignments
    values = list(assessed.values())
    status = np.array([v.assessment.status for v in values], dtype=object)
    comment = np.array([v.assessment.motivation or None for v in values], dtype=object)
    out = assignments.copy()
    out.loc[hit, "status"] = status[position[hit]]
    out.loc[hit, "comment"] = comment[position[hit]]
    return out.astype({"status": assignments["status"].dtype,
                       "comment": assignments["comment"].dtype})


ACTION_COLUMNS = ("period", "id", "action", "owner", "due", "prior_done")


def actions_frame(assessed: Mapping[tuple[str, str], StoredAssessment]) -> pd.DataFrame:
    """One row per assessed (period, assignment): its action (blank when it has none), and
    whether that assessment says the previous tertial's action on it is done."""
    rows = [(period, aid, a.assessment.action or None, a.assessment.action_owner or None,
             a.assessment.action_due, a.assessment.prior_action_done)
            for (period, aid), a in assessed.items()]
    frame = pd.DataFrame(rows, columns=list(ACTION_COLUMNS))
    return frame.astype({"period": "string", "id": "string", "action": "string",
                         "owner": "string", "due": "datetime64[us]", "prior_done": "bool"})


def overlaid(frames: Mapping[str, pd.DataFrame],
             assessed: Mapping[tuple[str, str], StoredAssessment]) -> dict[str, pd.DataFrame]:
    """Every frame as given, the assignments with the assessments laid over them, and the
    actions (:func:`actions_frame`)."""
    out = dict(frames)
    if "assignments" in out:
        out["assignments"] = overlay(out["assignments"], assessed)
    out[ACTIONS_FRAME] = actions_frame(assessed)
    return out
