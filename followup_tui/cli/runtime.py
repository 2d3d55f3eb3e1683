"""What every `followup` subcommand shares: the settings, the database and the app.

The other cli modules call these through the module (`runtime.open_db(...)`), so
that a test or a benchmark can replace one of them in a single place.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from followup_tui.cli.entry import import_quietly as import_quietly
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.db_target import ServerUrl, database_target
from followup_tui.core.base.errors import FollowupError, Said
from followup_tui.core.base.paths import default_cache_dir, default_config_path, default_db_path


def cli_settings(args: argparse.Namespace) -> Settings:
    """Load and validate configuration before any database is opened.

    A file named on the command line or in FOLLOWUP_CONFIG must exist; the
    per-user default is optional.
    """
    explicit = getattr(args, "config", None) or os.environ.get("FOLLOWUP_CONFIG")
    cache = default_cache_dir()
    if explicit:
        settings = load_settings(Path(explicit).expanduser(), required=True, cache_dir=cache)
    else:
        settings = load_settings(default_config_path(), cache_dir=cache)
    # `db_path` reads it: the config's `database:` comes after --db and FOLLOWUP_DB.
    args.configured_db = (str(settings.data.get("database") or ""), settings.sources[-1])
    return settings


def db_path(args: argparse.Namespace) -> Path | ServerUrl:
    """The database: --db, else FOLLOWUP_DB, else `database:` in the config, else the
    per-user data directory. A URL names a team's server (one holding a password is
    refused: exit 2)."""
    given = getattr(args, "db", None)
    if given:
        return database_target(given, "--db")
    env = os.environ.get("FOLLOWUP_DB")
    if env:
        return database_target(env, "FOLLOWUP_DB")
    configured, source = getattr(args, "configured_db", ("", ""))
    if configured:
        return database_target(configured, f"{source} (database:)")
    return default_db_path()


def file_path(args: argparse.Namespace, command: str) -> Path:
    """`db_path` for a command that keeps a file (backup, restore, check): a team's
    server is refused, naming the command and pg_dump (exit 2)."""
    path = db_path(args)
    if isinstance(path, ServerUrl):
        raise FollowupError(Said("cli_file_only", {"command": f"followup {command}"}))
    return path


def existing(path: Path | ServerUrl) -> bool:
    """Whether the database was there before this command: a server's always was (it is
    never made nor removed by a command, only its tables)."""
    return isinstance(path, ServerUrl) or path.exists()


def forget_new(path: Path | ServerUrl, existed: bool) -> None:
    """Remove the file this command made for a write that was refused (a server's
    database is left: its writes were one transaction, rolled back)."""
    if isinstance(path, Path) and not existed:
        from followup_tui.cli.commands import remove_database

        remove_database(path)


def open_db(
    path: Path | ServerUrl, *, create: bool = True, settings: Settings | None = None
) -> None:
    """Open the database, telling the user when a migration made a backup.

    With `settings`, stored heat replayed under other heat settings is replayed again.
    """
    from followup_tui.db.database import open_database

    def upgrading(old: int, new: int) -> None:
        kept = "" if isinstance(path, ServerUrl) else " (a backup is kept beside it)"
        print(f"Upgrading {path} from schema {old} to {new}{kept}...", file=sys.stderr)

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


def has_terminal() -> bool:
    """Whether there is a terminal to draw the app in."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def import_app() -> None:
    """Import Textual, the app and the data layer (about 37,000 objects), quietly."""
    import_quietly("followup_tui.app", "followup_tui.db.database", "followup_tui.db.heat_cache")


def run_tui(settings: Settings, path: Path | ServerUrl) -> int:
    """Open the database and run the app in this terminal; the app's return code."""
    if not has_terminal():
        raise FollowupError(
            "followup needs a terminal to draw the app in; from scripts use the "
            "subcommands (see followup --help)"
        )
    import_app()
    from followup_tui.app import build_app

    open_db(path, settings=settings)
    app = build_app(settings=settings, db_path=path)
    app.run()
    if app.unsaved:
        # The last place a note the storage refused can still be kept: the terminal.
        print(settings.word("storage_unsaved_at_exit"), file=sys.stderr)
        for unsaved in app.unsaved:
            print(f"\n{unsaved.text}", file=sys.stderr)
        return 1
    return int(app.return_code or 0)
