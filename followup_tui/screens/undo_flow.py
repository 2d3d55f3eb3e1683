"""`u` and `U` on the account list and the account page: one history for the session.

The data layer makes each undoable write (`db.undo`) and applies its undo and redo; the
app keeps the history (`core.base.undo_history`); this says what happened. A step that
cannot be undone cleanly (the record changed elsewhere since) is dropped after saying
why, so the steps before it stay reachable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup_tui.core.accounts.undo_words import describe, field_words
from followup_tui.screens.base import AppScreen

if TYPE_CHECKING:
    from followup_tui.db.undo import Change


def record(screen: AppScreen, change: Change | None) -> None:
    """Keep a write the rep made, so `u` can undo it (None: it changed nothing)."""
    if change is not None:
        screen.fapp.undo_history.record(change)


def what(screen: AppScreen, change: Change) -> str:
    """What the change did, in the rep's language."""
    return describe(change.action, change.names, change.fields, screen.word)


def undo_last(screen: AppScreen) -> Change | None:
    """Undo the newest change and say what was undone; the change, or None if none was."""
    from followup_tui.db.undo import UndoConflict, undo

    history = screen.fapp.undo_history
    change = history.next_undo()
    if change is None:
        screen.notify(screen.word("nothing_to_undo"), severity="warning")
        return None
    try:
        undo(change)
    except UndoConflict as conflict:
        history.drop_undo()
        _conflict(screen, "undo_conflict", change, conflict.fields)
        return None
    history.undone()
    message = screen.word("undid").format(what=what(screen, change))
    if history.undo_count:
        message += screen.word("undo_more").format(n=history.undo_count)
    screen.notify(message, timeout=6)
    return change


def redo_last(screen: AppScreen) -> Change | None:
    """Make the last undone change again and say so; the change, or None if none was."""
    from followup_tui.db.undo import UndoConflict, redo

    history = screen.fapp.undo_history
    change = history.next_redo()
    if change is None:
        screen.notify(screen.word("nothing_to_redo"), severity="warning")
        return None
    try:
        redo(change)
    except UndoConflict as conflict:
        history.drop_redo()
        _conflict(screen, "redo_conflict", change, conflict.fields)
        return None
    history.redone()
    screen.notify(screen.word("redid").format(what=what(screen, change)), timeout=6)
    return change


def _conflict(screen: AppScreen, key: str, change: Change, fields: list[str]) -> None:
    person = change.action.startswith("person_")
    said = screen.word(key).format(
        what=what(screen, change), fields=field_words(fields, screen.word, person=person)
    )
    screen.notify(said, severity="warning", timeout=10)
