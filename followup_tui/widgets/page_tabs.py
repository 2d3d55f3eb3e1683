"""Tabs that left and right switch, whatever inside them has the focus."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TabbedContent, TabPane, Tabs


class PageTabs(TabbedContent):
    """The page's tabs: left and right switch them whatever inside has the focus."""

    BINDINGS = [
        # Priority: the tables and the org chart would take the arrows to scroll sideways.
        Binding(
            "left",
            "step(-1)",
            "Previous tab",
            id="account.previous_tab",
            tooltip="Show the previous tab",
            show=False,
            priority=True,
        ),
        Binding(
            "right",
            "step(1)",
            "Next tab",
            id="account.next_tab",
            tooltip="Show the next tab",
            show=False,
            priority=True,
        ),
    ]

    def action_step(self, step: int) -> None:
        """Show the next or previous tab, wrapping round as the tab bar does."""
        panes = [pane.id for pane in self.query(TabPane) if pane.id]
        index = panes.index(self.active) if self.active in panes else 0
        # The tab bar takes the focus from a pane going out of sight; Key people takes it back.
        self.query_one(Tabs).focus()
        self.active = panes[(index + step) % len(panes)]
