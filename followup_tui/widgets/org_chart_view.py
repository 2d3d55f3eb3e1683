"""Draws an org chart (laid out by `core.accounts.org_chart`), or says there is none."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from followup_tui.core.accounts.org_chart import ChartLine


class OrgChart(VerticalScroll):
    """A scrollable org chart; the screen hands it the lines, it only styles them."""

    COMPONENT_CLASSES = {
        "org-chart--root",
        "org-chart--department",
        "org-chart--coach",
        "org-chart--empty",
    }
    DEFAULT_CSS = """
    OrgChart {
        height: 1fr;
        padding: 0 1;
        & > .org-chart--root { text-style: bold underline; }
        & > .org-chart--department { color: $accent; text-style: bold; }
        & > .org-chart--coach { color: $success; text-style: bold; }
        & > .org-chart--empty { color: $text-muted; text-style: italic; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[ChartLine] = []

    def compose(self) -> ComposeResult:
        """One Static holds the whole chart: it is a few dozen lines at most."""
        yield Static(id="org-chart-body")

    def show(self, lines: Sequence[ChartLine], empty: str) -> None:
        """Draw `lines`, or `empty` when there are none."""
        self.lines = list(lines)
        body = self.query_one("#org-chart-body", Static)
        if not self.lines:
            body.update(Text(empty, style=self.get_component_rich_style("org-chart--empty")))
            return
        styles = {
            "root": self.get_component_rich_style("org-chart--root"),
            "department": self.get_component_rich_style("org-chart--department"),
        }
        coach = self.get_component_rich_style("org-chart--coach")
        out = Text(no_wrap=True, overflow="ellipsis")
        for index, line in enumerate(self.lines):
            if index:
                out.append("\n")
            if line.is_coach:
                out.append(line.text, style=coach)
            else:
                out.append(line.text, style=styles.get(line.kind, ""))
        body.update(out)

    @property
    def plain(self) -> str:
        """The chart as plain text, one line per row (for tests and copying)."""
        return "\n".join(line.text.rstrip() for line in self.lines)
