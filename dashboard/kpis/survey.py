"""The survey benchmark's figures: our value against the peer organisations', per question and
per area, and the change against the baseline. Pure pandas, no ``dash``.

The input is the stored survey frame (:data:`loaders.specs.SURVEY`: one row per survey,
measurement, area, question, group and organisation; our own rows have ``is_own``).

Conventions the page and its sentence rely on:

* **Higher is better** on every scale (the format doc asks for questions phrased so). Our
  rank is 1 + the number of peers with a strictly higher value (ties share a rank).
* **Small groups are hidden.** A value resting on fewer than ``min_answers`` answers is
  never shown, nor is its rank or change. When one group of a question is hidden and others
  are shown, the smallest shown group is hidden too, so the hidden one cannot be worked out
  from the whole organisation's figure and the others' (complementary suppression).
* **Areas compare like with like.** An area's value for an organisation is the mean over the
  area's questions of the value on a 0-1 footing (a 1-5 answer of 4 is 0.75), taken over the
  questions where our own value is shown.
* **Changes have a margin.** The 95 % margin of a change between two measurements is
  1.96 * sqrt(v1/n1 + v2/n2): for a share v = p(1 - p); for a scale, whose spread the export
  does not give, the rule-of-thumb spread of a bounded scale, sd = (high - low) / 4. A change
  inside the margin is reported as "no certain change".
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from loaders.survey_sheet import SHARE, parse_scale

MIN_ANSWERS = 5  # the default of the setting survey_min_answers
Z95 = 1.96
_QUESTION_OF = ("survey", "measurement", "question", "organisation")  # a question's groups


@dataclass(frozen=True)
class SurveyChoice:
    """One survey's measurement, for the whole organisation (``group`` None) or one group."""

    survey: str
    measurement: str
    group: str | None = None


def _is(series: pd.Series, value: str | None) -> pd.Series:
    if value is None:
        return series.isna()
    return series.str.casefold().eq(value.casefold()).fillna(False).astype(bool)


def surveys(frame: pd.DataFrame | None) -> list[str]:
    """The surveys, the one measured most recently first."""
    if frame is None or frame.empty:
        return []
    latest = frame.groupby("survey", sort=False)["date"].max()
    order = pd.DataFrame({"date": latest, "seen": range(len(latest))})
    return order.sort_values(["date", "seen"], ascending=[False, False],
                             na_position="last").index.tolist()


def measurements(frame: pd.DataFrame | None, survey: str) -> list[str]:
    """A survey's measurements, oldest first (by date, then as they appear): the first is
    the baseline."""
    if frame is None or frame.empty:
        return []
    rows = frame[_is(frame["survey"], survey)]
    first = rows.groupby("measurement", sort=False)["date"].min()
    order = pd.DataFrame({"date": first, "seen": range(len(first))})
    return order.sort_values(["date", "seen"], na_position="last").index.tolist()


def latest_measurement(frame: pd.DataFrame | None,
                       until: dt.date | None = None) -> SurveyChoice | None:
    """The measurement taken last, by ``until`` when given (an undated one counts as taken
    when it was loaded: always), for the whole organisation; None without one."""
    if frame is None or frame.empty:
        return None
    dates = frame["date"]
    taken = frame if until is None else frame[dates.isna() | (dates <= pd.Timestamp(until))]
    if taken.empty:
        return None
    survey = surveys(taken)[0]
    return SurveyChoice(survey, measurements(taken, survey)[-1])


def groups(frame: pd.DataFrame | None, survey: str) -> list[str]:
    """The respondent groups (units) of a survey, as they appear."""
    if frame is None or frame.empty:
        return []
    named = frame.loc[_is(frame["survey"], survey), "group"].dropna()
    return list(dict.fromkeys(named))


def measured_on(frame: pd.DataFrame, choice: SurveyChoice) -> str | None:
    """The date of a measurement (its earliest), ``YYYY-MM-DD``; None without one."""
    rows = frame[_is(frame["survey"], choice.survey)
                 & _is(frame["measurement"], choice.measurement)]
    first = rows["date"].min()
    return None if pd.isna(first) else pd.Timestamp(first).strftime("%Y-%m-%d")


def on_footing(values: pd.Series, scales: pd.Series) -> pd.Series:
    """Values on a 0-1 footing: a share as it is, a scale value as its place on the scale."""
    def one(value: object, scale: object) -> float:
        parsed = parse_scale(scale)
        if parsed is None or pd.isna(value):
            return math.nan
        _, low, high = parsed
        return (float(value) - low) / (high - low)
    return pd.Series([one(v, s) for v, s in zip(values, scales, strict=True)],
                     index=values.index, dtype="float64")


def suppressed(frame: pd.DataFrame, min_answers: int) -> pd.Series:
    """Which rows are hidden: fewer than ``min_answers`` answers, and the complementary
    groups (see the module)."""
    answers = frame["answers"].astype("Float64")
    hidden = (answers < min_answers).fillna(False).astype(bool)
    grouped = frame[frame["group"].notna()]
    if grouped.empty:
        return hidden
    parts = pd.DataFrame({k: grouped[k].str.casefold() for k in _QUESTION_OF})
    parts["hidden"] = hidden[grouped.index]
    parts["answers"] = answers[grouped.index].astype("float64").fillna(math.inf)
    alone = parts.groupby(list(_QUESTION_OF), sort=False)["hidden"].transform("sum") == 1
    candidates = parts[alone & ~parts["hidden"]]  # the shown groups beside a lone hidden one
    smallest = candidates.groupby(list(_QUESTION_OF), sort=False)["answers"].idxmin()
    hidden[smallest.to_numpy()] = True
    return hidden


def questions(frame: pd.DataFrame, choice: SurveyChoice,
              min_answers: int = MIN_ANSWERS) -> pd.DataFrame:
    """One row per question of the choice, in the sheet's order: area, question, scale, our
    value and answers (``value`` NA when hidden), the peers' count, min, median and max, our
    rank among all organisations with a value, how many peers are above and below us, and
    ``footing`` (our value on the 0-1 footing)."""
    rows = _rows(frame, choice, min_answers)
    out = []
    for (area, question), part in rows.groupby(["area", "question"], sort=False):
        own = part[part["is_own"].fillna(False).astype(bool)]
        peers = part.loc[~part["is_own"].fillna(False).astype(bool) & ~part["hidden"],
                         "value"].dropna().astype("float64")
        value = own["value"].iloc[0] if len(own) and not own["hidden"].iloc[0] else None
        out.append({
            "area": area, "question": question, "scale": part["scale"].iloc[0],
            "value": value, "answers": own["answers"].iloc[0] if len(own) else None,
            "hidden": bool(len(own) and own["hidden"].iloc[0]), **_place(value, peers),
        })
    result = pd.DataFrame(out, columns=QUESTION_COLUMNS)
    result["footing"] = on_footing(result["value"], result["scale"])
    return result


QUESTION_COLUMNS = ["area", "question", "scale", "value", "answers", "hidden", "peers",
                    "peer_min", "peer_median", "peer_max", "rank", "of", "above", "below"]


def _rows(frame: pd.DataFrame, choice: SurveyChoice, min_answers: int) -> pd.DataFrame:
    measured = frame[_is(frame["survey"], choice.survey)
                     & _is(frame["measurement"], choice.measurement)]
    measured = measured.assign(hidden=suppressed(measured, min_answers))
    return measured[_is(measured["group"], choice.group)]


def _place(value: float | None, peers: pd.Series) -> dict:
    """The peers' range around our value, and our rank among them."""
    place = {"peers": len(peers), "peer_min": None, "peer_median": None, "peer_max": None,
             "rank": None, "of": len(peers) + 1, "above": None, "below": None}
    if len(peers):
        place.update(peer_min=peers.min(), peer_median=peers.median(), peer_max=peers.max())
    if value is not None and not pd.isna(value):
        above = int((peers > value).sum())
        place.update(rank=above + 1, above=above, below=int((peers < value).sum()))
    return place


def areas(frame: pd.DataFrame, choice: SurveyChoice,
          min_answers: int = MIN_ANSWERS) -> pd.DataFrame:
    """One row per area, plus the whole survey last (``area`` None): our mean value on the
    0-1 footing over the questions where ours is shown, and our rank among the organisations
    by the same mean over the same questions."""
    rows = _rows(frame, choice, min_answers)
    rows = rows.assign(footing=on_footing(rows["value"], rows["scale"]).mask(rows["hidden"]))
    own = rows["is_own"].fillna(False).astype(bool)
    shown = rows.loc[own & rows["footing"].notna(), "question"].str.casefold()
    rows = rows[rows["question"].str.casefold().isin(set(shown))]
    parts = [(area, part) for area, part in rows.groupby("area", sort=False)]
    out = [_area_row(area, part) for area, part in [*parts, (None, rows)] if len(part)]
    return pd.DataFrame(out, columns=["area", "questions", "footing", "peers", "rank", "of",
                                      "above", "below"])


def _area_row(area: str | None, part: pd.DataFrame) -> dict:
    means = part.groupby("organisation", sort=False)["footing"].mean().dropna()
    own_name = part.loc[part["is_own"].fillna(False).astype(bool), "organisation"].iloc[0]
    ours = means.get(own_name)
    peers = means.drop(own_name, errors="ignore")
    place = _place(ours, peers)
    return {"area": area, "questions": int(part["question"].str.casefold().nunique()),
            "footing": ours, **{k: place[k] for k in ("peers", "rank", "of", "above",
                                                      "below")}}


def changes(now: pd.DataFrame, then: pd.DataFrame) -> pd.DataFrame:
    """Per question of ``now`` against the same question ``then`` (both frames of
    :func:`questions`, of one group): our value at the baseline and now, the answers of both,
    the change, its 95 % margin and the verdict ``up``, ``down`` or ``same`` (inside the
    margin); NA where either value is hidden or the question is new."""
    then_by_key = {q.casefold(): row for q, row in zip(then["question"],
                                                      then.to_dict("records"), strict=True)}
    out = []
    for row in now.to_dict("records"):
        before = then_by_key.get(row["question"].casefold())
        out.append({"area": row["area"], "question": row["question"], "scale": row["scale"],
                    **_change(before, row)})
    return pd.DataFrame(out, columns=["area", "question", "scale", "before", "before_answers",
                                      "after", "after_answers", "change", "margin", "verdict"])


def _change(before: dict | None, after: dict) -> dict:
    change = {"before": None, "before_answers": None, "after": after["value"],
              "after_answers": after["answers"], "change": None, "margin": None,
              "verdict": None}
    if before is None:
        return change
    change.update(before=before["value"], before_answers=before["answers"])
    # a hidden value is None, or NaN once a column holds numbers as well
    if pd.isna(before["value"]) or pd.isna(after["value"]) or before["scale"] != after["scale"]:
        return change
    delta = float(after["value"]) - float(before["value"])
    margin = _margin(after["scale"], before, after)
    verdict = "same" if margin is None or abs(delta) <= margin else (
        "up" if delta > 0 else "down")
    change.update(change=delta, margin=margin, verdict=verdict)
    return change


def _margin(scale: str, before: dict, after: dict) -> float | None:
    """The 95 % margin of the difference (see the module); None without answer counts."""
    parsed = parse_scale(scale)
    counts = [before["answers"], after["answers"]]
    if parsed is None or any(pd.isna(n) or n <= 0 for n in counts):
        return None
    if parsed[0] == SHARE:
        variances = [float(p) * (1 - float(p)) for p in (before["value"], after["value"])]
    else:
        variances = [((parsed[2] - parsed[1]) / 4) ** 2] * 2
    return Z95 * math.sqrt(sum(v / int(n) for v, n in zip(variances, counts, strict=True)))
