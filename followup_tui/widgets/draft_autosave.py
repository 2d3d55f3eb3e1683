"""Autosave of a draft: one timer for every screen where a rep types something to keep.

A non-visual widget. The screen tells it `changed()` on every edit; at most
`DRAFT_DELAY_S` later it posts `DraftAutosave.Due` and the screen writes the
draft (widgets never touch the database). A burst of typing is one write, and
the first keystroke of a burst is saved within the delay however long the
burst goes on: the promise is "saved within a second of typing".
"""

from __future__ import annotations

from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

DRAFT_DELAY_S = 0.25  # well inside the promise of "saved within a second of typing"


class DraftAutosave(Widget):
    """Coalesces edits into one `Due` message a moment after the first unsaved one."""

    DEFAULT_CSS = "DraftAutosave { display: none; }"
    can_focus = False

    class Due(Message):
        """Time to write the draft: what was typed since the last write is not saved yet."""

        def __init__(self, autosave: DraftAutosave, generation: int) -> None:
            super().__init__()
            self.autosave = autosave
            self.generation = generation

        @property
        def live(self) -> bool:
            """False when the screen wrote or dropped the draft since this was posted."""
            return self.generation == self.autosave.generation

        @property
        def control(self) -> DraftAutosave:
            """The autosave, so `@on(DraftAutosave.Due, "#id")` can match it."""
            return self.autosave

    def __init__(self, delay: float = DRAFT_DELAY_S, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.delay = delay
        self._timer: Timer | None = None
        self.generation = 0  # bumped by `cancel`: a `Due` already posted is then stale

    @property
    def pending(self) -> bool:
        """Whether an edit is waiting to be written."""
        return self._timer is not None

    def changed(self) -> None:
        """An edit: a write is due within the delay (one already on its way covers it)."""
        if self._timer is None:
            self._timer = self.set_timer(self.delay, self._due)

    def cancel(self) -> None:
        """Forget the pending write: the screen writes (or drops) the draft itself now.

        Called before a save or a close, so that a write firing afterwards cannot
        bring a logged note back as an unsaved draft.
        """
        self.generation += 1
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _due(self) -> None:
        self._timer = None
        self.post_message(self.Due(self, self.generation))
