"""`followup team`: a sales team on one PostgreSQL server (#19) - set it up, add its people,
hand accounts over, share them.

Each action is a parser function and a command function, listed once in `ACTIONS`.
Exit codes: 0 done (or nothing to change), 2 bad input (named), 1 the server refused.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from followup_tui.cli import runtime
from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.errors import FollowupError, Said

_URL = "--db postgresql://USER@HOST/DB"


def add_team_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """`followup team` and its actions."""
    team = sub.add_parser(
        "team",
        parents=[common],
        help="a team on one PostgreSQL server: set it up, add people, hand accounts over",
        description="A sales team and its manager on one PostgreSQL database: each person "
        "logs in as themselves and the database itself enforces who sees what (row-level "
        "security). Run by the database's administrator, who owns the tables. The server "
        f"is named by {_URL} (or FOLLOWUP_DB, or `database:` in the config); a password "
        "comes from ~/.pgpass or PGPASSWORD, never from the command line.",
    )
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    for add, _ in ACTIONS.values():
        add(actions, common)


def cmd_team(args: argparse.Namespace, settings: Settings) -> int:
    """Run the team action named on the command line."""
    return ACTIONS[args.team_command][1](args, settings)


def server_url(args: argparse.Namespace) -> str:
    """The team's server the command names; a file is refused (exit 2)."""
    target = runtime.db_path(args)
    if not isinstance(target, ServerUrl):
        command = f"followup team {args.team_command}"
        raise FollowupError(Said("team_needs_server", {"command": command, "path": target}))
    return target.url


# -- setup ---------------------------------------------------------------------------------
def _setup_parser(actions: Any, common: argparse.ArgumentParser) -> None:
    actions.add_parser(
        "setup",
        parents=[common],
        help="make the schema, the rep and manager groups and who sees what (run once)",
        description="Run once by the database's administrator (a role that may create "
        "roles, and owns the tables): makes followup's schema if the database has none, "
        "the group roles followup_rep and followup_manager (no login), their grants, and "
        "the row-level security policies: a rep reads and writes their own accounts and "
        "those shared with them, with everything hanging off them; a manager reads "
        "everything and writes deal reviews and year-end verdicts. A second run changes "
        "nothing and says so; run it again after upgrading followup.",
    )


def cmd_setup(args: argparse.Namespace, settings: Settings) -> int:
    """`followup team setup`."""
    from followup_tui.db.team_access import setup_team

    url = server_url(args)
    changed = setup_team(url)
    print(settings.word("team_set_up" if changed else "team_nothing_changed").format(url=url))
    return 0


# -- add -----------------------------------------------------------------------------------
def _add_parser(actions: Any, common: argparse.ArgumentParser) -> None:
    add = actions.add_parser(
        "add",
        parents=[common],
        help="give a person a login in the rep (or manager) group",
        description="Create NAME's login role in the followup_rep group, or followup_manager "
        "with --manager. No password is given here (it would sit in the shell's history): "
        "set one in psql with \\password NAME, and the person keeps it in their "
        "~/.pgpass. They then start followup with --db postgresql://NAME@HOST/DB.",
    )
    add.add_argument(
        "name",
        metavar="NAME",
        help="the login: lower-case letters, digits and _, starting with a letter or _",
    )
    add.add_argument("--manager", action="store_true", help="a manager: reads every account")


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    """`followup team add NAME [--manager]`."""
    from followup_tui.db.team_access import add_person

    url = server_url(args)
    kind = settings.word("team_kind_manager" if args.manager else "team_kind_rep")
    added = add_person(url, args.name, manager=args.manager)
    key = "team_added" if added else "team_already"
    print(settings.word(key).format(name=args.name, kind=kind))
    return 0


# -- move ----------------------------------------------------------------------------------
def _move_parser(actions: Any, common: argparse.ArgumentParser) -> None:
    move = actions.add_parser(
        "move",
        parents=[common],
        help="hand an account over to another rep, with its whole history",
        description="Make ACCOUNT the rep NAME's: its people, deals, activities, follow-ups, "
        "sheets and plans go with it. Only the administrator hands accounts over.",
    )
    move.add_argument("account", metavar="ACCOUNT", help="account name, part of it, or id")
    move.add_argument("--to", required=True, metavar="NAME", help="the rep taking it over")


def cmd_move(args: argparse.Namespace, settings: Settings) -> int:
    """`followup team move ACCOUNT --to NAME`."""
    from followup_tui.cli.note import find_account
    from followup_tui.db.server import open_server
    from followup_tui.db.team_access import move_account

    url = server_url(args)
    open_server(url, create=False)
    account_id = find_account(args.account, settings.language)
    moved = move_account(url, account_id, args.to)
    values = {"account": moved.name, "id": moved.account_id, "was": moved.was or "-"}
    if moved.was == moved.now:
        print(settings.word("team_move_same").format(now=moved.now, **values))
        return 0
    print(
        settings.word("team_moved").format(
            now=moved.now,
            activities=moved.activities,
            deals=moved.deals,
            follow_ups=moved.follow_ups,
            **values,
        )
    )
    return 0


# -- share ---------------------------------------------------------------------------------
def _share_parser(actions: Any, common: argparse.ArgumentParser) -> None:
    share = actions.add_parser(
        "share",
        parents=[common],
        help="let another rep read and work one of your accounts too",
        description="Share ACCOUNT with the rep NAME: they read it and work it (calls, "
        "deals, follow-ups) as you do; it stays yours, and only you remove it. Run by the "
        "account's rep, with their own --db, or by the administrator. --stop ends it.",
    )
    share.add_argument("account", metavar="ACCOUNT", help="account name, part of it, or id")
    share.add_argument("--with", dest="rep", required=True, metavar="NAME", help="the other rep")
    share.add_argument("--stop", action="store_true", help="stop sharing it with NAME")


def cmd_share(args: argparse.Namespace, settings: Settings) -> int:
    """`followup team share ACCOUNT --with NAME [--stop]`."""
    from followup_tui.cli.note import find_account
    from followup_tui.db.server import open_server
    from followup_tui.db.team_access import share_account

    url = server_url(args)
    open_server(url, create=False)
    account_id = find_account(args.account, settings.language)
    changed = share_account(url, account_id, args.rep, stop=args.stop)
    if args.stop:
        key = "team_unshared" if changed else "team_not_shared"
    else:
        key = "team_shared" if changed else "team_shared_already"
    print(settings.word(key).format(id=account_id, name=args.rep))
    return 0


# -- join ----------------------------------------------------------------------------------
def _join_parser(actions: Any, common: argparse.ArgumentParser) -> None:
    join = actions.add_parser(
        "join",
        parents=[common],
        help="bring a rep's own followup file into the team's server, as theirs",
        description="Run by the rep, logged in as themselves: every record of FILE (accounts, "
        "people, deals, activities and notes, follow-ups, purchases, blue sheets, reviews, "
        "plans, year-end verdicts, talking points, drafts) comes in as theirs, in one "
        "transaction: all or nothing. FILE is only read. A second run brings in only what is "
        "new since; the server remembers what it joined. Exit codes: 0 joined (or nothing "
        "new), 2 FILE is not a followup book (named), 1 the server refused.",
    )
    join.add_argument("file", type=Path, metavar="FILE", help="the rep's followup file")
    join.add_argument("--json", action="store_true", help="print the summary as JSON")


def cmd_join(args: argparse.Namespace, settings: Settings) -> int:
    """`followup team join FILE`: progress on stderr as `followup import` gives it."""
    import json
    import sys
    import tempfile

    from followup_tui.core.transfer.import_files import PROGRESS_ROWS
    from followup_tui.db.team_join import join_book, read_book

    url, w = server_url(args), settings.word
    with tempfile.TemporaryDirectory(prefix="followup-join-") as work:
        book = read_book(args.file, Path(work))
    big = book.rows >= PROGRESS_ROWS
    if big:
        print(w("team_join_reading").format(path=args.file, n=f"{book.rows:,}"), file=sys.stderr)
    try:
        runtime.open_db(ServerUrl(url), create=False)
    except FollowupError as error:
        if error.said is not None and error.said.key == "cli_server_unreachable":
            error.exit_code = 1  # the server, not what was typed
        raise
    written = [0]

    def progress(n: int) -> None:
        before, written[0] = written[0], written[0] + n
        if big and written[0] // PROGRESS_ROWS > before // PROGRESS_ROWS:
            print(w("import_written").format(n=f"{written[0]:,}"), file=sys.stderr, flush=True)

    result = join_book(book, settings, progress)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
        return 0
    summary = result.as_json()
    print(
        w("team_join_done").format(
            path=args.file, rep=result.rep, new=summary["new"], already=summary["already_joined"]
        )
    )
    if summary["left_out"]:
        print(w("team_join_left_out").format(n=summary["left_out"]))
    return 0


# Each action: (its parser, its command), in the order `followup team --help` lists them.
ACTIONS: dict[
    str,
    tuple[
        Callable[[Any, argparse.ArgumentParser], None],
        Callable[[argparse.Namespace, Settings], int],
    ],
] = {
    "setup": (_setup_parser, cmd_setup),
    "add": (_add_parser, cmd_add),
    "move": (_move_parser, cmd_move),
    "share": (_share_parser, cmd_share),
    "join": (_join_parser, cmd_join),
}
