"""The `followup` command: opens the TUI, or runs a subcommand without it.

Exit codes: 0 success, 2 bad usage / bad input / bad config, 1 unexpected error
(a short message; the traceback only with --debug). Textual is imported only
when the TUI opens, so subcommands start fast. The options are in `parser`, what
the subcommands share in `runtime`, the subcommands in `commands` and `keys`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from typing import NoReturn, TextIO, cast

from followup_tui.cli import commands, keys, runtime
from followup_tui.cli.parser import (
    build_parser,
    command_named,
    glue_day_values,
    names_a_command,
    start_parser,
)
from followup_tui.core.base.config import Settings
from followup_tui.core.base.controls import printed
from followup_tui.core.base.errors import FollowupError, english
from followup_tui.core.base.paths import default_cache_dir, default_log_dir

COMMANDS = {
    "due": commands.cmd_due,
    "note": commands.cmd_note,
    "demo": commands.cmd_demo,
    "export": lambda args, settings: _lazy("export", "cmd_export")(args, settings),
    "import": commands.cmd_import,
    "sheet": commands.cmd_sheet,
    "find": commands.cmd_find,
    "review": lambda args, settings: _lazy("review", "cmd_review")(args, settings),
    "keys": keys.cmd_keys,
    "backup": lambda args, settings: _lazy("keeping", "cmd_backup")(args, settings),
    "restore": lambda args, settings: _lazy("keeping", "cmd_restore")(args, settings),
    "check": lambda args, settings: _lazy("keeping", "cmd_check")(args, settings),
    "team": lambda args, settings: _lazy("team", "cmd_team")(args, settings),
}


def _lazy(module: str, name: str) -> Callable[[argparse.Namespace, Settings], int]:
    """A command of `cli.<module>`, imported only when it runs.

    Export (zipfile, csv, decimal), review and keeping cost every start - the app's
    and `followup --help`'s - several milliseconds for commands seldom run.
    """
    found = importlib.import_module(f"followup_tui.cli.{module}")
    return cast(Callable[[argparse.Namespace, Settings], int], getattr(found, name))


# The commands that use the keymap: its binding ids are checked before they start.
KEYMAP_COMMANDS = (None, "demo", "keys")


def run() -> NoReturn:
    """The `followup` console script: `main`, then a quick exit after a subcommand.

    Python's finalization frees every module and object one at a time: a fifth
    of a short subcommand's whole run (`followup due`), for nothing the
    operating system would not do at once. A subcommand has closed its files
    by the time it returns; the database is closed and the output flushed here.
    """
    code = main(quick_exit=True)
    sys.exit(code)


def main(argv: Sequence[str] | None = None, *, quick_exit: bool = False) -> int:
    """Run the app or one subcommand; its exit code. `quick_exit`: see `run`."""
    given = glue_day_values(sys.argv[1:] if argv is None else argv)
    parser = build_parser(command_named(given)) if names_a_command(given) else start_parser()
    args = parser.parse_args(given)
    if args.command is not None:
        _printed_safely()
    code = _dispatch(args)
    if quick_exit and args.command is not None:
        _exit_now(code)
    return code


class _Terminal:
    """A terminal stream that drops control characters from what it is given, so a name
    holding an escape sequence cannot clear or retitle the rep's terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printed(text))

    def writelines(self, lines: Iterable[str]) -> None:
        self._stream.writelines(printed(line) for line in lines)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _printed_safely() -> None:
    """A subcommand's output to a terminal goes through `_Terminal`; to a file or a
    pipe it stays byte for byte (an export, a JSON document)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream.isatty() and not isinstance(stream, _Terminal):
            setattr(sys, name, _Terminal(stream))


def _exit_now(code: int) -> NoReturn:
    if "followup_tui.db.database" in sys.modules:
        from followup_tui.db.database import close_database

        close_database()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader went away: what it wanted it has
    except OSError as exc:  # a full disk, say: the output is not whole
        print(f"followup: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        code = code or 1
    sys.stderr.flush()
    os._exit(code)


def _log_debug(command: str | None, text: str) -> None:
    """Append a traceback to the private debug log in the per-user log folder.

    Only the subcommand's name is written, never its arguments: they hold notes and
    names. The file is the user's alone (0600), like the database.
    """
    import datetime as dt

    folder = default_log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(folder / "debug.log", os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            log.write(f"--- {stamp} followup {command or '(app)'}\n{text}\n")
        print(f"followup: the traceback is also in {folder / 'debug.log'}", file=sys.stderr)
    except OSError:
        pass  # a log that cannot be written must not hide the error itself


def _storage_refusal(
    exc: Exception, args: argparse.Namespace, word: Callable[[str], str]
) -> str | None:
    """The sentence for a write the storage refused (each write is one transaction, so
    nothing was half-written); None for any other error, which stays unexpected."""
    if "followup_tui.db.database" not in sys.modules:
        return None
    from followup_tui.db.database import storage_problem

    reason = storage_problem(exc)
    if reason is None:
        return None
    path = getattr(args, "db", None) or os.environ.get("FOLLOWUP_DB") or ""
    return word("cli_storage_refused").format(path=path, reason=word(reason))


def _dispatch(args: argparse.Namespace) -> int:
    debug = bool(getattr(args, "debug", False))
    word = english  # until the configuration, and its language, is read
    try:
        settings = runtime.cli_settings(args)
        word = settings.word
        if args.command in KEYMAP_COMMANDS:
            keys.check_keymap(settings, default_cache_dir())
        if args.command is None:
            return runtime.run_tui(settings, runtime.db_path(args))
        return COMMANDS[args.command](args, settings)
    except FollowupError as exc:
        print(f"followup: {exc.worded(word)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`followup keys | head`): what it wanted it has. Nothing
        # more may reach the closed pipe, not even Python's flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the last line of defence: a sentence, not a traceback
        refused = _storage_refusal(exc, args, word)
        if refused is not None:  # a full disk, a read-only file: said, nothing half-written
            print(f"followup: {refused}", file=sys.stderr)
            return 1
        if debug:
            traceback.print_exc()
            _log_debug(args.command, traceback.format_exc())
        else:
            print("followup: " + word("cli_unexpected").format(error=repr(exc)), file=sys.stderr)
        return 1
