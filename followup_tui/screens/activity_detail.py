"""One activity of the account timeline in full: the notes and both sides' promises."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class ActivityDetail(ModalScreen[None]):
    """Shows what the timeline's columns cut short; esc closes it."""

    CSS_PATH = "activity_detail.tcss"
    PALETTE_CATEGORY = "Activity"
    BINDINGS = [
        Binding(
            "escape", "close", "Close", id="activity.close", tooltip="Back to the account page"
        ),
    ]

    def __init__(self, title: str, sections: Sequence[tuple[str, str]], keys: str) -> None:
        """`sections`: (label, text) pairs, shown in order; empty text shows as '-'."""
        super().__init__()
        self.title_text = title
        self.sections = list(sections)
        self.keys = keys

    def compose(self) -> ComposeResult:
        """The activity's heading, each section under its label, and the key that closes."""
        with VerticalScroll(id="activity-box"):
            yield Static(self.title_text, id="activity-title", markup=False)
            for label, text in self.sections:
                yield Static(label, classes="activity-label", markup=False)
                yield Static(text.strip() or "-", classes="activity-text", markup=False)
            yield Static(self.keys, id="activity-keys", markup=False)

    def action_close(self) -> None:
        """Back to the account page."""
        self.dismiss(None)
