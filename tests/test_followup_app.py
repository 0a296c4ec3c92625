"""The follow-up cycle through ``app.py`` as the browser (or an attacker) asks for it: the
Uppföljning page's callbacks posted to ``/_dash-update-component`` by every role, behind
the single sign-on proxy (header mode). A forged request for another department, or by a
role that may not, is refused in words, stores nothing and is logged; the pages, the report
and the export show the adopted follow-up by default and today's data when asked."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator

import dash
import openpyxl
import pytest

from dashboard import ids
from loaders.followup.cycle import FollowUp
from loaders.followup.rules import Actor, Assessment
from tests.apps import PROXY_SECRET, PROXY_SECRET_HEADER, build_app
from tests.forge import PATH, callback_body

GROUPS = {"admin": "tertial-admin", "director": "gd", "finance": "ekonomi",
          "leadership": "ledning", "head": "chefer", "reporter": "rapportorer",
          "viewer": "alla"}
ANALYS, IT = "Analysavdelningen", "IT-avdelningen"
SEARCH = "?period=2018-T2"
RED = "VP-2016-083"  # red in Analysavdelningen at 2018-T2, with an action in the demo


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    roles = ",".join(f"{group}={role}" for role, group in GROUPS.items())
    yield from build_app(tmp_path_factory, "followup", TERTIAL_AUTH_MODE="header",
                         TERTIAL_GROUP_ROLES=roles)


def who(role: str, department: str | None = None) -> dict[str, str]:
    headers = {"X-Forwarded-User": f"{role}-{department or 'alla'}",
               "X-Forwarded-Groups": GROUPS[role], PROXY_SECRET_HEADER: PROXY_SECRET}
    if department:
        headers["X-Forwarded-Department"] = department
    return headers


def call(app: dict, role: str, name: str, trigger: str, values: dict | None = None,
         department: str | None = None) -> str:
    """The callback's answer as text (Dash's JSON with the letters as they are)."""
    values = {f"{ids.URL}.search": SEARCH, **(values or {})}
    body = callback_body(app["app"], name, trigger, values)
    response = app["server"].test_client().post(PATH, json=body,
                                                headers=who(role, department))
    assert response.status_code in (200, 204), response.get_data(as_text=True)
    return json.dumps(response.get_json(), ensure_ascii=False) if response.data else ""


def save(app: dict, role: str, department: str | None, assignment: str, revision: int,
         motivation: str = "Ändrad i appen", status: str = "red") -> str:
    return call(app, role, "edit_save", ids.FOLLOWUP_SAVE, {
        f"{ids.FOLLOWUP_EDITING}.data": {"id": assignment, "revision": revision},
        f"{ids.FOLLOWUP_STATUS}.value": status,
        f"{ids.FOLLOWUP_MOTIVATION}.value": motivation,
        f"{ids.FOLLOWUP_ACTION}.value": "Ny plan",
        f"{ids.FOLLOWUP_OWNER}.value": "Göran Persson",
        f"{ids.FOLLOWUP_DUE}.value": "2018-12-14"}, department)


def cycle(app: dict) -> FollowUp:
    return FollowUp(app["store"])


def last_event(app: dict):
    return app["server"].extensions["tertial"].audit.events(1)[0]


def revision(app: dict, assignment: str) -> int:
    history = cycle(app).history("2018-T2", assignment)
    return history[-1].revision if history else 0


@pytest.fixture(scope="module")
def unready(app: dict) -> None:
    """Analysavdelningen's readiness taken back (the demo has it ready), by its head."""
    cycle(app).set_ready("2018-T2", ANALYS, False, Actor("chef", "head", ANALYS))


@pytest.mark.parametrize(("role", "department", "code"), [
    ("viewer", ANALYS, "Din roll (viewer) får inte göra det här."),
    ("leadership", None, "Din roll (leadership) får inte göra det här."),
    ("finance", None, "Din roll (finance) får inte göra det här."),
    ("director", None, "Din roll (director) får inte göra det här."),
    ("admin", None, "Din roll (admin) får inte göra det här."),
    ("head", IT, f"Uppdraget {RED} hör till {ANALYS}; du får bara bedöma din egen"),
    ("reporter", IT, f"Uppdraget {RED} hör till {ANALYS}; du får bara bedöma din egen"),
])
def test_a_forged_assessment_by_anyone_but_the_departments_people_is_refused_and_logged(
        app, unready, role, department, code):
    before = cycle(app).history("2018-T2", RED)
    answer = save(app, role, department, RED, revision(app, RED))
    assert code in answer
    assert cycle(app).history("2018-T2", RED) == before  # nothing stored
    event = last_event(app)
    assert (event.action, event.user) == ("refused", f"{role}-{department or 'alla'}")
    assert event.address == "127.0.0.1"


def test_the_departments_head_and_reporter_save_and_the_history_keeps_both(app, unready):
    first = revision(app, RED)
    assert "är sparad" in save(app, "reporter", ANALYS, RED, first, "Rapportörens text")
    assert "är sparad" in save(app, "head", ANALYS, RED, first + 1, "Chefens text")
    history = cycle(app).history("2018-T2", RED)
    assert [(h.revision, h.author, h.assessment.motivation) for h in history[-2:]] == [
        (first + 1, f"reporter-{ANALYS}", "Rapportörens text"),
        (first + 2, f"head-{ANALYS}", "Chefens text")]
    stale = save(app, "reporter", ANALYS, RED, first + 1, "Sent")
    assert f"head-{ANALYS} sparade en annan bedömning av {RED}" in stale
    assert len(cycle(app).history("2018-T2", RED)) == len(history)


def test_only_the_head_marks_ready_and_only_their_own_department(app, unready):
    assert "får inte" in call(app, "reporter", "readiness_change", ids.FOLLOWUP_READY,
                              department=ANALYS)
    assert "Du får bara klarmarkera din egen avdelning" in call(
        app, "head", "readiness_change", ids.FOLLOWUP_READY,
        {f"{ids.URL}.search": f"{SEARCH}&avdelning={ANALYS}"}, department=IT)
    assert ANALYS not in cycle(app).ready("2018-T2")
    assert f"{ANALYS} är klarmarkerad." in call(app, "head", "readiness_change",
                                                ids.FOLLOWUP_READY, department=ANALYS)
    assert ANALYS in cycle(app).ready("2018-T2")


def test_finance_opens_rounds_and_only_the_director_general_or_admin_adopts(app):
    assert "får inte" in call(app, "head", "round_change", ids.FOLLOWUP_CLOSE,
                              department=ANALYS)
    assert "får inte" in call(app, "finance", "adoption_change", ids.FOLLOWUP_ADOPT,
                              {f"{ids.FOLLOWUP_OVERRIDE}.value": ["Kommunikationsavdelningen"]})
    assert cycle(app).adopted("2018-T2") is None
    answer = call(app, "director", "adoption_change", ids.FOLLOWUP_ADOPT,
                  {f"{ids.FOLLOWUP_OVERRIDE}.value": ["Kommunikationsavdelningen"]})
    assert "Uppföljningen är fastställd (version 1)." in answer
    assert last_event(app).action == "adopt"
    assert "är fastställd; det går inte nu." in save(app, "head", ANALYS, RED, revision(app, RED))


def page_text(app: dict, path: str, role: str = "viewer", **params: str) -> str:
    page = next(p for p in dash.page_registry.values() if p["path"] == path)
    with app["server"].test_request_context(path, headers=who(role, ANALYS),
                                            environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        app["server"].preprocess_request()
        return json.dumps(page["layout"](**params).to_plotly_json(),
                          default=lambda c: c.to_plotly_json(), ensure_ascii=False)


def test_the_pages_show_the_adopted_follow_up_and_todays_data_one_click_away(app):
    adopted = page_text(app, "/", period="2018-T1")
    assert "Fastställd 2018-06-01 09:00 av Greta Generaldirektör (version 1)." in adopted
    assert "visa=aktuell" in adopted
    today = page_text(app, "/", period="2018-T1", visa="aktuell")
    assert "Dagens uppgifter, inte den fastställda uppföljningen (version 1)." in today


def test_a_later_upload_leaves_the_adopted_figures_and_report_unchanged(app):
    store = app["store"]
    before = page_text(app, "/verksamhet", period="2018-T1")
    report_before = _report(app, "2018-T1")
    frames = store.frames()
    t1 = frames["assignments"][frames["assignments"]["period"] == "2018-T1"].copy()
    t1["status"] = "red"  # a correction that turns every assignment red
    store.import_frames({"assignments": t1}, user="ekonom", file_name="rattelse.xlsx",
                        file_bytes=b"rattelse")
    after = page_text(app, "/verksamhet", period="2018-T1")
    assert after == before
    assert _report(app, "2018-T1") == report_before
    today = page_text(app, "/verksamhet", period="2018-T1", visa="aktuell")
    assert today != before and "Dagens uppgifter" in today  # today's: all red
    workbook = _export(app, "2018-T1")
    about = dict(workbook["Om exporten"].iter_rows(values_only=True))
    assert about["Fastställelse"].startswith("Fastställd 2018-06-01 09:00 av Greta")
    rows = workbook["Uppdrag"].iter_rows(values_only=True)
    header = next(r for r in rows if "Status" in r)
    statuses = {r[header.index("Status")] for r in rows}
    assert "Röd" in statuses and "Grön" in statuses  # as adopted, not today's all red


def _report(app: dict, period: str) -> str:
    response = app["server"].test_client().get(f"/rapport?period={period}",
                                               headers=who("director"))
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    return text[text.index("<article"):text.rindex("</article>")]  # without "made at"


def _export(app: dict, period: str) -> openpyxl.Workbook:
    response = app["server"].test_client().get(f"/export.xlsx?period={period}",
                                               headers=who("director"))
    assert response.status_code == 200, response.get_data(as_text=True)
    return openpyxl.load_workbook(io.BytesIO(response.data), read_only=True)


def test_hostile_text_is_kept_verbatim_and_never_markup(app):
    store = app["store"]
    hostile = "<script>window.__pwned=1</script><img src=x onerror=alert(1)>"
    followup = FollowUp(store)
    followup.open_correction("2018-T2", "Rättelse", Actor("gd", "director"))
    followup.set_ready("2018-T2", ANALYS, False, Actor("chef", "head", ANALYS))
    followup.assess("2018-T2", RED, Assessment("red", hostile, hostile[:40], hostile[:40],
                                               dt.date(2018, 12, 1)),
                    Actor("chef", "head", ANALYS), revision(app, RED))
    text = page_text(app, "/uppfoljning", role="head", period="2018-T2")
    assert json.dumps(hostile, ensure_ascii=False)[1:-1] in text  # a string child: text
    assert '"type": "Script"' not in text and '"type": "Img"' not in text


def test_a_correction_is_version_two_with_its_reason_and_differences(app):
    """After the correction opened above: Analysavdelningen ready again, version 2 adopted;
    the page lists both versions and what version 2 changed."""
    followup = FollowUp(app["store"])
    followup.set_ready("2018-T2", ANALYS, True, Actor("chef", "head", ANALYS))
    answer = call(app, "admin", "adoption_change", ids.FOLLOWUP_ADOPT,
                  {f"{ids.FOLLOWUP_OVERRIDE}.value": ["Kommunikationsavdelningen"]})
    assert "Uppföljningen är fastställd (version 2)." in answer
    text = page_text(app, "/uppfoljning", role="finance", period="2018-T2")
    assert "Version 2: fastställd " in text and ", rättelse: Rättelse" in text
    assert "Skillnader mot version 1: 1 uppdrag." in text
    assert f"{RED}: ny motivering" in text
    assert [a.version for a in followup.adoptions("2018-T2")] == [2, 1]


def test_summary_adopted_on_the_command_line_is_what_the_pages_show(app, capsys):
    import cli
    from dashboard.text import formatting as fmt

    url = app["store"].engine.url.render_as_string(hide_password=False)
    assert cli.main(["--database-url", url, "summary", "--period", "2018-T1", "--adopted",
                     "--json"]) == 0
    adopted = json.loads(capsys.readouterr().out)
    text = page_text(app, "/", period="2018-T1")
    assert "Fastställd 2018-06-01 09:00" in text
    assert adopted["adoption"]["adopted_by"] == "Greta Generaldirektör"
    for shown in (fmt.percent(adopted["operations"]["status_share"]["green"]),
                  fmt.number(adopted["staff"]["headcount"]),
                  fmt.percent(adopted["finance"]["forecast_deviation"])):
        assert shown in text, shown
