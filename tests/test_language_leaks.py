"""Words a reader meets, exactly, in Swedish and in English (issue 16, "Language and time"):
a survey scale's range with the en dash of a range ("1–5") in the messages and the check
report, and the survey's sentences with a single peer organisation in the singular ("den
jämförbara organisationen", never "samtliga en jämförbara organisationer")."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard.reports.check_report import report_workbook
from dashboard.text.survey import survey_narrative
from loaders.ingest.messages import issue

WHERE = {"sheet": "Enkät", "row": 3, "column": "G", "header": "Värde"}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_value_outside_its_scale_names_the_scale_with_an_en_dash(lang):
    found = issue("survey_out_of_scale", value="6", scale="1-5", expected="1 - 5", **WHERE)
    message = found.message(lang)
    assert ("utanför skalan 1–5. Tillåtet: 1–5." if lang == "sv"
            else "outside the scale 1–5. Allowed: 1–5.") in message
    assert "1-5" not in message and "1 - 5" not in message
    assert found.value == "6" and (found.expected, found.expected_sv) == ("1–5", "1–5")
    sheet = openpyxl.load_workbook(io.BytesIO(report_workbook([found.to_dict()], lang))).active
    assert [c.value for c in sheet[2]][6] == "1–5"  # the check report's Förväntat / Expected


@pytest.mark.parametrize(("lang", "words"), [("sv", "en skala som 1–5, eller andel"),
                                              ("en", "a scale such as 1–5, or share")])
def test_an_unreadable_scale_is_explained_with_an_en_dash_and_kept_as_written(lang, words):
    found = issue("survey_bad_scale", value="1-5 ungefär", **WHERE)
    assert words in found.message(lang) and "1-5," not in found.message(lang)
    assert found.value == "1-5 ungefär"  # what the cell holds, as written


def test_a_share_scale_and_other_messages_keep_their_own_dashes():
    share = issue("survey_out_of_scale", value="62", scale="andel",
                  expected="0 – 1 / 0 % – 100 %", **WHERE)
    assert share.expected == "0 – 1 / 0 % – 100 %"
    dated = issue("bad_value", value="2018-13-01", expected="a date such as 2018-06-30",
                  expected_sv="ett datum som 2018-06-30", **WHERE)
    assert dated.expected == "a date such as 2018-06-30" and "2018-13-01" in dated.message_sv


def one_peer(our_strong: bool = True) -> pd.DataFrame:
    """Two areas and the whole survey against a single peer organisation: strongest
    "Support" (above the peer or not), weakest "Svarstider" (below the peer)."""
    return pd.DataFrame({
        "area": ["Support", "Svarstider", None],
        "rank": [1, 2, 1 if our_strong else 2],
        "of": [2, 2, 2],
        "footing": [0.6, -0.4, 0.1],
        "above": [0, 1, 0],
        "below": [1, 0, 1 if our_strong else 0],
        "peers": [1, 1, 1],
    })


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", ["Högst nöjdhet inom Support (plats 1 av 2); Svarstider bedöms lägre än hos den "
            "jämförbara organisationen.",
            "Sammantaget plats 1 av 2: högre än den jämförbara organisationen."]),
    ("en", ["Highest satisfaction with Support (rank 1 of 2); Svarstider is rated lower than "
            "at the peer organisation.",
            "Overall rank 1 of 2: higher than the peer organisation."]),
])
def test_one_peer_organisation_is_named_in_the_singular(lang, expected):
    assert [s.text for s in survey_narrative(one_peer(), None, 0, 5, None, lang)] == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", "Sammantaget plats 2 av 2: den jämförbara organisationen ligger inte lägre."),
    ("en", "Overall rank 2 of 2: the peer organisation is not lower."),
])
def test_below_the_one_peer_overall(lang, expected):
    texts = [s.text for s in survey_narrative(one_peer(False), None, 0, 5, None, lang)]
    assert texts[1] == expected


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_peer_is_counted_as_higher_in_the_singular(lang):
    rows = one_peer()
    rows.loc[1, "above"] = 0  # the weakest area is not below the peer either
    first = survey_narrative(rows, None, 0, 5, None, lang)[0].text
    assert first.endswith("men där ligger den jämförbara organisationen inte högre."
                          if lang == "sv" else "but the peer organisation is not higher there.")
    for wrong in ("av en jämförbara", "de en ", "samtliga en ", "of one peer", "all one"):
        assert wrong not in first
