"""The survey's headline as plain data: the sentence the Enkäter page leads with, for the
latest measurement taken by a day (the tertial's last day), as the overview shows it.

Pure (no ``dash``): the meeting report (``dashboard/reports``) prints it; the overview's card
builds the same sentence in ``dashboard.components.survey.headline``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard.kpis.prepared import memoized
from dashboard.kpis.survey import areas, latest_measurement
from dashboard.text.i18n import t
from dashboard.text.survey import survey_narrative


@dataclass(frozen=True)
class SurveyHeadline:
    title: str  # "Enkät: Medarbetarenkät IT, Hösten 2018"
    text: str  # the first sentence of the survey's narrative
    tone: str  # good, neutral, attention
    survey: str
    measurement: str


def survey_headline(frames: dict, min_answers: int, until: dt.date | None,
                    lang: str) -> SurveyHeadline | None:
    """The headline of the latest measurement by ``until``; None without survey data by
    then, or when every figure is hidden."""
    latest = memoized(frames, ("survey_latest", until),
                      lambda: latest_measurement(frames.get("survey"), until))
    if latest is None:
        return None
    area_rows = memoized(frames, ("survey_headline_areas", latest, min_answers),
                         lambda: areas(frames["survey"], latest, min_answers))
    sentences = survey_narrative(area_rows, None, 0, min_answers, None, lang)
    if not sentences:
        return None
    return SurveyHeadline(t("survey.headline_title", lang, survey=latest.survey,
                            measurement=latest.measurement),
                          sentences[0].text, sentences[0].tone, latest.survey,
                          latest.measurement)
