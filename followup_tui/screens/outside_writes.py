"""A screen that shows what another process wrote (a `followup note` in another shell, a
second window) within a few seconds, without F5, as the due queue does.

One pragma read (`db.database.outside_writes`) every few seconds while the screen is
the one shown, and on coming back to it; this window's own writes are read back by
the screen where they are made.
"""

from __future__ import annotations

from typing import Any

from followup_tui.db.database import outside_writes

WATCH_SECONDS = 5.0  # how often a shown screen looks for other processes' writes


class FollowsOutsideWrites:
    """Mixed into a screen: `follow_outside_writes()` once mounted; `read_again()` is
    called when another connection committed since the screen last read the book."""

    _outside_seen = 0
    _watching = False  # until `follow_outside_writes`, nothing is shown to catch up on

    def follow_outside_writes(self) -> None:
        """Start watching: what is shown now counts as read."""
        screen: Any = self
        self._outside_seen = outside_writes()
        self._watching = True
        screen.set_interval(WATCH_SECONDS, self.catch_up_outside)

    def on_screen_resume(self) -> None:
        """Back from another screen: catch up on what other processes wrote meanwhile."""
        self.catch_up_outside()

    def catch_up_outside(self) -> None:
        """Read the book again if another connection wrote, while this screen is shown."""
        screen: Any = self
        if not self._watching or screen.app.screen is not screen or not self.may_read_again():
            return
        now = outside_writes()
        if now != self._outside_seen:
            self._outside_seen = now
            self.read_again()

    def may_read_again(self) -> bool:
        """Whether a read may start now (not while one is under way)."""
        return True

    def read_again(self) -> None:
        """Read what the screen shows again, keeping the rep's place."""
        raise NotImplementedError
