"""A write the storage refused (full disk, read-only file, missing folder, a lock held
too long) is said in a sentence and the app goes on, with what was typed kept.

Textual stops a screen's message loop, and then the app, on any exception from a
handler: `StorageGuard` catches the storage's own failures first, in every screen's
and the app's dispatch, and hands them to the app to say. Anything else still
stops the app: a bug must not be taken for a full disk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message

from followup_tui.db.database import storage_problem

__all__ = ["StorageGuard", "Unsaved", "storage_problem"]


class Unsaved:
    """A write the storage refused, held by the app to try again (`retry`), with the
    rep's text to print if the app closes first and what to say once it is written.

    A plain class: this module is loaded on every start, and a dataclass costs more.
    """

    __slots__ = ("after", "retry", "said", "screen", "text")

    def __init__(
        self,
        retry: Callable[[], object],
        text: str,
        said: str,
        after: Callable[[], object] | None = None,
        screen: object = None,
    ) -> None:
        self.retry = retry
        self.text = text
        self.said = said
        # What the form's screen does once the write lands (redraw, undo entry): only
        # while that screen is still open - the rep may have left it long since.
        self.after = after
        self.screen = screen


class StorageGuard:
    """Mixed into the app and the screens: a storage failure in a handler is said by the
    app (`storage_failed`) instead of stopping the app."""

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except Exception as error:
            if storage_problem(error) is None:
                raise
            app: Any = getattr(self, "app", self)
            app.storage_failed(error)
