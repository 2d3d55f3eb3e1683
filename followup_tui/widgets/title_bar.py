"""The title line at the top of every main screen: "followup — Due queue".

Textual's `Header` draws the same line from three child widgets (an icon, the
title, a clock space), each with its own styles to resolve: about 9 ms of a
start that has none to spare (docs/benchmarks.md, issue 20). This is one
widget, drawn from the app's and the screen's titles as `Header` draws them; a
click on it opens the command palette, as a click on `Header`'s icon does.
"""

from __future__ import annotations

from textual.events import Click, Mount
from textual.visual import VisualType
from textual.widget import Widget


class TitleBar(Widget):
    """The screen's title and subtitle, centred on one line docked at the top."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def _on_mount(self, _: Mount) -> None:
        # The screen sets its subtitle on mount; the app's title can change later.
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self) -> VisualType:
        """The titles as Textual's `App.format_title` formats them for its `Header`."""
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return self.app.format_title(title, sub_title)

    async def _on_click(self, event: Click) -> None:
        event.stop()
        await self.app.run_action("app.command_palette")
