"""Asks before a form with unsaved typing is closed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class DiscardChanges(ModalScreen[bool]):
    """Dismisses True to throw the typing away, False to go back to the form."""

    CSS_PATH = "discard_changes.tcss"
    PALETTE_CATEGORY = "Form"
    BINDINGS = [
        Binding("y", "answer(True)", "Discard", id="discard.yes", tooltip="Close without saving"),
        Binding(
            "n,escape",
            "answer(False)",
            "Keep editing",
            id="discard.no",
            tooltip="Back to the form, nothing lost",
        ),
    ]

    def __init__(self, what: str = "this form") -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        """The question and its two keys."""
        with Vertical(id="discard-box"):
            yield Static(
                f"Discard your changes to {self.what}?", id="discard-question", markup=False
            )
            yield Static("y  discard     n / esc  keep editing", id="discard-keys")

    def action_answer(self, discard: bool) -> None:
        """Close the question with the answer."""
        self.dismiss(discard)
