"""Why a change to the follow-up cycle was refused, in Swedish and English: one table, so the
page, the CLI and the tests show the same words (``{...}`` are filled in by :func:`refusal`)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from loaders.errors import TertialError
from loaders.language import LANGUAGES
from loaders.vocabulary import CODE_LABELS

MESSAGES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "no_round": ("Det finns ingen uppföljningsomgång för {period}.",
                 "There is no follow-up round for {period}."),
    "round_exists": ("Uppföljningsomgången för {period} är redan öppnad.",
                     "The follow-up round for {period} has already been opened."),
    "no_data": ("Det finns inga uppdrag för {period} att följa upp. Importera tertialets fil "
                "först.", "There are no assignments for {period} to follow up. Import the "
                "tertial's file first."),
    "wrong_state": ("Uppföljningsomgången för {period} är {state}; det går inte nu.",
                    "The follow-up round for {period} is {state}; that cannot be done now."),
    "not_allowed": ("Din roll ({role}) får inte göra det här.",
                    "Your role ({role}) may not do this."),
    "other_department": ("Uppdraget {assignment} hör till {department}; du får bara bedöma "
                         "din egen avdelnings uppdrag.",
                         "Assignment {assignment} belongs to {department}; you may only "
                         "assess your own department's assignments."),
    "other_department_ready": ("Du får bara klarmarkera din egen avdelning, inte {department}.",
                               "You may only mark your own department ready, not "
                               "{department}."),
    "unknown_assignment": ("Uppdraget {assignment} finns inte för {period}.",
                           "Assignment {assignment} does not exist for {period}."),
    "unknown_department": ("Avdelningen {department} har inga uppdrag för {period}.",
                           "The department {department} has no assignments for {period}."),
    "department_ready": ("{department} är klarmarkerad. Ta tillbaka klarmarkeringen innan "
                         "bedömningen ändras.",
                         "{department} is marked ready. Take the readiness back before "
                         "changing the assessment."),
    "conflict": ("{author} sparade en annan bedömning av {assignment} {at} (status {status}). "
                 "Din ändring sparades inte; läs deras och spara igen om du vill ändra.",
                 "{author} saved another assessment of {assignment} at {at} (status "
                 "{status}). Your change was not saved; read theirs and save again to change "
                 "it."),
    "invalid": ("Bedömningen av {assignment} kan inte sparas: {what}.",
                "The assessment of {assignment} cannot be saved: {what}."),
    "not_complete": ("{department} kan inte klarmarkeras: {count} uppdrag saknar motivering "
                     "eller åtgärd ({assignments}).",
                     "{department} cannot be marked ready: {count} assignments lack a "
                     "motivation or an action ({assignments})."),
    "override_missing": ("Alla avdelningar är inte klarmarkerade ({departments}). Fastställ "
                         "bara genom att namnge just de avdelningarna.",
                         "Not every department is marked ready ({departments}). Adopt only "
                         "by naming exactly those departments."),
    "override_extra": ("De namngivna avdelningarna är inte just de som inte är klara "
                       "({departments}).",
                       "The departments named are not exactly those not ready "
                       "({departments})."),
    "reason_required": ("En rättelse av en fastställd uppföljning behöver ett skäl.",
                        "A correction of an adopted follow-up needs a reason."),
    "last_day_invalid": ("Sista dagen ({day}) ligger före tertialets slut ({end}).",
                         "The last day ({day}) lies before the tertial's end ({end})."),
    "too_long": ("Skälet får vara högst {limit} tecken.",
                 "The reason may be at most {limit} characters."),
})

# What an assessment lacks (rules.Problem codes and fields), as the :data:`MESSAGES`'
# ``{what}`` says it.
PROBLEM_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "unknown_status": ("okänd status", "unknown status"),
    "too_long": ("{field} är längre än {limit} tecken", "{field} is longer than {limit} "
                 "characters"),
    "action_not_allowed": ("en åtgärd hör bara till Gul och Röd",
                           "only Yellow and Red have an action"),
    "action_incomplete": ("åtgärden behöver {field}", "the action needs {field}"),
    "motivation_required": ("motivering saknas", "the motivation is missing"),
    "action_required": ("åtgärd saknas", "the action is missing"),
})
FIELD_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "status": ("status", "status"),
    "motivation": ("motiveringen", "the motivation"),
    "action": ("en beskrivning", "a description"),
    "action_owner": ("en ansvarig", "an owner"),
    "action_due": ("ett klart-datum", "a due date"),
})
STATE_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "open": ("öppen", "open"), "closed": ("stängd", "closed"),
    "adopted": ("fastställd", "adopted"), "none": ("inte öppnad", "not opened"),
})


class CycleError(TertialError):
    """A change to the follow-up cycle that was refused; nothing was stored."""


def refusal(code: str, **values: object) -> CycleError:
    sv, en = MESSAGES[code]
    return CycleError(code, sv.format(**_words(values, 0)), en.format(**_words(values, 1)),
                      **values)


def _words(values: Mapping[str, object], lang: int) -> dict[str, object]:
    """``state`` and ``what`` in the message's language; the rest as given."""
    out = dict(values)
    if "state" in out:
        out["state"] = STATE_WORDS[str(out["state"])][lang]
    if "status" in out and str(out["status"]) in CODE_LABELS:
        out["status"] = CODE_LABELS[str(out["status"])][LANGUAGES[lang]]
    if "what" in out:
        out["what"] = "; ".join(problem_text(p, lang) for p in out["what"])  # type: ignore[union-attr]
    return out


def problem_text(problem, lang: int) -> str:
    """One :class:`~loaders.followup.rules.Problem` in words (0 Swedish, 1 English)."""
    field = FIELD_WORDS.get(problem.field, (problem.field, problem.field))[lang]
    return PROBLEM_WORDS[problem.code][lang].format(field=field, limit=problem.limit)
