"""Base screens that give every screen a typed app and its words, without importing the app.

Screens used to import `FollowupApp` to type `self.app`, while the app imports
screens: a cycle. `Workbench` is what a screen may ask of the app; `FollowupApp`
satisfies it structurally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from textual.app import App
from textual.screen import ModalScreen, Screen

from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.undo_history import UndoHistory
from followup_tui.screens.storage_guard import StorageGuard

if TYPE_CHECKING:
    from followup_tui.db.undo import Change  # Peewee: not loaded before the first frame

ResultT = TypeVar("ResultT")


class Workbench(Protocol):
    """What a screen may ask of the app: settings, the database path, the injected time."""

    settings: Settings
    db_path: Path | ServerUrl
    undo_history: UndoHistory[Change]  # the account list's and page's `u`, for the session

    def today(self) -> dt.date:
        """The injected day."""
        ...

    def now_utc(self) -> dt.datetime | None:
        """The injected present moment (None: unknown)."""
        ...

    def stamp(self) -> dt.datetime:
        """The moment a write made now is recorded at."""
        ...

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the app's first frame is out (at once if it is)."""
        ...


class WorkbenchAccess:
    """The typed app and its words, for a screen or a modal."""

    @property
    def fapp(self) -> Workbench:
        """The app, typed."""
        return cast(Workbench, self.app)  # type: ignore[attr-defined]

    def word(self, key: str) -> str:
        """A word of the vocabulary in the configured language."""
        return self.fapp.settings.word(key)


class AppScreen(StorageGuard, WorkbenchAccess, Screen[ResultT]):
    """A full screen of the app."""

    # Whether the next frame shown must be the whole screen (see `_compositor_refresh`).
    _whole_frame_owed = True

    def _compositor_refresh(self) -> None:
        """Textual's frame, the whole screen the first time one is shown.

        At start-up Textual draws frames while the app is still batching and
        throws them away (`App._display` drops them): a frame held until the
        batch ends is drawn once, when it can be shown (`release_held_frame`).
        Textual would then show only what changed since the frame it threw away:
        the title line and the queue's counts stayed blank until a later frame
        (tests/e2e/test_tmux_start.py). The first frame shown repaints everything.
        """
        app = self.app
        if self is app.screen and not app.is_inline:
            if app._batch_count:
                self._frame_held = True
                return
            if self._whole_frame_owed:
                self._whole_frame_owed = False
                self._compositor._dirty_regions.add(self._compositor.size.region)
        super()._compositor_refresh()

    _frame_held = False

    def release_held_frame(self) -> None:
        """Draw the frame held while the app was batching (see `_compositor_refresh`)."""
        if self._frame_held:
            self._frame_held = False
            self._compositor_refresh()


class AppModal(StorageGuard, WorkbenchAccess, ModalScreen[ResultT]):
    """A dialog of the app."""


def styled_as_current(screen: Screen) -> None:
    """Spare a new main screen Textual's second parse of every stylesheet.

    The first time a mode's screen is shown, Textual refreshes all CSS (every
    source parsed again) because the screen has not seen the app's latest CSS
    update. Its styles are applied as it mounts, from a stylesheet already
    current, so at start that parse only delays the first frame (about 5 ms).
    Marking the screen current uses a private attribute of Textual's: without
    it Textual parses again, nothing worse.
    """
    try:
        app: App = screen.app
    except Exception:  # built outside a running app (a test): nothing to spare
        return
    count = getattr(app, "_css_update_count", None)
    if count is not None:
        screen._css_update_count = count
