"""The state of a staged upload as JSON, and an import outcome as the result it keeps.

The state file holds ``state``, ``steps`` (what happened, with UTC times), ``data_version``
(read before the check), ``result`` (of the check), ``import_id`` and ``confirmed`` (the
confirm's answer, once imported). A checked upload is in one of the :data:`CHECK_STATES`;
:func:`check_result` says which and keeps everything the page needs to show why: the
refusal, every kept issue of the report (in the report's order, with the counts of all of
them), the plan.
"""

from __future__ import annotations

from collections.abc import Mapping

from loaders.errors import Report, TertialError
from loaders.imports.importer import ImportOutcome
from loaders.imports.staging_files import iso

READY, REFUSED, IDENTICAL, FAILED = "ready", "refused", "identical", "failed"
CHECKING, IMPORTED, UNKNOWN = "checking", "imported", "unknown"
CHECK_STATES: tuple[str, ...] = (READY, REFUSED, IDENTICAL, FAILED)

# code -> (Swedish, English): messages of the staging area itself
MESSAGES: Mapping[str, tuple[str, str]] = {
    "failed": (
        "Filen kunde inte kontrolleras på grund av ett oväntat fel. Inget har lagrats. "
        "Försök igen; kvarstår felet, kontakta den som förvaltar tjänsten.",
        "The file could not be checked because of an unexpected error. Nothing was stored. "
        "Try again; if the error remains, contact whoever runs the service."),
    "import_failed": (
        "Importen kunde inte slutföras på grund av ett oväntat fel. Inget har lagrats. "
        "Försök igen; kvarstår felet, kontakta den som förvaltar tjänsten.",
        "The import could not be completed because of an unexpected error. Nothing was "
        "stored. Try again; if the error remains, contact whoever runs the service."),
    "identical": (
        "Samma fil är redan importerad (import {import_id}). Inget behöver göras.",
        "The same file has already been imported (import {import_id}). Nothing to do."),
    "unchanged": (
        "Filen ändrar ingenting: den håller precis de rader som redan är lagrade. Inget "
        "behöver importeras.",
        "The file changes nothing: it holds exactly the rows already stored. Nothing needs "
        "to be imported."),
    "removal_not_confirmed": (
        "Importen skulle ta bort mycket av det som är lagrat ({removals_sv}). Inget lagrades. "
        "Kryssa i rutan \"Ja, ta bort …\" om det är meningen, och importera igen.",
        "The import would remove much of what is stored ({removals_en}). Nothing was stored. "
        "Tick the box \"Yes, remove …\" if that is intended, and import again."),
    "not_ready": (
        "Filen kan inte importeras i detta läge ({state}). Granska kontrollen först.",
        "The file cannot be imported in this state ({state}). Review the check first."),
    "stale_rechecking": (
        "Uppgifterna har ändrats sedan förhandsvisningen (en annan import eller en ångring). "
        "Inget lagrades. Filen kontrolleras nu på nytt: granska den nya förhandsvisningen "
        "och bekräfta igen.",
        "The data has changed since the preview (another import or a rollback). Nothing "
        "was stored. The file is being checked again: review the fresh preview and "
        "confirm again."),
}


def message(code: str, **values: object) -> dict[str, str]:
    """{"code", "message_sv", "message_en"} of a staging message."""
    sv, en = MESSAGES[code]
    return {"code": code, "message_sv": sv.format(**values), "message_en": en.format(**values)}


def error_dict(error: TertialError) -> dict[str, str]:
    return {"code": error.code, "message_sv": error.message_sv, "message_en": error.message_en}


def report_dict(report: Report) -> dict:
    """Every kept issue (sheet, row, column letter, header, value, expected, code, severity,
    messages) in the report's order, with the counts of all issues found and the cap."""
    return {
        "ok": report.ok,
        "issues": [issue.to_dict() for issue in report.sorted()],  # as the reader goes
        "counts": dict(report.counts),
        "cap": report.cap,
        "capped": report.truncated > 0,
        "left_out": report.truncated,
    }


def check_result(outcome: ImportOutcome) -> tuple[str, dict]:
    """The state a dry-run outcome leaves an upload in, and its result."""
    result = {
        "refusal": error_dict(outcome.refusal) if outcome.refusal else None,
        "report": report_dict(outcome.report),
        "plan": outcome.plan.to_dict() if outcome.plan is not None else None,
        "periods": outcome.result.periods if outcome.result is not None else [],
        "identical_to": outcome.identical_to,
        "unchanged": outcome.unchanged,
        "removals": [r.to_dict() for r in outcome.removals],
        "removal_limit": outcome.removal_limit,
        "preview": None,
        "message": None,
    }
    if not outcome.accepted:
        return REFUSED, result
    if outcome.identical_to is not None:
        result["message"] = message("identical", import_id=outcome.identical_to)
        return IDENTICAL, result
    if outcome.unchanged:
        result["message"] = message("unchanged")
        return IDENTICAL, result
    return READY, result


def failed_result() -> dict:
    """The result of a check that broke on something unexpected: a message, no details."""
    return {"refusal": None, "report": None, "plan": None, "periods": [], "identical_to": None,
            "preview": None, "message": message("failed")}


# --- state transitions (each returns False when the state must stay as it is) -------------

def step(name: str, seconds: float) -> dict:
    return {"step": name, "at": iso(seconds)}


def new_state(now: float) -> dict:
    return {"state": CHECKING, "steps": [step("received", now)], "data_version": None,
            "result": None, "import_id": None, "confirmed": None}


def reset(state: dict) -> bool:
    """Back to "checking" (unless already imported: a confirmed upload stays as it is)."""
    if state["confirmed"] is not None:
        return False
    state.update(state=CHECKING, result=None, data_version=None)
    return True


def begin(state: dict, now: float) -> bool:
    if not reset(state):
        return False
    state["steps"].append(step("checking", now))
    return True


def finish(state: dict, kind: str, result: dict, version: int | None, now: float) -> bool:
    if state["confirmed"] is not None:
        return False
    state.update(state=kind, result=result, data_version=version)
    state["steps"].append(step("done", now))
    return True
