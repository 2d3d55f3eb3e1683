"""Textual's Footer, recomposed once per burst of binding changes instead of once per change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer as TextualFooter

if TYPE_CHECKING:
    from textual.screen import Screen


class Footer(TextualFooter):
    """The screen's key hints and the palette key, exactly as Textual's Footer shows them.

    Textual's Footer rebuilds all its keys (a recompose: tens of milliseconds
    for a dozen keys) each time it hears the bindings changed. A screen
    being shown for the first time says so three times in a row - its first
    focus, that focus's own refresh after it, and the screen's resume - and
    while the app's start-up batch is open Textual runs all three before the
    first frame is written. Here:

    - a change heard before the screen was ever resumed (`stack_updates` is
      still 0: the screen is not shown yet) is not acted on: the resume
      itself announces the bindings again;
    - nor one heard before the app's first frame, in an app that says when
      that is (`first_frame_shown`, as `FollowupApp` does): the app
      announces the bindings again when Textual tells it the first frame is
      out (its `on_ready`), so the keys come in the frame after the screen's
      content, as in any Textual app, instead of holding the first one back;
    - the recompose is the widget's own `refresh(recompose=True)`, which
      Textual runs once for any number of requests made before it.
    """

    def bindings_changed(self, screen: Screen) -> None:
        """The bindings changed: recompose when next idle (once for a burst)."""
        self._bindings_ready = True  # what Textual's Footer.compose waits for
        if not screen.app.app_focus:
            return  # as Textual's: regaining the focus refreshes the bindings
        if not screen.stack_updates:
            return  # not shown yet: its resume refreshes the bindings
        if not getattr(screen.app, "first_frame_shown", True):
            return  # the app refreshes the bindings after its first frame
        if self.is_attached and screen is self.screen:
            self.refresh(recompose=True)
