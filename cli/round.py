"""``tertial round``: the follow-up cycle from the command line, for finance and the
administrator (open a round, move its last day, close it, follow it, adopt it, open a
correction). The command runs as the administrator of the server it runs on; who ran it is
kept in the audit log (``cli:<login name>``, or ``--user``)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json

import cli.text as cli_text
from cli.common import EXIT_OK, open_store, operator
from loaders.periods import parse_tertial
from loaders.settings import Settings

ACTIONS = ("list", "open", "last-day", "close", "reopen", "status", "adopt", "correct")


def cmd_round(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.followup.cycle import FollowUp
    from loaders.followup.rules import Actor

    lang, period = args.lang, _period(args)
    cycle = FollowUp(open_store(settings))
    actor = Actor(args.user or operator(), "admin", display_name=args.user or "")
    if args.action == "list":
        print(cli_text.rounds(cycle.rounds(), lang))
    elif args.action == "open":
        found = cycle.open_round(period, _required(args, "last_day"), actor)
        print(cli_text.t(lang, "round_opened", period=period, day=found.last_day.isoformat()))
    elif args.action == "last-day":
        found = cycle.set_last_day(period, _required(args, "last_day"), actor)
        print(cli_text.t(lang, "round_last_day", period=period, day=found.last_day.isoformat()))
    elif args.action == "close":
        cycle.close_round(period, actor)
        print(cli_text.t(lang, "round_closed", period=period))
    elif args.action == "reopen":
        cycle.reopen_round(period, actor)
        print(cli_text.t(lang, "round_reopened", period=period))
    elif args.action == "correct":
        found = cycle.open_correction(period, _required(args, "reason"), actor)
        print(cli_text.t(lang, "round_corrected", period=period, reason=found.correction))
    elif args.action == "adopt":
        adoption = cycle.adopt(period, actor, thresholds=_thresholds(settings),
                               not_ready=args.not_ready or (), reason=args.reason)
        print(cli_text.t(lang, "adopted", period=period, version=adoption.version,
                         at=cli_text.local_time(adoption.adopted_at),
                         by=adoption.adopted_by_name))
    else:
        return _status(cycle, period, args)
    return EXIT_OK


def _status(cycle, period: str, args: argparse.Namespace) -> int:
    from loaders.followup.messages import refusal

    found = cycle.round(period)
    if found is None:
        raise refusal("no_round", period=period)
    seen = cycle.progress(period, args.today or dt.date.today())
    if args.json:
        print(json.dumps({"period": period, "state": found.state,
                          "last_day": found.last_day.isoformat(), "days_left": seen.days_left,
                          "departments": [dataclasses.asdict(d) for d in seen.departments]},
                         ensure_ascii=False, indent=2))
    else:
        print(cli_text.round_progress(found, seen, args.lang))
    return EXIT_OK


def _thresholds(settings: Settings) -> dict[str, float]:
    from dashboard.kpis.status import thresholds_from

    return dataclasses.asdict(thresholds_from(settings))


def _period(args: argparse.Namespace) -> str:
    """The tertial named, as its label; a usage error when it is missing or no tertial."""
    if args.action == "list":
        return ""
    tertial = parse_tertial(args.period) if args.period else None
    if tertial is None:
        args.parser.error(f"{args.action}: {args.period or '-'}: väntade ett tertial som "
                          "2018-T2 / expected a tertial such as 2018-T2")
    return tertial.label


def _required(args: argparse.Namespace, name: str):
    value = getattr(args, name)
    if value is None:
        args.parser.error(f"{args.action}: --{name.replace('_', '-')} "
                          + ("krävs / is required"))
    return value


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r}: väntade ett datum ÅÅÅÅ-MM-DD / expected a date YYYY-MM-DD") from exc


def add_parser(sub) -> None:
    p = sub.add_parser("round", help="the follow-up cycle: open, follow and adopt a round")
    p.add_argument("action", choices=ACTIONS)
    p.add_argument("period", nargs="?", help="the tertial, e.g. 2018-T2 (all but list)")
    p.add_argument("--last-day", type=_day, help="open, last-day: the departments' last day")
    p.add_argument("--not-ready", action="append", metavar="DEPARTMENT",
                   help="adopt: a department not ready, named on purpose (repeat for more)")
    p.add_argument("--reason", help="correct (required), adopt: why the adopted follow-up "
                   "is corrected")
    p.add_argument("--today", type=_day, help=argparse.SUPPRESS)  # the tests' "today"
    p.add_argument("--json", action="store_true", help="status: print JSON")
    p.add_argument("--user", help="who does it (kept in the audit log)")
    p.set_defaults(func=cmd_round, parser=p)
