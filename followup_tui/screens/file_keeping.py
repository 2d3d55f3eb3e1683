"""Keeping the book's file safe while the app runs: a warning when it sits where SQLite
is unsafe, today's backup a few seconds after the first frame, and the WAL copied back
into the file every few seconds - both in a thread, never inside a rep's save."""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual.app import App

from followup_tui.screens.base import Workbench

if TYPE_CHECKING:
    from followup_tui.db.file_safety import FileCheck


# Today's backup starts this long after the first frame: out of the way of a start's work.
BACKUP_AFTER_SECONDS = 5.0
CHECKPOINT_SECONDS = 10.0  # how often the WAL is copied back into the file


def keep_file_safe(app: App[Any]) -> None:
    """Warn when the file sits where SQLite is unsafe; make today's backup soon after.

    A team's server keeps itself: no file, no checkpoints, its backups are pg_dump's."""
    from followup_tui.db.file_safety import unsafe_location

    path = cast(Workbench, app).db_path
    if not isinstance(path, Path):
        return
    place = unsafe_location(path) if path.is_file() else None
    if place is not None:
        said = cast(Workbench, app).settings.word("file_unsafe_place").format(place=place)
        app.notify(said, severity="warning", timeout=20)
    app.set_timer(BACKUP_AFTER_SECONDS, partial(_start_daily_backup, app, path))
    if path.is_file():
        from followup_tui.db.database import defer_checkpoints

        defer_checkpoints()
        app.set_interval(CHECKPOINT_SECONDS, partial(_start_checkpoint, app, path))


def _start_checkpoint(app: App[Any], path: Path) -> None:
    """A checkpoint in a plain daemon thread, one at a time. Not a Textual worker: those
    are cancelled and awaited with the app's own, so whatever waits for the screen's
    reads would wait on it too, or find it cancelled."""
    from followup_tui.db.file_safety import checkpoint_file

    running = getattr(app, "_checkpointing", None)
    if running is not None and running.is_alive():
        return
    thread = threading.Thread(target=checkpoint_file, args=(path,), daemon=True)
    app._checkpointing = thread  # type: ignore[attr-defined]
    thread.start()


def _start_daily_backup(app: App[Any], path: Path) -> None:
    from followup_tui.core.keeping.backup_days import backups_kept

    bench = cast(Workbench, app)
    keep = backups_kept(bench.settings.data)
    if keep and path.is_file():
        app.run_worker(
            partial(_daily_backup, app, path, keep), thread=True, exclusive=True, group="backup"
        )


def _daily_backup(app: App[Any], path: Path, keep: int) -> None:
    """Today's backup, in a thread: a copy through SQLite's backup API, then checked."""
    from followup_tui.core.base.errors import FollowupError
    from followup_tui.db.file_safety import daily_backup

    bench = cast(Workbench, app)
    word = bench.settings.word

    def damaged(report: FileCheck) -> None:
        problem = report.problems[0].text(word)
        said = word("check_damaged").format(problem=problem)
        app.call_from_thread(app.notify, said, severity="error", timeout=30)

    try:
        daily_backup(path, bench.today(), keep, on_damage=damaged)
    except (OSError, FollowupError) as exc:
        # A full disk or a vanished folder: said once, the app goes on.
        why = exc.worded(word) if isinstance(exc, FollowupError) else exc
        said = word("backup_failed").format(why=why)
        app.call_from_thread(app.notify, said, severity="warning", timeout=15)
