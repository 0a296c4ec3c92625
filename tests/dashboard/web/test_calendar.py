"""``GET /regeringsuppdrag.ics`` and the file it sends, parsed back with icalendar (issue 18).

The demo at 2018-T2 through HTTP in the ``header`` mode with departments held (as
tests/test_export_app.py): one all-day event per report date of the open government
assignments, stable and unique UIDs, the texts in the reader's language, and a held head
gets their own department's reports only, whatever the address asks. A hostile name goes
through :func:`dashboard.reports.calendar.build_calendar` on a hand-made register.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import quote

import pandas as pd
import pytest
from icalendar import Calendar

from dashboard.kpis import Selection
from dashboard.kpis.government import register_table
from dashboard.kpis.scope import resolve
from dashboard.reports.calendar import build_calendar, event_uid
from dashboard.text.i18n import t
from tests.apps import build_app
from tests.dashboard.web.test_access import OWN, ROLE_MAP, who

STORY = "2018-T2"
OTHER = "Analysavdelningen"
VERKSAMHETSSTOD = "Avdelningen för verksamhetsstöd"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "calendar", TERTIAL_AUTH_MODE="header",
                         TERTIAL_GROUP_ROLES=ROLE_MAP, TERTIAL_RESTRICT_DEPARTMENTS="true")


def get(app: dict, query: str, role: str = "leadership", department: str | None = OWN):
    return app["server"].test_client().get(f"/regeringsuppdrag.ics{query}",
                                           headers=who(role, department))


def events(response) -> list:
    return list(Calendar.from_ical(response.data).walk("VEVENT"))


def register(app: dict, department: str | None = None) -> pd.DataFrame:
    frames = app["store"].frames()
    return register_table(frames, resolve(frames, Selection(STORY, department)))


def expected_events(table: pd.DataFrame) -> set[tuple[str, dt.date, str]]:
    """(id, date, kind) of every report of the open government assignments."""
    found = set()
    for _, row in table[~table["status"].isin(["completed", "cancelled"])].iterrows():
        if pd.notna(row["report_due"]):
            found.add((row["id"], row["report_due"].date(), "final"))
        for part in (row["interim_reports"] or "").split("; ") if pd.notna(
                row["interim_reports"]) else []:
            found.add((row["id"], dt.date.fromisoformat(part), "interim"))
    return found


def test_the_agency_s_calendar_has_one_all_day_event_per_open_report(app):
    response = get(app, f"?period={STORY}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; ")
    assert "regeringsuppdrag_2018-T2_Hela-myndigheten.ics" in response.headers[
        "Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["PRODID"]) == "-//Tertial//Regeringsuppdrag//SV"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Regeringsuppdrag 2018-T2 – Hela myndigheten"
    found = events(response)
    table = register(app)
    want = expected_events(table)
    assert len(found) == len(want) > 60
    by_uid = {}
    for event in found:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)  # all day
        assert isinstance(event.decoded("DTSTAMP"), dt.datetime)
        by_uid[str(event["UID"])] = event
    assert len(by_uid) == len(found)  # unique
    rows = table.set_index("id")
    for assignment, day, kind in want:
        event = by_uid[event_uid(assignment, day, kind)]
        row = rows.loc[assignment]
        assert event.decoded("DTSTART") == day
        word = "Redovisning" if kind == "final" else "Delredovisning"
        assert str(event["SUMMARY"]) == f"{word}: {row['name']} ({row['register_number']})"
        description = str(event["DESCRIPTION"])
        for value in (row["ministry"], row["department"], row["unit"]):
            assert value in description
    closed = table[table["status"].isin(["completed", "cancelled"])]
    assert len(closed) > 0
    summaries = " ".join(str(e["SUMMARY"]) for e in found)
    assert not any(name in summaries for name in closed["name"])


def test_the_overdue_report_is_in_the_calendar_with_its_date_and_status(app):
    found = {str(e["UID"]): e for e in events(get(app, f"?period={STORY}"))}
    event = found[event_uid("RU-2015-07", dt.date(2018, 6, 29), "final")]
    assert event.decoded("DTSTART") == dt.date(2018, 6, 29)
    assert "Näringsdepartementet" in str(event["DESCRIPTION"])
    assert "▲ Gul" in str(event["DESCRIPTION"])
    assert VERKSAMHETSSTOD in str(event["DESCRIPTION"])


def test_the_uids_are_the_same_in_two_calls_and_the_stamps_may_differ(app):
    first = [str(e["UID"]) for e in events(get(app, f"?period={STORY}"))]
    second = [str(e["UID"]) for e in events(get(app, f"?period={STORY}&lang=en"))]
    assert first == second
    assert event_uid("RU-2015-07", dt.date(2018, 6, 29), "final") == event_uid(
        "ru-2015-07", dt.date(2018, 6, 29), "final")  # ids compare without case
    assert event_uid("RU-2015-07", dt.date(2018, 6, 29), "final") != event_uid(
        "RU-2015-07", dt.date(2018, 6, 29), "interim")


def test_english_texts_for_an_english_reader(app):
    response = get(app, f"?period={STORY}&avdelning={OWN}&lang=en")
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["X-WR-CALNAME"]) == f"Government assignments 2018-T2 – {OWN}"
    assert "government-assignments_2018-T2_IT-avdelningen.ics" in response.headers[
        "Content-Disposition"]
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries and all(s.startswith(("Report: ", "Interim report: ")) for s in summaries)
    assert all("Status: " in str(e["DESCRIPTION"]) and "Ministry: " in str(e["DESCRIPTION"])
               for e in calendar.walk("VEVENT"))


def test_a_swedish_department_name_is_sent_per_rfc_5987(app):
    response = get(app, f"?period={STORY}&avdelning={VERKSAMHETSSTOD}")
    disposition = response.headers["Content-Disposition"]
    assert disposition.isascii()
    assert "filename*=UTF-8''" + quote(
        "regeringsuppdrag_2018-T2_Avdelningen-för-verksamhetsstöd.ics") in disposition


@pytest.mark.parametrize("query", [f"?period={STORY}", f"?period={STORY}&avdelning={OTHER}",
                                   f"?period={STORY}&avdelning={VERKSAMHETSSTOD}", ""])
def test_a_held_head_gets_only_their_department_s_reports(app, query):
    response = get(app, query, role="head")
    assert response.status_code == 200
    found = events(response)
    own = register(app, OWN)
    assert {str(e["UID"]) for e in found} == {
        event_uid(*item) for item in expected_events(own)}
    assert found and all(f"{OWN}\n" in str(e["DESCRIPTION"]) for e in found)
    assert OTHER.encode() not in response.data and VERKSAMHETSSTOD.encode() not in response.data
    assert "IT-avdelningen" in response.headers["Content-Disposition"]


def test_nobody_the_proxy_does_not_vouch_for_gets_a_calendar(app):
    response = app["server"].test_client().get(f"/regeringsuppdrag.ics?period={STORY}")
    assert response.status_code in (401, 403)
    assert b"BEGIN:VCALENDAR" not in response.data


def test_a_held_head_whose_department_is_not_in_the_data_gets_a_404(app):
    response = get(app, f"?period={STORY}", role="head", department="Avvecklade avdelningen")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert t("government.calendar_no_data", "sv") in body
    assert t("government.calendar_no_data", "en") in body
    assert b"BEGIN:VCALENDAR" not in response.data


HOSTILE_NAME = ("Uppdrag, med; allt\r\nBEGIN:VEVENT\nUID:evil@x\rSUMMARY:fake\\n\x00\x1b slut "
                + "långt namn " * 40)


def text_value(written: str) -> str:
    """An RFC 5545 TEXT value as a client reads it (backslash escapes undone)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], written)


def hostile_register() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["RU-1", "RU-2", "RU-3"], "name": [HOSTILE_NAME, "Vanligt", "Avslutat"],
        "unit": ["Enhet; A", "Enhet B", "Enhet C"],
        "department": ["Avdelning, A", "Avdelning B", "Avdelning C"],
        "register_number": ["N2018/1;2,3", None, "N2018/9"],
        "ministry": ["Näringsdepartementet\nEND:VCALENDAR", "Finansdepartementet", "X"],
        "status": ["red", "green", "completed"], "comment": [None, None, None],
        "report_due": pd.to_datetime(["2018-11-30", "2019-01-31", "2018-10-01"]),
        "interim_reports": ["2018-10-01", None, None],
    })


def test_hostile_text_is_escaped_and_reads_back_unchanged_but_for_control_characters():
    data = build_calendar(hostile_register(), "Namn; med, tecken\nEND:VCALENDAR", "sv")
    lines = data.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 3 and lines.count(b"END:VCALENDAR") == 1
    assert b"\\nBEGIN:VEVENT\\nUID:evil@x" in data.replace(b"\r\n ", b"")  # as text
    assert b"\x00" not in data and b"\x1b" not in data
    assert all(len(line) <= 75 for line in lines)  # folded
    assert b"\r" not in data.replace(b"\r\n", b"")  # no bare carriage return
    calendar = Calendar.from_ical(data)
    # icalendar reads an X- property as it is written; the clients read it as a TEXT
    assert text_value(str(calendar["X-WR-CALNAME"])) == "Namn; med, tecken\nEND:VCALENDAR"
    found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == 3  # the final and interim of RU-1, the final of RU-2; not RU-3
    event = found[event_uid("RU-1", dt.date(2018, 11, 30), "final")]
    shown = HOSTILE_NAME.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace(
        "\x1b", "")
    assert str(event["SUMMARY"]) == f"Redovisning: {shown} (N2018/1;2,3)"
    assert "Departement: Näringsdepartementet\nEND:VCALENDAR" in str(event["DESCRIPTION"])
    assert "Avdelning: Avdelning, A" in str(event["DESCRIPTION"])
    plain = found[event_uid("RU-2", dt.date(2019, 1, 31), "final")]
    assert str(plain["SUMMARY"]) == "Redovisning: Vanligt (RU-2)"  # no register number: id
    interim = found[event_uid("RU-1", dt.date(2018, 10, 1), "interim")]
    assert str(interim["SUMMARY"]).startswith("Delredovisning: Uppdrag, med; allt\nBEGIN")
