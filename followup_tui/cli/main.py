"""The `followup` command: opens the TUI, or runs a subcommand without it.

Exit codes: 0 success, 2 bad usage / bad input / bad config, 1 unexpected error
(a short message; the traceback only with --debug). Textual is imported only
when the TUI opens, so subcommands start fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from followup_tui import __version__
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.paths import default_cache_dir, default_config_path, default_db_path


def _common() -> argparse.ArgumentParser:
    """Options accepted both before and after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="database file (default: $FOLLOWUP_DB or the per-user data dir)",
    )
    common.add_argument(
        "--config",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="user config file (default: $FOLLOWUP_CONFIG or the per-user config dir)",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show tracebacks of unexpected errors",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one subparser per subcommand."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="followup",
        parents=[common],
        description="A keyboard-driven terminal workbench for B2B sales follow-up. "
        "Without a subcommand, opens the full-screen app.",
    )
    parser.add_argument("--version", action="version", version=f"followup {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser(
        "demo",
        parents=[common],
        help="write a realistic demo database and open it",
        description="Write a demo database (about 30 accounts with deals, "
        "blue sheets and weeks of history), then open it.",
    )
    demo.add_argument(
        "--force",
        action="store_true",
        help="replace a database that already holds data (a backup is kept)",
    )
    demo.add_argument(
        "--no-open", action="store_true", help="write the demo but do not open the app"
    )
    demo.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day the demo's history leads up to (default: today)",
    )

    export = sub.add_parser(
        "export",
        parents=[common],
        help="export the whole database as JSON",
        description="Write the whole database as one JSON document (see docs/export-format.md).",
    )
    export.add_argument("--format", choices=["json"], default="json", help="output format (json)")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="write to FILE instead of standard output",
    )
    # `followup export out.json` is what people type first; it means -o out.json.
    export.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the same as -o FILE")

    imp = sub.add_parser(
        "import",
        parents=[common],
        help="import a JSON export into an empty database",
        description="Load a JSON export. All or nothing: any bad record "
        "writes nothing and every problem is listed with its "
        "JSON path.",
    )
    imp.add_argument(
        "file", type=Path, metavar="FILE", help="a JSON document from `followup export`"
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help="replace the data of a non-empty database (a backup is kept)",
    )
    due = sub.add_parser(
        "due",
        parents=[common],
        help="print the due queue for a day (never opens the app)",
        description="Print the due queue: overdue, today, no next step, cooling, dormant to "
        "revive and buying season ahead, with the reasons for each row. The JSON structure "
        "is documented in docs/due-json.md.",
    )
    due.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day (default: today)",
    )
    due.add_argument("--json", action="store_true", help="print JSON instead of text")

    note = sub.add_parser(
        "note",
        parents=[common],
        help="log a call with an account from the shell",
        description="Record a call with an account (a unique name, part of one, or its id): "
        "the note, an outcome that closes its open follow-up, and the next follow-up. "
        "All in one transaction.",
    )
    note.add_argument("account", metavar="ACCOUNT", help="account name, part of it, or id")
    note.add_argument(
        "text",
        metavar="TEXT",
        nargs="?",
        default="",
        help="what happened (optional with --outcome)",
    )
    note.add_argument(
        "--outcome", default=None, metavar="OUTCOME", help="reached, no_answer, voicemail, ..."
    )
    note.add_argument(
        "--next",
        default=None,
        metavar="WHEN",
        help="the next follow-up: 2026-12-01, +3d, 明天, ...",
    )
    # The day the note is recorded on, for tests: relative --next dates count from it.
    note.add_argument("--today", type=_iso_date, default=None, help=argparse.SUPPRESS)

    sheet = sub.add_parser(
        "sheet",
        parents=[common],
        help="print a deal's blue sheet (never opens the app)",
        description="Print the whole blue sheet of a deal, with the landmines it finds by "
        "itself, the verdict and its reasons, and completeness: as Markdown, or as JSON "
        "(documented in docs/sheet-json.md).",
    )
    sheet.add_argument("deal", metavar="DEAL", help="a deal id, its title, or a unique part of it")
    sheet.add_argument(
        "--format", choices=["md", "json"], default="md", help="output format (default: md)"
    )
    sheet.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day to judge overdue actions and stale evidence by (default: today)",
    )
    return parser


def _iso_date(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _settings(args: argparse.Namespace) -> Settings:
    """Load and validate configuration before any database is opened.

    A file named on the command line or in FOLLOWUP_CONFIG must exist; the
    per-user default is optional.
    """
    explicit = getattr(args, "config", None) or os.environ.get("FOLLOWUP_CONFIG")
    cache = default_cache_dir()
    if explicit:
        return load_settings(Path(explicit).expanduser(), required=True, cache_dir=cache)
    return load_settings(default_config_path(), cache_dir=cache)


def _db_path(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "db", None) or default_db_path()).expanduser()


def _open(path: Path, *, create: bool = True, settings: Settings | None = None) -> None:
    """Open the database, telling the user when a migration made a backup.

    With `settings`, stored heat replayed under other heat settings is replayed again.
    """
    from followup_tui.db.database import open_database

    def upgrading(old: int, new: int) -> None:
        print(
            f"Upgrading {path} from schema {old} to {new} (a backup is kept beside it)...",
            file=sys.stderr,
        )

    backup = open_database(path, create=create, on_migrate=upgrading)
    if backup is not None:
        print(f"Database upgraded; the previous file was kept as {backup}", file=sys.stderr)
    if settings is not None:
        from followup_tui.db.heat_cache import ensure_heat_current, heat_is_current

        if not heat_is_current(settings):
            print("Replaying every account's heat for the current settings...", file=sys.stderr)
        # Always: it also tells the data layer which settings are in use, so that a
        # write touching one account's heat (a change of class) replays that account
        # instead of marking every account's heat stale for the next start.
        ensure_heat_current(settings)


def _has_terminal() -> bool:
    """Whether there is a terminal to draw the app in."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _import_app() -> None:
    """Import Textual, the app and the data layer with the cyclic garbage collector paused.

    The import makes about 37,000 objects (modules, classes, Textual's styles, the
    Peewee models) that live as long as the process: the hundred-odd collections it
    would trigger free a few hundred objects and cost a tenth of the import or more.
    Frozen afterwards, later full collections skip them too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        import followup_tui.app
        import followup_tui.db.database
        import followup_tui.db.heat_cache  # noqa: F401
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _run_tui(settings: Settings, path: Path) -> int:
    if not _has_terminal():
        raise FollowupError(
            "followup needs a terminal to draw the app in; from scripts use the "
            "subcommands (see followup --help)"
        )
    _import_app()
    from followup_tui.app import build_app

    _open(path, settings=settings)
    app = build_app(settings=settings, db_path=path)
    app.run()
    return int(app.return_code or 0)


def _cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from followup_tui.demo import write_demo

    path = _db_path(args)
    _open(path)
    counts = write_demo(
        today=args.date or dt.date.today(), force=args.force, db_path=path, settings=settings
    )
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"Demo database written to {path}: {summary}", file=sys.stderr)
    if args.no_open:
        return 0
    if not _has_terminal():
        print(
            "No terminal here, so the app was not opened; run `followup` in one.", file=sys.stderr
        )
        return 0
    return _run_tui(settings, path)


def _cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from followup_tui.db.transfer import export_document

    if args.file is not None and args.output is not None and args.file != args.output:
        raise FollowupError(f"export writes one file: got {args.file} and -o {args.output}")
    args.output = args.output or args.file
    _open(_db_path(args), create=False)
    text = json.dumps(export_document(), ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write_private(args.output, text)
        print(f"Exported to {args.output}", file=sys.stderr)
    return 0


def _write_private(path: Path, text: str) -> None:
    """Write a file readable by its owner only: an export holds contacts' personal details."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        raise FollowupError(f"cannot write {path}: {exc.strerror or exc}") from None


def _remove_database(path: Path) -> None:
    """Close and delete a database file this command created, with its WAL companions."""
    from followup_tui.db.database import close_database

    close_database()
    for extra in ("", "-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)


def _cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from followup_tui.db.heat_cache import ensure_heat_current
    from followup_tui.db.transfer import import_loaded, read_document

    doc = read_document(args.file)  # a bad file must not leave an empty database behind
    path = _db_path(args)
    existed = path.exists()
    _open(path)
    try:
        counts = import_loaded(doc, replace=args.replace, db_path=path)
    except FollowupError:
        if not existed:
            _remove_database(path)  # rejected records must not leave an empty file either
        raise
    ensure_heat_current(settings)  # replayed now, not on the first open of the app
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"Imported {args.file}: {summary}", file=sys.stderr)
    return 0


def _cmd_due(args: argparse.Namespace, settings: Settings) -> int:
    from followup_tui.core.queue.due_text import render_queue
    from followup_tui.core.queue.queue_items import queue_to_dict
    from followup_tui.db.queue_data import due_queue

    _open(_db_path(args), create=False, settings=settings)
    today = args.date or dt.date.today()
    # Calling hours only make sense for the present moment, not for a chosen day.
    now = dt.datetime.now(dt.UTC) if args.date is None else None
    # Every row is printed, words and all: one build of every account makes them
    # twice as fast as the screen's placement from stored states and rows made page
    # by page (the same queue: tests hold the two equal).
    queue = due_queue(today, settings, now_utc=now)
    if args.json:
        sys.stdout.write(json.dumps(queue_to_dict(queue), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_queue(queue, settings))
    return 0


def _cmd_note(args: argparse.Namespace, settings: Settings) -> int:
    from followup_tui.cli.note import record_note, summary_line

    _open(_db_path(args), create=False)
    result = record_note(
        args.account,
        args.text,
        settings,
        outcome=args.outcome,
        next_when=args.next,
        today=args.today,
    )
    print(summary_line(result, settings))
    return 0


def _cmd_sheet(args: argparse.Namespace, settings: Settings) -> int:
    from followup_tui.core.sheet.sheet_text import sheet_json, sheet_markdown
    from followup_tui.db.sheets import find_deal, load_sheet

    _open(_db_path(args), create=False)
    today = args.date or dt.date.today()
    sheet = load_sheet(find_deal(args.deal))
    if args.format == "json":
        text = json.dumps(sheet_json(sheet, today, settings), ensure_ascii=False, indent=2) + "\n"
    else:
        text = sheet_markdown(sheet, today, settings)
    sys.stdout.write(text)
    return 0


COMMANDS = {
    "due": _cmd_due,
    "note": _cmd_note,
    "demo": _cmd_demo,
    "export": _cmd_export,
    "import": _cmd_import,
    "sheet": _cmd_sheet,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `followup` console script."""
    args = build_parser().parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    try:
        settings = _settings(args)
        if args.command is None:
            return _run_tui(settings, _db_path(args))
        return COMMANDS[args.command](args, settings)
    except FollowupError as exc:
        print(f"followup: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: a sentence, not a traceback
        if debug:
            traceback.print_exc()
        else:
            print(
                f"followup: unexpected error: {exc!r} (run with --debug for details)",
                file=sys.stderr,
            )
        return 1
