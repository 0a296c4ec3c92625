"""The tertial in a few plain sentences, written from the figures of ``kpis.summary``.

Pure: no ``dash``, no I/O. ``RULES`` is a table of rules in the dashboard's perspective order
(operations, finance, staff, processes); each rule states some figures of the summary and
gives None when they are missing, so a summary without a previous tertial gets no change
sentences. Every sentence carries the summary paths it states with their exact values
(``figures``), so each one can be traced to a figure. An empty selection gets one sentence
saying there is no data. The words live in the one table of texts (``dashboard/text/texts.toml``,
section ``[narrative]``); the rule for counts (digits, a count of one in words) and the rest
of the grammar in :mod:`dashboard.text.grammar`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, NamedTuple

from dashboard.text import formatting as fmt
from dashboard.text import grammar as w

Tone = Literal["good", "neutral", "attention"]
MAX_NAMED = 3  # assignments or key figures named in one sentence
# Any of these figures present means the selection has data.
DATA_PATHS: tuple[str, ...] = ("operations.assignments", "finance.budget", "finance.outcome",
                               "finance.forecast", "staff.headcount", "processes.0")
RED_SOURCES: tuple[str, ...] = ("worse", "new")  # change lists that can end in red
KPI_ORDER: tuple[str, ...] = ("red", "yellow")
KPI_FIELDS: tuple[str, ...] = ("kpi", "unit", "value", "target", "status")
STAFF_RATES: tuple[str, ...] = ("sick_leave", "turnover")  # the rates behind a staff status
# (any worse, any better) -> template
CHANGE_FORMS = MappingProxyType({(True, True): "changes.both", (True, False): "changes.worse",
                                 (False, True): "changes.better",
                                 (False, False): "changes.none"})
TONE_OF_BALANCE = MappingProxyType({1: "good", 0: "neutral", -1: "attention"})  # better-worse
NEW_GOV_FORMS = MappingProxyType({0: "new_gov.none", 1: "new_gov.one"})  # else new_gov.many


@dataclass(frozen=True)
class Sentence:
    """One sentence of the narrative.

    ``key`` names the rule that wrote it (``"operations.green_share"``); ``figures`` maps each
    summary path the sentence states (``"operations.status_share.green"``, list items by
    index: ``"processes.1.value"``) to its exact value in the summary.
    """

    text: str
    key: str
    figures: dict[str, object]
    tone: Tone


class Draft(NamedTuple):
    """What a rule writes: the text, the summary paths it states, and its tone."""

    text: str
    paths: tuple[str, ...]
    tone: Tone = "neutral"


def lookup(summary: Mapping, path: str) -> object:
    """The value at a dotted path of the summary (list items by index); None when absent."""
    value: object = summary
    for part in path.split("."):
        if isinstance(value, Mapping):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _no_data(s: Mapping, lang: str) -> Draft | None:
    if any(lookup(s, path) is not None for path in DATA_PATHS):
        return None
    who = lookup(s, "selection.unit") or lookup(s, "selection.department")
    text = w.text("no_data", lang, who=who or w.word(w.SCOPE_AGENCY, lang),
                  period=lookup(s, "period") or fmt.MISSING)
    return Draft(text, ("period", "selection.department", "selection.unit"))


def _green_share(s: Mapping, lang: str) -> Draft | None:
    share = lookup(s, "operations.status_share.green")
    if share is None:
        return None
    band, anchor = w.share_band(share)
    text = w.text(f"share.{band}", lang, anchor=anchor,
                  share=fmt.number(share * 100, 1, lang))
    status = lookup(s, "operations.status")
    return Draft(text, ("operations.status_share.green", "operations.status"),
                 w.TONE_OF_STATUS.get(status, "neutral"))


def _named_assignment(item: Mapping, lang: str) -> str:
    """``”Namn” (Analysavdelningen)``: the quoted name (its id without one) and its
    department, the unit when the units list names no department, the name alone without
    either."""
    name = w.quoted(str(item.get("name") or item.get("id")), lang)
    where = item.get("department") or item.get("unit")
    return w.text("red.item", lang, name=name, department=where) if where else name


def _red(s: Mapping, lang: str) -> Draft | None:
    """The red count, naming up to three. The summary lists an assignment only when it
    turned red or is new; one that was red already is counted, not named ("bland dem")."""
    count = lookup(s, "operations.status_counts.red")
    if not count:
        return None
    known = [f"operations.changes.{kind}.items.{i}" for kind in RED_SOURCES
             for i, item in enumerate(lookup(s, f"operations.changes.{kind}.items") or [])
             if item.get("to") == "red"]
    named = known[:MAX_NAMED]
    say = w.speller(lang, count)
    head = w.text("red.one" if count == 1 else "red.many", lang,
                  n=w.counted(say, "assignment", count, lang))
    names = [_named_assignment(lookup(s, p) or {}, lang) for p in named]
    form = ("red.unnamed" if not named
            else "red.all_named" if len(named) == count else "red.some_named")
    text = w.text(form, lang, head=head, names=w.join(names, lang))
    return Draft(text, ("operations.status_counts.red", *named), "attention")


def _status_changes(s: Mapping, lang: str) -> Draft | None:
    worse = lookup(s, "operations.changes.worse.count")
    better = lookup(s, "operations.changes.better.count")
    if worse is None or better is None or not lookup(s, "operations.assignments"):
        return None
    say = w.speller(lang, worse, better)
    # the second count leaves out the noun: "för 10 uppdrag och förbättrats för 27"
    better_text = say(better, "n") if worse else w.counted(say, "assignment", better, lang)
    text = w.text(CHANGE_FORMS[(worse > 0, better > 0)], lang,
                  worse=w.counted(say, "assignment", worse, lang), better=better_text)
    return Draft(text, ("operations.changes.worse.count", "operations.changes.better.count"),
                 TONE_OF_BALANCE[_sign(better - worse)])


def _new_government(s: Mapping, lang: str) -> Draft | None:
    count = lookup(s, "operations.new_government_assignments")
    if count is None:
        return None
    form = NEW_GOV_FORMS.get(count, "new_gov.many")
    text = w.text(form, lang, n=w.speller(lang, count)(count, "n"))
    return Draft(text, ("operations.new_government_assignments",))


def _staff_parts(say: Callable[..., str], lang: str, total: int,
                 changes: tuple[tuple[str, int], ...]) -> str:
    """How a headcount change splits by employment type, as a clause after the main one."""
    moved = [(kind, n) for kind, n in changes if n]
    if not moved:
        return ""
    if len(moved) == 1:
        kind, n = moved[0]
        form = "staff.all_one" if abs(n) == 1 else "staff.all_many"
        return w.text(form, lang, type=w.noun(kind, n, lang))
    if _sign(moved[0][1]) == _sign(moved[1][1]) == _sign(total):
        parts = [w.text("staff.part", lang, n=say(n), type=w.noun(kind, n, lang))
                 for kind, n in moved]
        return w.text("staff.of_which", lang, parts=w.join(parts, lang))
    parts = [w.text("staff.part_change_one" if abs(n) == 1 else "staff.part_change_many",
                    lang, n=say(n), type=w.noun(kind, n, lang),
                    more=w.word(w.MORE_FEWER[_sign(n)], lang)) for kind, n in moved]
    return w.text("staff.opposite", lang, parts=w.join(parts, lang))


def _headcount(s: Mapping, lang: str) -> Draft | None:
    total = lookup(s, "staff.headcount_change")
    if total is None:
        return None
    permanent = lookup(s, "staff.permanent_change")
    temporary = lookup(s, "staff.temporary_change")
    split = permanent is not None and temporary is not None and permanent + temporary == total
    # only the counts the sentence states decide words or digits
    say = w.speller(lang, total, *((permanent, temporary) if split else ()))
    detail = _staff_parts(say, lang, total, (("permanent", permanent),
                                             ("temporary", temporary))) if split else ""
    paths = ("staff.headcount_change", "staff.permanent_change", "staff.temporary_change")
    if total == 0:
        return Draft(w.text("staff.unchanged", lang, detail=detail), paths)
    text = w.text("staff.one" if abs(total) == 1 else "staff.many", lang, n=say(total),
                  more=w.word(w.MORE_FEWER[_sign(total)], lang), detail=detail)
    return Draft(text, paths)


def _staff_rates(s: Mapping, lang: str) -> Draft | None:
    """What makes the staff status red or yellow: each rate at that status with its value
    and its target, as the overview's card tells it (the same figures, rounded alike)."""
    status = lookup(s, "staff.status")
    if status not in w.STATUS_ADJECTIVE or w.TONE_OF_STATUS.get(status) != "attention":
        return None
    rates = [rate for rate in STAFF_RATES if lookup(s, f"staff.{rate}_status") == status]
    if not rates:
        return None
    reasons = [w.text("rates.reason", lang, figure=w.word(f"rates.{rate}", lang),
                      value=fmt.percent(lookup(s, f"staff.{rate}"), lang=lang),
                      target=fmt.rate_target(lookup(s, f"staff.{rate}_target"),
                                             lookup(s, f"staff.{rate}_direction"), lang))
               for rate in rates]
    text = w.text("rates.status", lang, status=w.word(w.STATUS_ADJECTIVE[status], lang),
                  reasons=w.join(reasons, lang))
    paths = ("staff.status", *(f"staff.{rate}{part}" for rate in rates
                               for part in ("", "_target", "_direction", "_status")))
    return Draft(text, paths, "attention")


def _forecast(s: Mapping, lang: str) -> Draft | None:
    deviation, status = lookup(s, "finance.forecast_deviation"), lookup(s, "finance.status")
    if deviation is None or status not in w.STATUS_ADJECTIVE:
        return None
    size = fmt.number(abs(deviation) * 100, 1, lang)
    word = w.word(w.STATUS_ADJECTIVE[status], lang)
    if size == fmt.number(0, 1, lang):
        text = w.text("finance.level", lang, status=word)
    else:
        text = w.text("finance.deviation", lang, p=size, status=word,
                      side=w.word(w.OVER_UNDER[_sign(deviation)], lang))
    return Draft(text, ("finance.forecast_deviation", "finance.status"),
                 w.TONE_OF_STATUS[status])


def _consumption(s: Mapping, lang: str) -> Draft | None:
    consumption, year_share = lookup(s, "finance.consumption"), lookup(s, "finance.year_share")
    if consumption is None or year_share is None:
        return None
    months = round(year_share * 12)
    say = w.speller(lang, months, 12)
    text = w.text("finance.consumption", lang, c=fmt.number(consumption * 100, 1, lang),
                  m=say(months), year=w.counted(say, "month", 12, lang))
    return Draft(text, ("finance.consumption", "finance.year_share"))


def _kpi_clause(row: Mapping, lang: str, full: bool, first: bool = False) -> str:
    """``"Andel beslut inom 90 dagar ligger under målet (87,1 % mot 95 %)"``; not first in
    its sentence, the key figure's name is a common noun in lower case ("och andel …")."""
    value, target, measure = row.get("value"), row.get("target"), row.get("unit_of_measure")
    name = row.get("kpi")
    fields = {"kpi": name if first or name is None else w.mid_sentence(str(name)),
              "at": w.text("kpi.at", lang, unit=row["unit"]) if row.get("unit") else "",
              "value": fmt.with_unit(value, measure, lang),
              "target": fmt.with_unit(target, measure, lang)}
    if not full or value is None or target is None:
        return w.text("kpi.short", lang, **fields)
    return w.text("kpi.clause", lang, **fields,
                  side=w.word(w.ABOVE_BELOW[1 if value > target else -1], lang),
                  tolerance=w.text("kpi.within", lang) if row.get("status") == "yellow" else "")


def _off_target(s: Mapping, lang: str) -> Draft | None:
    rows = lookup(s, "processes") or []
    off = [i for status in KPI_ORDER for i, row in enumerate(rows)
           if row.get("status") == status]
    if not off:
        return None
    named = off[:MAX_NAMED]
    if len(off) == len(named):
        clauses = [_kpi_clause(rows[i], lang, full=True, first=not n)
                   for n, i in enumerate(named)]
        text = w.text("kpi.listed", lang, clauses=w.join(clauses, lang))
    else:
        clauses = [_kpi_clause(rows[i], lang, full=False) for i in named]
        text = w.text("kpi.many", lang, clauses=w.join(clauses, lang),
                      n=w.counted(w.speller(lang, len(off)), "kpi", len(off), lang))
    paths = tuple(f"processes.{i}.{field}" for i in named for field in KPI_FIELDS)
    return Draft(text, paths, "attention")


def _overdue_names(s: Mapping, lang: str) -> tuple[list[str], list[str]]:
    """(paths, texts) of the first MAX_NAMED overdue government assignments: the quoted
    name, its department and the day the report was due."""
    items = lookup(s, "operations.government_reports.overdue_items") or []
    paths = [f"operations.government_reports.overdue_items.{i}" for i in range(len(items))]
    texts = [w.text("gov_reports.item", lang, name=w.quoted(str(item["name"] or item["id"]), lang),
                    department=item.get("department") or item.get("unit") or "–",
                    date=item["date"])
             for item in items[:MAX_NAMED]]
    return paths[:MAX_NAMED], texts


def _government_reports(s: Mapping, lang: str) -> Draft | None:
    """How many government assignments must report before the next follow-up, and the
    overdue ones, each named with its department and the day it was due (up to three)."""
    due = lookup(s, "operations.government_reports.due_before_next")
    overdue = lookup(s, "operations.government_reports.overdue")
    if due is None or overdue is None or not lookup(s, "operations.government_assignments"):
        return None
    paths = ["operations.government_reports.due_before_next",
             "operations.government_reports.overdue"]
    say = w.speller(lang, *[n for n in (due, overdue) if n])
    if due:
        first = w.text("gov_reports.due_one" if due == 1 else "gov_reports.due_many", lang,
                       due=w.counted(say, "government_assignment", due, lang))
    else:
        first = w.text("gov_reports.none", lang)
    if not overdue:
        return Draft(w.text("gov_reports.alone", lang, first=first), tuple(paths))
    # the overdue count leaves out the noun after a first count: "…; 1 är försenat"
    count = say(overdue, "n") if due else w.counted(say, "government_assignment", overdue, lang)
    form = "gov_reports.overdue_one" if overdue == 1 else "gov_reports.overdue_many"
    head = w.text(form, lang, overdue=count)
    named, names = _overdue_names(s, lang)
    late = w.text("gov_reports.named" if len(names) == overdue else "gov_reports.among", lang,
                  part=head, names=w.join(names, lang)) if names else head
    joined = "gov_reports.joined" if due else "gov_reports.but"
    return Draft(w.text(joined, lang, first=first, second=late), (*paths, *named), "attention")


Rule = Callable[[Mapping, str], Draft | None]
# (key, rule) in the order the sentences are read; keys are stable ids for the UI and tests.
RULES: tuple[tuple[str, Rule], ...] = (
    ("selection.no_data", _no_data),
    ("operations.green_share", _green_share),
    ("operations.red", _red),
    ("operations.status_changes", _status_changes),
    ("operations.new_government", _new_government),
    ("operations.government_reports", _government_reports),
    ("finance.forecast_deviation", _forecast),
    ("finance.consumption", _consumption),
    ("staff.headcount_change", _headcount),
    ("staff.rates", _staff_rates),
    ("processes.off_target", _off_target),
)


def narrative(summary: Mapping, lang: str = "sv") -> list[Sentence]:
    """The sentences the summary's figures support, in ``RULES`` order (``lang`` "sv" or
    "en"). Deterministic: the same summary always gives the same sentences."""
    if lang not in w.LANGUAGES:
        raise ValueError(f"unknown language: {lang!r} (expected one of {w.LANGUAGES})")
    sentences = []
    for key, rule in RULES:
        draft = rule(summary, lang)
        if draft is None:
            continue
        figures = {path: copy.deepcopy(lookup(summary, path)) for path in draft.paths}
        text = draft.text[:1].upper() + draft.text[1:]
        sentences.append(Sentence(text, key, figures, draft.tone))
    return sentences


def narrative_text(summary: Mapping, lang: str = "sv") -> str:
    """The narrative as one paragraph: the sentences joined by a space."""
    return " ".join(sentence.text for sentence in narrative(summary, lang))
