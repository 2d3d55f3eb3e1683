"""Asks a yes/no question before something is changed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from followup_tui.core.base.config import Settings
from followup_tui.core.base.vocabulary import shipped_words


class Confirm(ModalScreen[bool]):
    """Dismisses True to go ahead, False to leave things as they are."""

    CSS_PATH = "confirm.tcss"
    PALETTE_CATEGORY = "Confirm"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Go ahead"),
        Binding(
            "n,escape",
            "answer(False)",
            "No",
            id="confirm.no",
            tooltip="Back, nothing changed",
        ),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and its two keys."""
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(self._keys(), id="confirm-keys", markup=False)

    def _keys(self) -> str:
        """The two keys in the configured language (English on an app without settings)."""
        settings: Settings | None = getattr(self.app, "settings", None)
        if settings is None:
            return str(shipped_words("en")["confirm_keys"])
        return settings.word("confirm_keys")

    def action_answer(self, yes: bool) -> None:
        """Close the question with the answer."""
        self.dismiss(yes)
