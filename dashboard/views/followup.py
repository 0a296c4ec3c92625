"""What the Uppföljning page shows, as data: the round's line, the departments' progress,
one department's assessments with their actions, an assessment's history, and which of the
page's controls the reader gets. Pure: records of ``loaders.followup`` in, texts and rows out.

The controls follow ``loaders.followup.rules`` (the same table the store checks on every
change), so the page never offers what the server would refuse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.kpis.organisation import swedish_key
from dashboard.kpis.status import status_label
from dashboard.text.formatting import local_time
from dashboard.text.i18n import t
from loaders.followup.records import Adoption, Round, StoredAssessment
from loaders.followup.rules import (
    ADOPTED,
    Assessment,
    Progress,
    action_state,
    allowed_in,
    may,
    readiness_problems,
)
from loaders.periods import Tertial
from loaders.text import one_key


@dataclass(frozen=True)
class Controls:
    """What the reader may do on the page now."""

    manage_round: bool  # open, set the last day, close, reopen (finance, admin)
    follow: bool  # the departments' progress
    adopt: bool  # fastställ (director, admin), when the round's state allows it
    correct: bool  # open an adopted round for correction
    assess: bool  # change the chosen department's assessments
    ready: bool  # mark the chosen department ready, or take it back


def controls(role: str | None, own_department: str | None, department: str | None,
             found: Round | None) -> Controls:
    state = found.state if found else None
    own = one_key(own_department) if own_department else None
    chosen = one_key(department) if department else None
    held = {"user_department": own, "department": chosen}
    return Controls(
        manage_round=may(role, "open_round"),
        follow=may(role, "follow") and found is not None,
        adopt=may(role, "adopt") and allowed_in(state, "adopt"),
        correct=may(role, "adopt") and allowed_in(state, "correct"),
        assess=chosen is not None and may(role, "assess", **held) and allowed_in(state, "assess"),
        ready=chosen is not None and may(role, "ready", **held) and allowed_in(state, "ready"),
    )


def days_left_text(days: int, lang: str) -> str:
    if days > 0:
        return t("followup.days_left", lang, n=days)
    if days == 0:
        return t("followup.day_left", lang)
    return t("followup.days_over", lang, n=-days)


def adoption_text(adoption: Adoption, lang: str) -> str:
    """``Fastställd 2018-10-02 09:12 av Greta Generaldirektör (version 1).``"""
    reason = t("followup.state_reason", lang, reason=adoption.reason) if adoption.reason else ""
    return t("followup.state_adopted", lang, at=local_time(adoption.adopted_at),
             by=adoption.adopted_by_name, version=adoption.version, reason=reason)


def round_line(period: str, found: Round | None, adoption: Adoption | None, today: dt.date,
               lang: str) -> list[str]:
    """The round's state in a sentence or two."""
    if found is None:
        return [t("followup.no_round", lang, period=period)]
    day = found.last_day.isoformat()
    if found.state == ADOPTED and adoption is not None:
        return [adoption_text(adoption, lang)]
    lines = []
    if found.state == "open":
        lines.append(t("followup.state_open", lang, day=day,
                       left=days_left_text((found.last_day - today).days, lang)))
    else:
        lines.append(t("followup.state_closed", lang, day=day))
    if found.correction and adoption is not None:
        lines.append(t("followup.correction_open", lang, reason=found.correction,
                       version=adoption.version))
    return lines


def progress_rows(seen: Progress, lang: str) -> list[dict[str, str]]:
    """One row per department, in Swedish order: ready or not, its assignments, what is
    missing, and whether its last day has passed without it being ready."""
    return [{
        "department": d.department,
        "ready": t("followup.ready_yes" if d.ready else "followup.ready_no", lang),
        "assignments": str(d.assignments),
        "missing": ", ".join(d.missing) or "–",
        "late": t("followup.late_yes" if d.late else "followup.late_no", lang),
    } for d in sorted(seen.departments, key=lambda d: swedish_key(d.department))]


def not_ready(seen: Progress) -> list[str]:
    return sorted(seen.not_ready, key=swedish_key)


def action_text(assessment: Assessment, lang: str, as_of: dt.date) -> str:
    if not assessment.has_action:
        return ""
    due = assessment.action_due
    text = t("followup.action_text", lang, action=assessment.action,
             owner=assessment.action_owner, due=due.isoformat() if due else "–")
    if due is None:
        return text
    state = action_state(due, False, as_of)
    return f"{text} – {t(f'followup.action.{state}', lang)}"


def assessment_rows(rows: Mapping[str, tuple[Assessment, int]],
                    saved: Mapping[str, StoredAssessment], names: Mapping[str, str],
                    lang: str, as_of: dt.date) -> list[dict[str, str]]:
    """One department's assignments, the ones that need a word first (red, yellow), each
    with its status, motivation, action and who changed it last."""
    order = {"red": 0, "yellow": 1, "green": 2, "completed": 3, "cancelled": 4}
    out = []
    for aid, (assessment, _revision) in sorted(
            rows.items(), key=lambda item: (order.get(item[1][0].status, 9), item[0])):
        stored = saved.get(aid)
        changed = (t("followup.changed_by", lang, at=local_time(stored.at),
                     by=stored.author_name) if stored else t("followup.from_file", lang))
        missing = bool(readiness_problems(assessment))
        out.append({
            "id": aid, "name": names.get(aid, ""),
            "status": status_label(assessment.status, lang),
            "motivation": assessment.motivation or (t("followup.missing_flag", lang)
                                                    if missing else ""),
            "action": action_text(assessment, lang, as_of) or (
                t("followup.missing_flag", lang) if missing and assessment.status == "red"
                else ""),
            "changed": changed, "missing": "1" if missing else "",
        })
    return out


def history_lines(history: Sequence[StoredAssessment], lang: str) -> list[str]:
    """Every revision of one assessment, the newest first, with who and when."""
    lines = []
    for item in reversed(history):
        motivation = f": {item.assessment.motivation}" if item.assessment.motivation else ""
        source = t("followup.history_from_file", lang) if item.source == "file" else ""
        lines.append(t("followup.history_line", lang, revision=item.revision,
                       at=local_time(item.at), by=item.author_name,
                       status=status_label(item.assessment.status, lang),
                       motivation=motivation) + source)
    return lines


def version_lines(adoptions: Sequence[Adoption], lang: str) -> list[str]:
    lines = []
    for a in adoptions:
        reason = t("followup.state_reason", lang, reason=a.reason) if a.reason else ""
        missing = (t("followup.version_not_ready", lang, departments=", ".join(a.not_ready))
                   if a.not_ready else "")
        lines.append(t("followup.version_line", lang, version=a.version,
                       at=local_time(a.adopted_at), by=a.adopted_by_name, reason=reason,
                       not_ready=missing))
    return lines


DIFFERENCES_SHOWN = 50  # assignments listed per version; the count says how many there are


def version_differences(first: Mapping[str, pd.DataFrame], later: Mapping[str, pd.DataFrame],
                        period: str, lang: str) -> list[str]:
    """What a corrected version changed against version 1: per assignment of the tertial
    whose status or motivation differs, "RU-2016-37: ▲ Gul → ■ Röd, ny motivering"."""
    def rows(frames: Mapping[str, pd.DataFrame]) -> dict[str, tuple[str, str]]:
        table = frames["assignments"]
        table = table[table["period"] == period]
        return {aid: (str(status), "" if pd.isna(comment) else str(comment))
                for aid, status, comment in zip(table["id"], table["status"],
                                                table["comment"], strict=True)}
    before, after = rows(first), rows(later)
    lines = []
    for aid in sorted(set(before) | set(after)):
        old, new = before.get(aid), after.get(aid)
        if old == new:
            continue
        if old is None or new is None:
            key = "followup.diff_added" if old is None else "followup.diff_removed"
            lines.append(t(key, lang, id=aid))
            continue
        parts = []
        if old[0] != new[0]:
            parts.append(f"{status_label(old[0], lang)} → {status_label(new[0], lang)}")
        if old[1] != new[1]:
            parts.append(t("followup.diff_motivation", lang))
        lines.append(f"{aid}: {', '.join(parts)}")
    return lines


ROUND_DAYS = 21  # the last day offered when a round is opened: three weeks after the tertial


def default_last_day(period: str) -> dt.date:
    return Tertial.from_label(period).last_day + dt.timedelta(days=ROUND_DAYS)


def as_of(period: str, found: Round | None, today: dt.date) -> dt.date:
    """The day an action counts as overdue against: the round's last day (or the tertial's
    end without a round), never later than today."""
    day = found.last_day if found else Tertial.from_label(period).last_day
    return min(day, today)
