"""The app's assessments laid over the uploaded assignments (pure pandas).

The uploaded workbook's status and comment are each assignment's starting assessment; an
assessment saved in the app (or chosen from a later file, ``source == "file"``) replaces
them in what every page, report and export shows. The uploaded rows themselves are never
changed: the overlay is made again for every data version and follow-up version.

The assessments travel with the frames as one more frame, :data:`ASSESSMENTS_FRAME`
(period, id, status, motivation, source, action, owner, due, prior_done), so the pure
figures (the actions followed up, ``dashboard/kpis/actions.py``) and an upload's preview (the
file against the app, ``dashboard/views/preview.py``) read them like any other data.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from loaders.followup.records import StoredAssessment
from loaders.followup.rules import ASSESSMENTS_FRAME

COLUMNS = {"period": "string", "id": "string", "status": "string", "motivation": "string",
           "source": "string", "action": "string", "owner": "string",
           "due": "datetime64[us]", "prior_done": "bool"}


def assessments_frame(assessed: Mapping[tuple[str, str], StoredAssessment]) -> pd.DataFrame:
    """One row per assessed (period, assignment): its latest assessment."""
    rows = [(period, aid, a.assessment.status, a.assessment.motivation, a.source,
             a.assessment.action or None, a.assessment.action_owner or None,
             a.assessment.action_due, a.assessment.prior_action_done)
            for (period, aid), a in assessed.items()]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(COLUMNS)


def overlay(assignments: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """``assignments`` with the status and comment of every assessed (period, id) replaced;
    the same frame when nothing is assessed."""
    if assessments.empty or assignments.empty:
        return assignments
    wanted = pd.MultiIndex.from_arrays([assessments["period"].astype(object),
                                        assessments["id"].astype(object)])
    rows = pd.MultiIndex.from_arrays([assignments["period"].astype(object),
                                      assignments["id"].astype(object)])
    position = wanted.get_indexer(rows)
    hit = position >= 0
    if not hit.any():
        return assignments
    status = assessments["status"].to_numpy(dtype=object)
    comment = np.array([m or None for m in assessments["motivation"].fillna("")], dtype=object)
    out = assignments.copy()
    out.loc[hit, "status"] = status[position[hit]]
    out.loc[hit, "comment"] = comment[position[hit]]
    return out.astype({"status": assignments["status"].dtype,
                       "comment": assignments["comment"].dtype})


def overlaid(frames: Mapping[str, pd.DataFrame],
             assessed: Mapping[tuple[str, str], StoredAssessment]) -> dict[str, pd.DataFrame]:
    """Every frame as given, the assignments with the assessments laid over them, and the
    assessments themselves (:data:`ASSESSMENTS_FRAME`)."""
    out = dict(frames)
    table = assessments_frame(assessed)
    if "assignments" in out:
        out["assignments"] = overlay(out["assignments"], table)
    out[ASSESSMENTS_FRAME] = table
    return out
