"""The demo's IT survey: a baseline after the summer of 2017 against seven peer organisations,
and a fictional follow-up a year later.

The story (what the survey page should read off the baseline, for the whole agency):

* satisfaction is high overall: second of eight organisations;
* service is the strongest area (first of eight);
* response times (Svarstider) are the weak point: six of the seven peers rate theirs higher;
* a year later response times have improved beyond the margin of error, one IT-environment
  question has fallen, the rest hold within the margin.

Answers by department as well, so a department head can open their own; one small department
(fewer than five answers) shows how small groups are hidden. The rows are frame fields of
:data:`loaders.specs.SURVEY` (shares as fractions); the baseline is written in the wide
layout, the follow-up in the long one (``loaders.demo.workbook``), so the demo holds both.
Drawn from a random generator of its own, so the rest of the demo does not move with it.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import NamedTuple

from loaders.demo.tables import ORGANISATION
from loaders.periods import Tertial

SURVEY_NAME = "IT-enkäten"
OWN = "Vi"
PEERS: tuple[str, ...] = tuple(f"Organisation {letter}" for letter in "ABCDEFG")
SEED_OFFSET = 8  # the survey's generator: seed + this


class Measurement(NamedTuple):
    name: str
    date: dt.date
    period: Tertial  # the demo workbook that carries it
    layout: str  # "wide" or "long"
    answers: int  # the whole agency's answers


MEASUREMENTS: tuple[Measurement, ...] = (
    Measurement("Nollmätning 2017", dt.date(2017, 8, 28), Tertial(2017, 2), "wide", 318),
    Measurement("Uppföljning 2018", dt.date(2018, 8, 27), Tertial(2018, 2), "long", 334),
)

# (area, question, scale, our baseline, our change a year later, the peers' baseline values)
QUESTIONS: tuple[tuple[str, str, str, float, float, tuple[float, ...]], ...] = (
    ("Support", "Hur nöjd är du med IT-supportens bemötande?", "1-5", 4.5, 0.0,
     (4.1, 4.5, 3.9, 4.2, 4.0, 4.3, 3.8)),
    ("Support", "Hur nöjd är du med hjälpen du fick?", "1-5", 4.4, 0.1,
     (4.0, 4.3, 3.8, 4.1, 3.9, 4.2, 3.7)),
    ("Support", "Hur lätt är det att komma i kontakt med IT-supporten?", "1-5", 4.0, 0.1,
     (3.7, 4.1, 3.5, 3.8, 3.6, 4.0, 3.4)),
    ("Service", "Hur nöjd är du med hur ditt ärende hanterades?", "1-5", 4.5, 0.0,
     (4.0, 4.2, 3.9, 4.1, 3.8, 4.3, 3.7)),
    ("Service", "Fick du veta vad som hände med ditt ärende?", "1-5", 4.3, 0.1,
     (3.8, 4.0, 3.6, 3.9, 3.7, 4.1, 3.5)),
    ("Service", "Andel som fått sitt problem löst", "andel", 0.91, 0.0,
     (0.84, 0.88, 0.80, 0.86, 0.83, 0.89, 0.79)),
    ("Svarstider", "Hur nöjd är du med tiden tills du fick svar?", "1-5", 3.2, 0.4,
     (3.9, 3.6, 4.0, 3.7, 3.1, 3.8, 3.5)),
    ("Svarstider", "Hur nöjd är du med tiden tills ärendet var löst?", "1-5", 3.1, 0.4,
     (3.8, 3.5, 3.9, 3.6, 3.0, 3.7, 3.4)),
    ("Svarstider", "Andel som fått hjälp samma dag", "andel", 0.48, 0.13,
     (0.66, 0.58, 0.70, 0.61, 0.45, 0.63, 0.55)),
    ("IT-miljö", "Hur nöjd är du med din dator?", "1-5", 4.3, -0.3,
     (3.9, 4.0, 3.7, 4.2, 3.8, 3.9, 3.6)),
    ("IT-miljö", "Hur väl fungerar det att arbeta på distans?", "1-5", 4.4, 0.1,
     (4.0, 4.1, 3.8, 4.3, 3.9, 4.0, 3.7)),
    ("IT-miljö", "Hur nöjd är du med verktygen för möten?", "1-5", 3.9, 0.0,
     (3.8, 3.9, 3.6, 4.0, 3.7, 3.8, 3.5)),
)
# Each department's share of the answers (the order of ORGANISATION); Kommunikations-
# avdelningen answers too few to be shown.
DEPARTMENT_SHARES: tuple[float, ...] = (0.30, 0.12, 0.10, 0.08, 0.20, 0.011, 0.07, 0.109)
DEPARTMENT_SPREAD = 0.25  # a department's value lies within this of the agency's (1-5 scale)
PEER_DRIFT = 0.1  # how far a peer's value moves in a year (1-5 scale)


def _bounded(value: float, scale: str) -> float:
    high = 1.0 if scale == "andel" else 5.0
    low = 0.0 if scale == "andel" else 1.0
    return round(min(max(value, low), high), 2 if scale == "andel" else 1)


def _step(rng: random.Random, spread: float, scale: str) -> float:
    """A random move on a 1-5 footing, a tenth as large on a share."""
    return rng.uniform(-spread, spread) * (0.1 if scale == "andel" else 1.0)


def _row(measurement: Measurement, area: str, question: str, scale: str, group: str | None,
         organisation: str, value: float, answers: int | None) -> dict:
    return {"survey": SURVEY_NAME, "measurement": measurement.name, "date": measurement.date,
            "area": area, "question": question, "group": group,
            "organisation": organisation, "is_own": organisation == OWN, "value": value,
            "scale": "share" if scale == "andel" else scale, "answers": answers}


def _department_answers(total: int) -> list[int]:
    counts = [max(1, round(total * share)) for share in DEPARTMENT_SHARES]
    counts[0] += total - sum(counts)  # the agency's answers are the departments' sum
    return counts


def build_survey(seed: int) -> list[dict]:
    """The survey's rows, both measurements: per question our row, then the peers', for the
    whole agency and then for each department."""
    rng = random.Random(seed + SEED_OFFSET)
    rows: list[dict] = []
    departments = [name for name, _ in ORGANISATION]
    drift = {(q[1], p): _step(rng, PEER_DRIFT, q[2]) for q in QUESTIONS for p in PEERS}
    for index, measurement in enumerate(MEASUREMENTS):
        per_department = _department_answers(measurement.answers)
        for area, question, scale, ours, change, peers in QUESTIONS:
            own = _bounded(ours + change * index, scale)
            peer_values = [_bounded(v + drift[(question, p)] * index, scale)
                           for p, v in zip(PEERS, peers, strict=True)]
            groups = [(None, own, measurement.answers)] + [
                (d, _bounded(own + _step(rng, DEPARTMENT_SPREAD, scale), scale), n)
                for d, n in zip(departments, per_department, strict=True)]
            for group, value, answers in groups:
                rows.append(_row(measurement, area, question, scale, group, OWN, value,
                                 answers))
                rows += [_row(measurement, area, question, scale, group, p, v, None)
                         for p, v in zip(PEERS, peer_values, strict=True)]
    return rows
