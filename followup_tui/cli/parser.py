"""The `followup` command line: its options and one subparser per subcommand."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from followup_tui import __version__
from followup_tui.core.base.dates import DateParseError, parse_when

# What a day option takes, for the help texts: the app's date fields' forms, and the past.
DAY_FORMS = "2026-11-22, today, yesterday, -1d, +3d, mon, 明天, 3天前, ..."
DAYS_EPILOG = (
    "Days: every --date and --next takes an ISO date or the shorthand of the app's date "
    "fields (today, tomorrow, +3d, +2w, +1m, mon, next fri, 明天, 后天, 下周一, 3天后). "
    "--date also takes past days (yesterday, -1d, -2w, 昨天, 3天前); --next none ends "
    "the open follow-up."
)


def _common() -> argparse.ArgumentParser:
    """Options accepted both before and after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        # A string: a server's URL (postgresql://USER@HOST/DB) is no path (`runtime.db_path`).
        default=argparse.SUPPRESS,
        metavar="PATH|URL",
        help="database file, or a team's server as postgresql://USER@HOST/DB (its password "
        "from ~/.pgpass or PGPASSWORD); default: $FOLLOWUP_DB, `database:` in the config, "
        "or the per-user data dir",
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


# The options `_common` defines that take a value.
_VALUED = ("--db", "--config")


def names_a_command(argv: Sequence[str]) -> bool:
    """Whether `argv` holds more than the global options: a subcommand, help, anything else.

    A plain start (`followup`, `followup --db FILE`) needs none of the subcommands'
    parsers: building them is a few milliseconds of every start (issue 20).
    """
    args = iter(argv)
    for arg in args:
        if arg in _VALUED:
            next(args, None)
        elif arg != "--debug" and not arg.startswith(tuple(f"{o}=" for o in _VALUED)):
            return True
    return False


def start_parser() -> argparse.ArgumentParser:
    """The parser of a plain start: the global options only, no subcommand (see above)."""
    parser = argparse.ArgumentParser(prog="followup", parents=[_common()])
    parser.set_defaults(command=None)
    return parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser, with one subparser per subcommand (only `only`'s, when given:
    a subcommand's run needs no other's, and building them all is 2 ms of it)."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="followup",
        parents=[common],
        description="A keyboard-driven terminal workbench for B2B sales follow-up. "
        "Without a subcommand, opens the full-screen app.",
        epilog=DAYS_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"followup {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in SUBCOMMANDS.items():
        if only is None or name == only:
            add(sub, common)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` runs, when only its parser is needed: None for anything
    else (a plain start, help or the version asked before it, an unknown word)."""
    args = iter(argv)
    for arg in args:
        if arg in _VALUED:
            next(args, None)
        elif arg in ("-h", "--help", "--version") or not arg.startswith("-"):
            return arg if arg in SUBCOMMANDS else None
    return None


def _demo_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup demo`'s options."""
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
        type=day_arg,
        default=None,
        metavar="DAY",
        help=f"the day the demo's history leads up to (default: today): {DAY_FORMS}",
    )


def _export_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup export`'s options."""
    export = sub.add_parser(
        "export",
        parents=[common],
        help="export the database: JSON, spreadsheets, calendar, contacts, a dossier",
        description="Write the database out. json: the whole database as one document "
        "(docs/export-format.md); csv: one file per table, in a folder or one .zip "
        "(-o FOLDER or -o FILE.zip; --table NAME prints one table); xlsx: the same tables "
        "as one workbook; ics: open follow-ups and best actions as calendar entries; "
        "vcf: key people as contact cards; md ACCOUNT: one account's dossier. "
        "Text a spreadsheet could run as a formula is written with a leading apostrophe.",
    )
    export.add_argument(
        "--format",
        choices=["json", "csv", "xlsx", "ics", "vcf", "md"],
        default="json",
        help="output format (default json)",
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="write to FILE (a folder or a .zip for csv) instead of standard output",
    )
    export.add_argument(
        "--table",
        default=None,
        metavar="NAME",
        help="with --format csv: only this table (accounts, contacts, deals, activities, "
        "follow_ups, ...), to standard output unless -o",
    )
    # `followup export out.json` is what people type first; it means -o out.json.
    # With --format md the word names the account instead.
    export.add_argument(
        "file",
        nargs="?",
        metavar="FILE|ACCOUNT",
        help="the same as -o FILE; with --format md, the account (name, part of it, or id)",
    )
    export.add_argument(
        "--date",
        type=day_arg,
        default=None,
        metavar="DAY",
        help=f"the day whose heat each account's `heat` gives (default: today): {DAY_FORMS}",
    )


def import_options(imp: Any) -> None:
    """The options of CRM imports, added to `followup import`'s parser."""
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="list what would be created, updated and skipped; write nothing",
    )
    imp.add_argument(
        "--on-duplicate",
        choices=("merge", "skip"),
        default="merge",
        help="a record already in the database (same id in the source, email, domain, or "
        "name and account): merge the file's values into it (default) or leave it as it is",
    )
    imp.add_argument(
        "--skip-bad",
        action="store_true",
        help="import the good rows and write the bad ones, with the reason on each, to a "
        "side file (default: any bad row stops the import, nothing written)",
    )
    imp.add_argument(
        "--bad-rows", type=Path, metavar="PATH", help="the side file (default: FILE.bad.csv)"
    )
    imp.add_argument(
        "--map",
        type=Path,
        metavar="MAP",
        help="a YAML of column: field for a generic spreadsheet (remembered for files with "
        "the same headers); fields: account.name, account.owner, account.address, "
        "account.phone, account.email, account.website, account.industry, account.notes, "
        "person.name, person.first_name, person.last_name, person.title, person.email, "
        "person.phone, deal.title, deal.stage, deal.amount, deal.close_date, role.role, "
        "*.ext (an id), notes, ignore",
    )
    imp.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        default=None,
        help="day-first or month-first dates, when the file's own dates do not tell "
        "(default: month first for Salesforce and HubSpot, day first otherwise)",
    )
    imp.add_argument(
        "--decimal-comma",
        action="store_true",
        help="amounts use a decimal comma when the file's own numbers do not tell",
    )


def _import_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup import`'s options."""
    imp = sub.add_parser(
        "import",
        parents=[common],
        help="import a JSON export, our CSV export, or CRM files (CSV, XLSX, vCard)",
        description="Load a JSON export (into an empty database, or with --replace), "
        "a folder or zip of our CSV export, or files from another CRM: Salesforce "
        "reports and Data Loader files, HubSpot and Pipedrive exports, any spreadsheet "
        "with --map, vCard contacts. The kind is told from the content. All or nothing: "
        "any bad record writes nothing and every problem is named (file, line, column; "
        "or JSON path); exit status 2. CRM files are matched against the database, so "
        "importing one again creates nothing twice.",
    )
    imp.add_argument(
        "file",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="a JSON export, a CSV export folder or zip, or CSV/XLSX/vCard files "
        "of one source (Data Loader files: accounts before contacts and opportunities)",
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help="replace the data of a non-empty database (a backup is kept)",
    )
    imp.add_argument(
        "--date",
        type=day_arg,
        default=None,
        metavar="DAY",
        help=f"the import day, on which each account has the document's heat "
        f"(default: today): {DAY_FORMS}",
    )
    import_options(imp)


def _due_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup due`'s options."""
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
        type=day_arg,
        default=None,
        metavar="DAY",
        help=f"the day (default: today): {DAY_FORMS}",
    )
    due.add_argument("--json", action="store_true", help="print JSON instead of text")
    due.add_argument(
        "--pretty",
        action="store_true",
        help="print the JSON indented, for people to read (implies --json; compact otherwise)",
    )
    rows = due.add_mutually_exclusive_group()
    rows.add_argument(
        "--limit",
        type=row_count,
        default=None,
        metavar="N",
        help="rows printed per section; each section's count is always given (default: "
        "as many as keep the text about a screenful in a terminal, 1 to 5; 5 in a pipe "
        "and in JSON; 0 for the counts alone)",
    )
    rows.add_argument(
        "--all",
        action="store_true",
        help="print every row of every section (rows are written as they are made, "
        "so a large book streams)",
    )


def _note_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup note`'s options."""
    note = sub.add_parser(
        "note",
        parents=[common],
        help="log a call with an account from the shell",
        description="Record a call with an account (a unique name, part of one, or its id): "
        "the note, an outcome that closes its open follow-up, and the next follow-up. "
        "All in one transaction. Without --next, a follow-up already set after the "
        "contact's day is kept (the output says so); one due that day or earlier is the "
        "one an --outcome carries out. --next none ends the open follow-up.",
        epilog=DAYS_EPILOG,
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
        help="the next follow-up: 2026-12-01, tomorrow, +3d, mon, 明天, 下周一, ...; "
        "`none` ends the open one (default: keep one set after the contact's day)",
    )
    note.add_argument(
        "--date",
        dest="today",
        type=day_arg,
        default=None,
        metavar="DAY",
        help=f"the day of the contact; a relative --next counts from it "
        f"(default: today): {DAY_FORMS}",
    )
    # The same, as the tests have always pinned it.
    note.add_argument("--today", type=iso_date, default=None, help=argparse.SUPPRESS)


def _sheet_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup sheet`'s options."""
    sheet = sub.add_parser(
        "sheet",
        parents=[common],
        help="print a deal's blue sheet (never opens the app)",
        description="Print the whole blue sheet of a deal, with the landmines it finds by "
        "itself, the verdict and its reasons, and completeness: as Markdown, or as JSON "
        "(documented in docs/sheet-json.md).",
    )
    sheet.add_argument(
        "deal",
        metavar="DEAL",
        help="a deal id, its title or a unique part of it, or its account's name (pinyin too)",
    )
    sheet.add_argument(
        "--format", choices=["md", "json"], default="md", help="output format (default: md)"
    )
    sheet.add_argument(
        "--date",
        type=day_arg,
        default=None,
        metavar="DAY",
        help="the day to judge overdue actions and stale evidence by (default: today): "
        + DAY_FORMS,
    )
    sheet.add_argument(
        "--present",
        action="store_true",
        help="a copy for a shared screen: mask ratings, modes, personal wins, the coach, "
        "the position, the verdict, comments, who does each best action and the landmines "
        "and bullets about a person (Markdown only)",
    )
    sheet.add_argument(
        "--limit",
        type=positive_count,
        default=None,
        metavar="N",
        help="when DEAL names several deals, list at most N of them (default: every one)",
    )


def _find_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup find`'s options."""
    find = sub.add_parser(
        "find",
        parents=[common],
        help="find text anywhere: names, key people, notes, best actions, landmines, bullets",
        description="Find every place that holds the words (all of them, in any case): "
        "account names and key people (pinyin too: pandong finds 潘东), the account's "
        "notes, every call note and quick note, and the blue sheets' best actions, "
        "landmines and bullets. Each hit names the account, where the words are and the "
        "text around them. No match prints a line saying so and exits 0. The JSON "
        "structure is documented in docs/find-json.md.",
    )
    find.add_argument("text", metavar="TEXT", nargs="+", help="the words to find")
    find.add_argument("--json", action="store_true", help="print JSON instead of text")
    find.add_argument(
        "--limit",
        type=positive_count,
        default=20,
        metavar="N",
        help="hits printed at most (default: 20)",
    )


def _review_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup review`'s options."""
    # Imported here: cli.review imports this module's day_arg.
    from followup_tui.cli.review import add_review_parser

    add_review_parser(sub, common)


def _keys_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup keys`'s options."""
    keys = sub.add_parser(
        "keys",
        parents=[common],
        help="list every key binding id, its key and what it does",
        description="List every key binding of the app by id: its default key, your key "
        "when the `keymap:` section of your config remaps it, and what it does. The ids "
        "are what `keymap:` takes.",
    )
    keys.add_argument("--json", action="store_true", help="print JSON instead of text")


def _keeping_parsers(name: str) -> Callable[[Any, argparse.ArgumentParser], None]:
    """`backup`, `restore` or `check`'s options (cli.keeping adds all three)."""

    def add(sub: Any, common: argparse.ArgumentParser) -> None:
        from followup_tui.cli.keeping import add_keeping_parser

        add_keeping_parser(name, sub, common)

    return add


def _team_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup team` and its actions (cli.team)."""
    from followup_tui.cli.team import add_team_parser

    add_team_parser(sub, common)


# Each subcommand's options, in the order `followup --help` lists them.
SUBCOMMANDS: dict[str, Callable[[Any, argparse.ArgumentParser], None]] = {
    "demo": _demo_parser,
    "export": _export_parser,
    "import": _import_parser,
    "due": _due_parser,
    "note": _note_parser,
    "sheet": _sheet_parser,
    "find": _find_parser,
    "review": _review_parser,
    "keys": _keys_parser,
    "backup": _keeping_parsers("backup"),
    "restore": _keeping_parsers("restore"),
    "check": _keeping_parsers("check"),
    "team": _team_parser,
}


# A day counted back (`-1d`, `- 2w`): argparse would take it for an option.
_BACK = re.compile(r"-\s*\d")
DAY_OPTIONS = ("--date", "--next", "--today")


def glue_day_values(argv: Sequence[str]) -> list[str]:
    """The arguments with `--date -1d` written `--date=-1d`, as argparse needs it."""
    out: list[str] = []
    for arg in argv:
        if out and out[-1] in DAY_OPTIONS and _BACK.match(arg):
            out[-1] = f"{out[-1]}={arg}"
        else:
            out.append(arg)
    return out


MOST_ROWS = 10**12


def _count(text: str, least: int) -> int:
    """A whole number, `least` or more; the message names the least the option takes."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"must be {least} or more: {text!r}")
    # More rows than any book holds mean all of them; SQLite's integers stop at 2**63
    # (a larger LIMIT was an unexpected error, exit 1).
    return min(value, MOST_ROWS)


def row_count(text: str) -> int:
    """A count of rows: a whole number, 0 or more."""
    return _count(text, 0)


def positive_count(text: str) -> int:
    """A count of at least one: a whole number, 1 or more (-1 said '0 or more' before)."""
    return _count(text, 1)


def iso_date(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD."""
    try:
        return in_range(dt.date.fromisoformat(text), text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def day_arg(text: str) -> dt.date:
    """argparse type for a day: what the app's date fields take, past days too.

    Relative forms count from the clock's today: the command line is where the
    day comes in (argparse names the option in its message).
    """
    try:
        day = parse_when(text, dt.date.today(), past=True)
    except DateParseError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
    except OverflowError:  # "+9000y" from today
        raise argparse.ArgumentTypeError(f"{text!r} is out of range") from None
    return in_range(day, text)


# Days a command works with: a year either side of any of them (trends, seasons,
# "a year ago") must still be a date Python can write.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(9998, 12, 31)


def in_range(day: dt.date, text: str) -> dt.date:
    """The day, if within FIRST_DAY..LAST_DAY; else the argparse error naming it."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            f"{text!r} is out of range ({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})"
        )
    return day
