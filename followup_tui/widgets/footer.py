"""Textual's Footer, recomposed once per burst of binding changes instead of once per change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer as TextualFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult
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
    - nor one heard as its screen's mode gives way to another (key 4 on the
      queue): the screen's suspend refreshes its bindings, and its footer would
      rebuild every key, out of sight, in the time of the next screen's first
      frame; its resume refreshes them again;
    - the recompose is the widget's own `refresh(recompose=True)`, which
      Textual runs once for any number of requests made before it.
    """

    def bindings_changed(self, screen: Screen) -> None:
        """The bindings changed: recompose when next idle (once for a burst)."""
        self._bindings_ready = True  # what Textual's Footer.compose waits for
        if not screen.app.app_focus:
            return  # as Textual's: regaining the focus refreshes the bindings
        if screen not in screen.app.screen_stack:
            return  # its mode left for another (its suspend says so): resuming refreshes them
        if not screen.stack_updates:
            return  # not shown yet: its resume refreshes the bindings
        if not getattr(screen.app, "first_frame_shown", True):
            return  # the app refreshes the bindings after its first frame
        if self.is_attached and screen is self.screen:
            self.refresh(recompose=True)


class SteadyFooter(Footer):
    """A Footer that keeps its keys while the keys it would show stay the same.

    A screen whose bindings change with every move of the focus or of a tab (the
    review screen: its per-tab keys are out of the footer) would otherwise rebuild
    the same keys on each: most of a tab switch. The keys are compared as
    Textual's Footer composes them: each shown binding's key as displayed, its
    words, action, group and whether it is enabled.
    """

    _composed: tuple[object, ...] | None = None

    def _keys_shown(self, screen: Screen) -> tuple[object, ...]:
        app = screen.app
        bindings = screen.active_bindings
        shown = tuple(
            (b.key, app.get_key_display(b), b.description, b.action, b.group, enabled, tip)
            for (_node, b, enabled, tip) in bindings.values()
            if b.show
        )
        palette = bindings.get(app.COMMAND_PALETTE_BINDING)
        return (shown, None if palette is None else (palette[1].key, palette[2]))

    def compose(self) -> ComposeResult:
        """Textual's keys, noting which they are."""
        if self._bindings_ready:
            self._composed = self._keys_shown(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        """Recompose only when the keys shown would change."""
        if (
            self._composed is not None
            and self.is_attached
            and screen is self.screen
            and self._keys_shown(screen) == self._composed
        ):
            self._bindings_ready = True
            return
        super().bindings_changed(screen)
