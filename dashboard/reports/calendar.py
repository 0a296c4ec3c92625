"""The government assignments' reports as an iCalendar file (.ics), for the reader's calendar.

One all-day event per report date, final (Redovisas senast) and interim (Delredovisning), of
every government assignment in the view that is neither Avslutad nor Avbruten. Each event's
UID is derived from the assignment's id (compared without case), the date and the kind, so
importing or subscribing to a newer file updates the events instead of adding them twice.
The texts are in the reader's language; the ``icalendar`` package escapes them (commas,
semicolons, backslashes, line breaks) and folds long lines, and control characters, which
RFC 5545 does not allow in a text, are taken out here first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pandas as pd
from icalendar import Calendar, Event, vText

from dashboard.kpis.government import is_closed, reports
from dashboard.kpis.organisation import name_key
from dashboard.kpis.status import status_label
from dashboard.reports.excel import UNSAFE_IN_NAME  # the file names of the same view's export
from dashboard.text.i18n import t

PRODID = "-//Tertial//Regeringsuppdrag//SV"
UID_DOMAIN = "regeringsuppdrag.tertial"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # all but tab and line feed


def clean(value: object) -> str:
    """A text as an iCalendar TEXT may hold it: carriage returns as line breaks, no other
    control characters; a blank is empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text)


def event_uid(assignment_id: str, day: dt.date, kind: str) -> str:
    """The same assignment, date and kind always give the same UID."""
    key = name_key(pd.Series([assignment_id])).iloc[0]
    digest = hashlib.sha256(f"{key}\x1f{day.isoformat()}\x1f{kind}".encode()).hexdigest()
    return f"{kind}-{day:%Y%m%d}-{digest[:24]}@{UID_DOMAIN}"


def _summary(row: pd.Series, kind: str, lang: str) -> str:
    reference = clean(row["register_number"]) or clean(row["id"])
    return t(f"government.calendar_summary_{kind}", lang, name=clean(row["name"]),
             reference=reference)


def _description(row: pd.Series, lang: str) -> str:
    lines = [(t("operations.col_id", lang), row["id"]),
             (t("government.col_register_number", lang), row["register_number"]),
             (t("government.col_ministry", lang), row["ministry"]),
             (t("shell.filter_department", lang), row["department"]),
             (t("shell.filter_unit", lang), row["unit"]),
             (t("operations.col_status", lang), status_label(row["status"], lang))]
    return "\n".join(f"{label}: {clean(value) or '–'}" for label, value in lines)


def _event(row: pd.Series, day: dt.date, kind: str, stamp: dt.datetime, lang: str) -> Event:
    event = Event()
    event.add("uid", event_uid(str(row["id"]), day, kind))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", _summary(row, kind, lang))
    event.add("description", _description(row, lang))
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
    return event


def calendar_name(place: str, period: str, lang: str) -> str:
    return t("government.calendar_name", lang, place=clean(place), period=period)


def build_calendar(register: pd.DataFrame, name: str, lang: str,
                   stamp: dt.datetime | None = None) -> bytes:
    """The .ics of the register's open government assignments (``register`` is
    :func:`dashboard.kpis.government.register_table`'s), named ``name``."""
    stamp = stamp or dt.datetime.now(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(clean(name)))  # an X- property: TEXT, said
    events = [(report.day, report.kind, row) for _, row in register.iterrows()
              if not is_closed(row) for report in reports(row)]
    for day, kind, row in sorted(events, key=lambda e: (e[0], str(e[2]["id"]), e[1])):
        calendar.add_component(_event(row, day, kind, stamp, lang))
    return calendar.to_ical()


def file_name(place: str, period: str, lang: str) -> str:
    """``regeringsuppdrag_2018-T2_IT-avdelningen.ics`` (the unit, department or agency)."""
    safe = UNSAFE_IN_NAME.sub("-", clean(place)).strip("-")
    return f"{t('government.calendar_file', lang)}_{period}_{safe}.ics"
