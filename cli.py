"""The ``tertial`` command line: import, history, rollback, template, demo, summary.

An edge of the application, like ``app.py``: it turns typed errors and validation reports
into text for a person (Swedish by default, ``--lang en`` for English) and into exit codes:
0 success, 1 refused input (the issues are printed, never a traceback), 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import ArgumentError, DBAPIError

from dashboard import cli_text
from loaders.errors import StoreError, TertialError
from loaders.settings import Settings, load_settings

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _store(settings: Settings):
    from loaders.store import Store

    try:
        return Store(settings.resolved_database_url)
    except ModuleNotFoundError as exc:  # e.g. postgresql+psycopg without psycopg installed
        sv, en = (cli_text.t(lang, "database_driver", name=exc.name) for lang in ("sv", "en"))
        raise StoreError("database_driver", sv, en) from exc


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.importer import import_file

    path = Path(args.file)
    if not path.is_file():
        print(cli_text.t(args.lang, "no_such_file", path=path), file=sys.stderr)
        return EXIT_REFUSED
    from loaders.importer import limits_from
    from loaders.safety import check_size

    check_size(path.stat().st_size, path.name, limits_from(settings))  # before reading it
    data = path.read_bytes()
    outcome = import_file(_store(settings), data, path.name, settings,
                          period=args.period, user=args.user, dry_run=args.dry_run,
                          csv_sheet=args.sheet)
    print(cli_text.import_outcome(outcome, args.lang))
    return EXIT_OK if outcome.accepted else EXIT_REFUSED


def cmd_history(args: argparse.Namespace, settings: Settings) -> int:
    print(cli_text.history(_store(settings).history(), args.lang))
    return EXIT_OK


def cmd_rollback(args: argparse.Namespace, settings: Settings) -> int:
    record = _store(settings).rollback(args.import_id, user=args.user)
    print(cli_text.t(args.lang, "rolled_back", id=record.id, file=record.file_name))
    return EXIT_OK


def cmd_template(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.template import write_template

    write_template(Path(args.out))
    print(cli_text.t(args.lang, "template_written", path=args.out))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.importer import load_demo

    outcomes = load_demo(_store(settings), settings)
    for outcome in outcomes:
        print(cli_text.import_outcome(outcome, args.lang, brief=True))
    return EXIT_OK if all(o.accepted for o in outcomes) else EXIT_REFUSED


def cmd_summary(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.kpis import Selection, summary
    from dashboard.status import thresholds_from

    frames = _store(settings).frames()
    period = args.period or cli_text.latest_period(frames)
    if period is None:
        print(cli_text.t(args.lang, "no_data"), file=sys.stderr)
        return EXIT_REFUSED
    result = summary(frames, Selection(period, args.department, args.unit),
                     thresholds_from(settings))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(cli_text.summary(result, args.lang))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tertial",
        description="Tertial: follow-up of the operational plan, three times a year.")
    parser.add_argument("--database-url", help="SQLAlchemy URL (env TERTIAL_DATABASE_URL)")
    parser.add_argument("--data-dir", help="data folder (env TERTIAL_DATA_DIR)")
    parser.add_argument("--lang", choices=("sv", "en"), default="sv",
                        help="language of messages (default sv)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("import", help="validate and import a workbook (.xlsx, .xlsm, .ods, .csv)")
    p.add_argument("file")
    p.add_argument("--period", help="tertial for sheets without a Period column, e.g. 2018-T2")
    p.add_argument("--user", default="cli", help="who imports (kept in the history)")
    p.add_argument("--sheet", help="for a CSV file: the sheet it holds, e.g. Uppdrag")
    p.add_argument("--dry-run", action="store_true", help="validate and show what would change")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("history", help="list every import")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("rollback", help="undo an import, restoring what it superseded")
    p.add_argument("import_id", type=int)
    p.add_argument("--user", default="cli")
    p.set_defaults(func=cmd_rollback)

    p = sub.add_parser("template", help="write the blank workbook template")
    p.add_argument("out")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("demo", help="write the demo workbooks under data/ and import them")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("summary", help="headline figures of the four perspectives")
    p.add_argument("--period", help="tertial, e.g. 2018-T2 (default: the latest in the data)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--department", help="department (avdelning)")
    group.add_argument("--unit", help="unit (enhet)")
    p.add_argument("--json", action="store_true", help="print JSON (a stable interface)")
    p.set_defaults(func=cmd_summary)
    return parser


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace, settings: Settings) -> int:
    """Run the command; expected trouble becomes a message and an exit code, not a traceback."""
    try:
        return args.func(args, settings)
    except TertialError as exc:
        print(exc.message(args.lang), file=sys.stderr)
    except ArgumentError as exc:  # a --database-url SQLAlchemy cannot use
        parser.error(f"--database-url: {exc}")
    except DBAPIError as exc:
        print(cli_text.t(args.lang, "database_error", error=exc.orig), file=sys.stderr)
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(cli_text.t(args.lang, "os_error", error=exc), file=sys.stderr)
    return EXIT_REFUSED


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings({"database_url": args.database_url, "data_dir": args.data_dir})
    except ValueError as exc:
        parser.error(str(exc))
    try:
        code = _run(parser, args, settings)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:  # the reader went away (tertial summary --json | head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
