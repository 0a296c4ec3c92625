"""Enkäter as leadership and a restricted head read it, in ``app.py`` on the demo's store:

- an adopted tertial shows the survey as it was when the tertial was adopted, with the
  adoption line; a measurement uploaded later is today's data, one click away (issue 15);
- a head held to one department sees a survey group only when it is named after their
  department or one of its units, also after a later Enheter sheet renamed a department
  (issue 20, item 2: the filter used to let through every group not named after a current
  department or unit).
"""

from __future__ import annotations

from collections.abc import Iterator

import dash
import pytest

from loaders.specs import ALL_DATASETS
from tests.apps import PROXY_SECRET, PROXY_SECRET_HEADER, build_app
from tests.component_texts import texts

ADOPTED, OPEN = "2018-T1", "2018-T2"
LATER = "Uppföljning 2019"  # a measurement uploaded after the adoptions
RENAMED = ("Analysavdelningen", "Avdelningen för analys")
LEADER = {"X-Forwarded-User": "lena", "X-Forwarded-Groups": "ledning",
          PROXY_SECRET_HEADER: PROXY_SECRET}


def head_of(department: str) -> dict[str, str]:
    return {"X-Forwarded-User": "ivar", "X-Forwarded-Groups": "chefer",
            "X-Forwarded-Department": department, PROXY_SECRET_HEADER: PROXY_SECRET}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    built = build_app(tmp_path_factory, "survey-views", TERTIAL_AUTH_MODE="header",
                      TERTIAL_TRUSTED_PROXIES="127.0.0.1",
                      TERTIAL_GROUP_ROLES="chefer=head,ledning=leadership",
                      TERTIAL_RESTRICT_DEPARTMENTS="true")
    namespace = next(built)
    store = namespace["store"]
    _, frames = store.snapshot(ALL_DATASETS)
    survey = frames["survey"]
    later = survey[survey["measurement"] == "Uppföljning 2018"].copy()
    later["measurement"] = LATER
    units = frames["units"].copy()
    units.loc[units["department"] == RENAMED[0], "department"] = RENAMED[1]
    store.import_frames({"survey": later, "units": units}, user="ekonomi",
                        file_name="senare.xlsx", file_bytes=b"later survey, renamed")
    yield namespace
    next(built, None)


def render(app: dict, headers: dict[str, str], **params: str) -> list[str]:
    page = next(p for p in dash.page_registry.values() if p["path"] == "/enkater")
    with app["server"].test_request_context("/enkater", headers=headers,
                                            environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        return texts(page["layout"](**params))


def scope(shown: list[str]) -> str:
    return shown[shown.index("scope") - 1]  # the line under the heading


def test_an_adopted_tertial_shows_the_survey_as_it_was_adopted(app):
    # 2018-T1 was adopted before the follow-up measurement (2018-08-27) was uploaded
    adopted = render(app, LEADER, period=ADOPTED, matning=LATER)
    assert scope(adopted).startswith("Nollmätning 2017 (2017-08-28) · Hela organisationen")
    assert "Fastställd 2018-06-01 09:00 av Greta Generaldirektör (version 1)." in adopted
    assert "?period=2018-T1&matning=Uppf%C3%B6ljning+2019&visa=aktuell" in adopted
    today = render(app, LEADER, period=ADOPTED, matning=LATER, visa="aktuell")
    assert scope(today).startswith(f"{LATER} (2018-08-27) · Hela organisationen")
    assert "Dagens uppgifter, inte den fastställda uppföljningen (version 1)." in today


def test_a_tertial_not_adopted_says_so_on_the_survey_page(app):
    shown = render(app, LEADER, period=OPEN, matning=LATER)
    assert scope(shown).startswith(f"{LATER} (2018-08-27) · Hela organisationen")
    assert f"Uppföljningen för {OPEN} är inte fastställd: uppgifterna kan ändras." in shown


REFUSED = (f"Gruppen {RENAMED[0]} finns inte i enkäten eller får inte visas; visar hela "
           "organisationen.")


def test_a_renamed_department_s_group_is_shown_to_no_restricted_head(app):
    everyone = render(app, LEADER, period=OPEN, grupp=RENAMED[0])
    assert f" · {RENAMED[0]} · " in scope(everyone)  # leadership reads it
    for department in ("IT-avdelningen", RENAMED[1]):
        shown = render(app, head_of(department), period=OPEN, grupp=RENAMED[0])
        assert " · Hela organisationen · " in scope(shown), department
        assert REFUSED in shown, department
    own = render(app, head_of("IT-avdelningen"), period=OPEN, grupp="IT-avdelningen")
    assert " · IT-avdelningen · " in scope(own)
