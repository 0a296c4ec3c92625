"""The ``tertial`` command line: import, history, rollback, template, demo, summary, user,
round, db.

An edge of the application, like ``app.py``: it turns typed errors and validation reports
into text for a person (Swedish by default, ``--lang en`` for English) and into exit codes:
0 success, 1 refused input (the issues are printed, never a traceback), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import ArgumentError, DBAPIError

from cli import round as cli_round
from cli import text as cli_text
from cli.common import ADDRESS, EXIT_OK, EXIT_REFUSED, open_store, operator
from loaders.errors import TertialError
from loaders.language import LANGUAGES
from loaders.private import owner_only
from loaders.settings import Settings, load_settings


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.imports.importer import import_file

    path = Path(args.file)
    if not path.is_file():
        print(cli_text.t(args.lang, "no_such_file", path=path), file=sys.stderr)
        return EXIT_REFUSED
    from loaders.imports.importer import limits_from
    from loaders.ingest.safety import check_size

    check_size(path.stat().st_size, path.name, limits_from(settings))  # before reading it
    data = path.read_bytes()
    outcome = import_file(open_store(settings), data, path.name, settings,
                          period=args.period, user=args.user or operator(),
                          dry_run=args.dry_run, csv_sheet=args.sheet, address=ADDRESS,
                          allow_removal=args.allow_removal)
    print(cli_text.import_outcome(outcome, args.lang))
    return EXIT_OK if outcome.accepted else EXIT_REFUSED


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.store.migrate import upgrade

    before, after = upgrade(settings.resolved_database_url)
    key = "db_current" if before == after else "db_upgraded"
    print(cli_text.t(args.lang, key, before=before or "-", after=after))
    return EXIT_OK


def cmd_history(args: argparse.Namespace, settings: Settings) -> int:
    print(cli_text.history(open_store(settings).history(), args.lang))
    return EXIT_OK


def cmd_rollback(args: argparse.Namespace, settings: Settings) -> int:
    record = open_store(settings).rollback(args.import_id, user=args.user or operator(),
                                           address=ADDRESS)
    print(cli_text.t(args.lang, "rolled_back", id=record.id, file=record.file_name))
    return EXIT_OK


def cmd_template(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.template import write_template

    write_template(Path(args.out))
    print(cli_text.t(args.lang, "template_written", path=args.out))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.demo.load import load_demo

    outcomes = load_demo(open_store(settings), settings, user=operator(), address=ADDRESS)
    for outcome in outcomes:
        print(cli_text.import_outcome(outcome, args.lang, brief=True))
    return EXIT_OK if all(o.accepted for o in outcomes) else EXIT_REFUSED


def cmd_summary(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.kpis import Selection, summary
    from dashboard.kpis.status import Thresholds, thresholds_from
    from loaders.followup.cycle import FollowUp

    cycle = FollowUp(open_store(settings))
    frames = cycle.snapshot()[2]  # with the assessments made in the app
    period = args.period or cli_text.latest_period(frames)
    if period is None:
        print(cli_text.t(args.lang, "no_data"), file=sys.stderr)
        return EXIT_REFUSED
    thresholds, adoption = thresholds_from(settings), None
    if args.adopted:
        adoption = cycle.adopted(period, args.version)
        if adoption is None:
            version = cli_text.t(args.lang, "not_adopted_version", version=args.version) \
                if args.version else ""
            print(cli_text.t(args.lang, "not_adopted", period=period, version=version),
                  file=sys.stderr)
            return EXIT_REFUSED
        frames = cycle.adopted_frames(adoption)
        thresholds = Thresholds.from_mapping(adoption.thresholds)  # the limits then in force
    result = summary(frames, Selection(period, args.department, args.unit), thresholds)
    if adoption is not None:
        result["adoption"] = {"version": adoption.version, "reason": adoption.reason,
                              "adopted_at": adoption.adopted_at.isoformat(),
                              "adopted_by": adoption.adopted_by_name,
                              "not_ready": list(adoption.not_ready)}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(cli_text.summary(result, args.lang))
        if adoption is not None:
            print(cli_text.adoption_line(adoption, args.lang))
    return EXIT_OK


# --- users of the password mode (loaders.records.accounts) -------------------------------

def _accounts(settings: Settings):
    from loaders.records.accounts import Accounts
    from loaders.records.audit import AuditLog

    store = open_store(settings)
    lockout = dt.timedelta(minutes=settings.lockout_minutes)  # `user list` shows the locks
    return Accounts(store, attempts=settings.login_attempts, lockout=lockout,
                    rate=settings.login_rate), AuditLog(store)


def _password(args: argparse.Namespace) -> str:
    """One line from standard input (``--password-stdin``), or asked twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(cli_text.t(args.lang, "password_prompt"))
    if first != getpass.getpass(cli_text.t(args.lang, "password_again")):
        from loaders.records.accounts import AccountError

        raise AccountError("password_mismatch", *(cli_text.t(lang, "password_mismatch")
                                                  for lang in LANGUAGES))
    return first


def cmd_user(args: argparse.Namespace, settings: Settings) -> int:
    accounts, audit = _accounts(settings)
    if args.action == "list":
        print(cli_text.users(accounts.list(), args.lang))
        return EXIT_OK
    if args.action == "add":
        account = accounts.add(args.name, _password(args), args.role,
                               department=args.department, display_name=args.display_name)
        detail = f"{account.name} {account.role} {account.department or ''}".strip()
    elif args.action == "passwd":
        account = accounts.set_password(args.name, _password(args))
        detail = account.name
    elif args.action == "role":
        account = accounts.set_role(args.name, args.role, args.department)
        detail = f"{account.name} {account.role} {account.department or ''}".strip()
    elif args.action == "unlock":
        account = accounts.unlock(args.name)
        detail = account.name
    else:
        account = accounts.remove(args.name)
        detail = account.name
    audit.record(operator(), f"user_{args.action}", detail, ADDRESS)
    print(cli_text.t(args.lang, f"user_{args.action}", name=account.name))
    return EXIT_OK


def _user_parser(sub) -> None:
    from loaders.settings import ROLES

    p = sub.add_parser("user", help="users of the password mode: add, passwd, role, unlock, "
                       "remove, list")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add a user (the password is asked for)")
    passwd = actions.add_parser("passwd", help="set a new password (ends the user's sessions)")
    role = actions.add_parser("role", help="change a user's role and department")
    unlock = actions.add_parser("unlock", help="end a user's lock after failed logins")
    remove = actions.add_parser("remove", help="remove a user")
    actions.add_parser("list", help="list the users")
    for parser in (add, passwd, role, unlock, remove):
        parser.add_argument("name")
    for parser in (add, role):
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--department", help="a head's or viewer's department (avdelning)")
    add.add_argument("--display-name", help="the name shown in the app (default: NAME)")
    for parser in (add, passwd):
        parser.add_argument("--password-stdin", action="store_true",
                            help="read the password from one line of standard input")
    p.set_defaults(func=cmd_user)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tertial",
        description="Tertial: follow-up of the operational plan, three times a year.")
    parser.add_argument("--database-url", help="SQLAlchemy URL (env TERTIAL_DATABASE_URL)")
    parser.add_argument("--data-dir", help="data folder (env TERTIAL_DATA_DIR)")
    parser.add_argument("--lang", choices=LANGUAGES, default="sv",
                        help="language of messages (default sv)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("import", help="validate and import a workbook (.xlsx, .xlsm, .ods, .csv)")
    p.add_argument("file")
    p.add_argument("--period", help="tertial for sheets without a Period column, e.g. 2018-T2")
    p.add_argument("--user", help="who imports, kept in the history and the audit log "
                   "(default: cli:<login name>)")
    p.add_argument("--sheet", help="for a CSV file: the sheet it holds, e.g. Uppdrag")
    p.add_argument("--dry-run", action="store_true", help="validate and show what would change")
    p.add_argument("--allow-removal", action="store_true",
                   help="store the import even though it removes more than "
                   "TERTIAL_REMOVAL_WARNING of a sheet's rows for a tertial (refused without)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("history", help="list every import")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("rollback", help="undo an import, restoring what it superseded")
    p.add_argument("import_id", type=int)
    p.add_argument("--user", help="who rolls back, kept in the history and the audit log "
                   "(default: cli:<login name>)")
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
    p.add_argument("--adopted", action="store_true",
                   help="the adopted (fastställd) follow-up's figures, not today's data")
    p.add_argument("--version", type=int, help="with --adopted: that version, not the newest")
    p.set_defaults(func=cmd_summary)
    _user_parser(sub)
    cli_round.add_parser(sub)

    p = sub.add_parser("db", help="the database: upgrade brings its schema to this version's")
    p.add_argument("action", choices=("upgrade",))
    p.set_defaults(func=cmd_db)
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
    umask = owner_only()  # what the command writes is 0600, its folders 0700
    try:
        return _main(argv)
    finally:
        os.umask(umask)  # as it was, for a caller in the same process (the tests)


def _main(argv: Sequence[str] | None) -> int:
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

