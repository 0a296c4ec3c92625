"""Plain-text rendering of imports, history and the tertial summary for the terminal.

Pure functions from records and dicts to text, in Swedish or English. The phrases live in
the one table of texts (``dashboard/text/texts.toml``, section ``[cli]``), read with :func:`t`;
numbers go through :mod:`dashboard.text.formatting`.
"""

from __future__ import annotations

from dashboard.kpis.organisation import swedish_key
from dashboard.kpis.periods import latest_period as _latest
from dashboard.kpis.status import status_label
from dashboard.text import formatting as fmt
from dashboard.text import i18n
from dashboard.text.formatting import local_time
from dashboard.text.sheets import sheet_label
from dashboard.views.headline import rows as headline_rows
from loaders.errors import Issue, Report
from loaders.language import language

SECTION = "cli"



def t(lang: str, key: str, **fields: object) -> str:
    """The phrase ``key`` of ``[cli]`` in ``lang`` with its fields filled in."""
    return i18n.t(f"{SECTION}.{key}", language(lang), **fields)


def issue_line(issue: Issue, lang: str) -> str:
    where = issue.location()
    head = t(lang, f"severity.{issue.severity}")
    return f"{head} {where}: {issue.message(lang)}" if where else f"{head}: {issue.message(lang)}"


def report_text(report: Report, lang: str) -> list[str]:
    lines = [issue_line(i, lang) for i in report.sorted()]
    if report.truncated:
        lines.append(t(lang, "more", n=report.truncated))
    lines.append(t(lang, "counts", errors=report.counts["error"],
                   warnings=report.counts["warning"], notices=report.counts["notice"]))
    return lines


def _plan_lines(plan, lang: str) -> list[str]:
    lines = [t(lang, "plan_head")]
    for s in plan.slices:
        sup = t(lang, "supersedes", ids=", ".join(map(str, s.supersedes))) if s.supersedes \
            else ""
        period = f" {s.period}" if s.period else ""
        lines.append(t(lang, "plan_row", dataset=sheet_label(s.dataset, lang), period=period,
                       now=s.rows_now,
                       after=s.rows_after, added=s.added, removed=s.removed, changed=s.changed,
                       supersedes=sup))
    if not plan.slices:
        lines.append(t(lang, "plan_empty"))
    return lines


def import_outcome(outcome, lang: str, brief: bool = False) -> str:
    """What happened to one file: refusal, issues, the plan, and what was stored."""
    lines = [outcome.file_name]
    if outcome.refusal is not None:
        lines.append(t(lang, "refused", reason=outcome.refusal.message(lang)))
        lines.append(t(lang, "not_stored"))
        return "\n".join(lines)
    report_lines = report_text(outcome.report, lang)
    lines.extend(report_lines[-1:] if brief else report_lines)
    if not outcome.report.ok:
        lines.append(t(lang, "not_stored"))
    elif outcome.identical_to is not None:
        lines.append(t(lang, "identical", id=outcome.identical_to))
    elif outcome.unchanged:
        lines.append(t(lang, "unchanged"))
    else:
        if not brief:
            lines.extend(_plan_lines(outcome.plan, lang))
        if outcome.dry_run:
            lines.append(t(lang, "dry_run"))
        else:
            record = outcome.record
            rows = ", ".join(f"{sheet_label(k, lang)} {v}" for k, v in record.row_counts.items())
            lines.append(t(lang, "stored", id=record.id, user=record.user, rows=rows))
    return "\n".join(lines)


def history(records, lang: str) -> str:
    if not records:
        return t(lang, "history_empty")
    lines = [t(lang, "history_head")]
    for r in records:
        when = local_time(r.created_at)
        status = t(lang, f"history_status.{r.status}")
        periods = ",".join(r.periods) or "–"
        lines.append(f"{r.id:<3} {when:<17} {r.user[:11]:<11} {status:<13} {periods:<15} "
                     f"{r.file_name}")
    return "\n".join(lines)


def latest_period(frames) -> str | None:
    latest = _latest(frames)
    return latest.label if latest else None


def _status(code: str | None, lang: str) -> str:
    """A status as everywhere (``dashboard.kpis.status``): symbol and word, ``–`` for none."""
    return status_label(code, language(lang))


def summary(result: dict, lang: str) -> str:
    """The four perspectives' headline figures as a few lines of text."""
    sel = result["selection"]
    scope = sel.get("unit") or sel.get("department") or t(lang, "agency")
    ops, fin, staff = result["operations"], result["finance"], result["staff"]
    lines = [t(lang, "summary_head", period=result["period"], scope=scope)]
    if result.get("previous_period"):
        lines.append(t(lang, "compared", period=result["previous_period"]))
    chosen = language(lang)
    figures = ", ".join(t(lang, "ops_figure", label=label, value=value)
                        for label, value in headline_rows(ops, chosen))
    lines.append(t(lang, "ops", figures=figures, status=_status(ops.get("status"), lang)))
    reports = ops.get("government_reports") or {}
    if ops.get("government_assignments"):
        late = "; ".join(f"{i['id']}, {i['date']}" for i in reports.get("overdue_items") or [])
        lines.append(t(lang, "gov_reports", due=fmt.number(reports.get("due_before_next"),
                                                           lang=lang),
                       until=reports.get("due_until"),
                       overdue=fmt.number(reports.get("overdue"), lang=lang),
                       late=f" ({late})" if late else ""))
    lines.append(t(
        lang, "fin", budget=fmt.number(fin["budget"], lang=lang),
        outcome=fmt.number(fin["outcome"], lang=lang),
        consumption=fmt.percent(fin["consumption"], lang=lang),
        share=fmt.percent(fin["year_share"], lang=lang),
        forecast=fmt.number(fin["forecast"], lang=lang),
        deviation=fmt.percent(fin["forecast_deviation"], lang=lang, sign=True),
        status=_status(fin.get("status"), lang)))
    lines.append(t(
        lang, "staff", headcount=fmt.number(staff["headcount"], lang=lang),
        change=fmt.change(staff["headcount_change"], lang=lang),
        perm=fmt.change(staff["permanent_change"], lang=lang),
        temp=fmt.change(staff["temporary_change"], lang=lang)))
    lines.append(t(lang, "proc"))
    for p in result["processes"]:
        unit = f" ({p['unit']})" if p.get("unit") else ""
        lines.append(t(lang, "proc_row", kpi=p["kpi"], unit=unit,
                       value=fmt.with_unit(p["value"], p.get("unit_of_measure"), lang),
                       target=fmt.with_unit(p["target"], p.get("unit_of_measure"), lang),
                       status=_status(p.get("status"), lang)))
    return "\n".join(lines)



def rounds(found: list, lang: str) -> str:
    """One line per follow-up round: tertial, state, last day."""
    if not found:
        return t(lang, "round_none")
    return "\n".join(t(lang, "round_list", period=r.period, day=r.last_day.isoformat(),
                        state=t(lang, f"round_state.{r.state}")) for r in found)


def round_progress(found, seen, lang: str) -> str:
    """A round as finance follows it: its state and days left, then per department ready
    or not, what is missing and whether it is late."""
    left = (t(lang, "round_days_left", n=seen.days_left) if seen.days_left >= 0
            else t(lang, "round_days_over", n=-seen.days_left))
    lines = [t(lang, "round_head", period=found.period, day=found.last_day.isoformat(),
               state=t(lang, f"round_state.{found.state}"), left=left,
               ready=seen.ready_count, total=len(seen.departments))]
    for d in sorted(seen.departments, key=lambda d: swedish_key(d.department)):
        missing = t(lang, "round_missing", ids=", ".join(d.missing)) if d.missing else ""
        lines.append(t(lang, "round_row", department=d.department, n=d.assignments,
                       ready=t(lang, "round_ready" if d.ready else "round_not_ready"),
                       missing=missing, late=t(lang, "round_late") if d.late else ""))
    return "\n".join(lines)


def adoption_line(adoption, lang: str) -> str:
    """``Fastställd 2018-10-02 09:12 av Greta Direktör (version 1).``"""
    reason = t(lang, "adopted_reason", reason=adoption.reason) if adoption.reason else ""
    return t(lang, "adopted_line", at=local_time(adoption.adopted_at),
             by=adoption.adopted_by_name, version=adoption.version, reason=reason)


def users(accounts: list, lang: str) -> str:
    """One line per user: name, role, department, shown name, and a lock if there is one."""
    if not accounts:
        return t(lang, "no_users")
    lines = []
    for account in accounts:
        parts = [account.name, i18n.t(f"auth.role.{account.role}", lang),
                 account.department or "-", account.display_name]
        if account.locked_until is not None:
            parts.append(t(lang, "user_locked", until=local_time(account.locked_until)))
        lines.append("\t".join(parts))
    return "\n".join(lines)
