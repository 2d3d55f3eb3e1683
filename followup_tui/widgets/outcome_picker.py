"""One key picks a call's outcome: r reached, n no answer, v voicemail, x rejected, ..."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

# Outcome -> key. Letters that read as the word, so they stick after a day of calls.
OUTCOME_KEYS = {
    "reached": "r",
    "no_answer": "n",
    "voicemail": "v",
    "rejected": "x",
    "meeting_booked": "m",
    "won": "w",
    "lost": "l",
}


class OutcomePicker(Static, can_focus=True):
    """Shows the outcomes with their keys; a key press picks one and reports it.

    Once an outcome is picked the picker leaves the tab order: letters typed
    after a stray tab must land in a text field, never silently turn a
    voicemail into "won". `unlock` (the dialog's change-outcome key) brings
    it back for one more pick.
    """

    BINDINGS = [
        Binding(key, f"pick('{outcome}')", outcome.replace("_", " "), show=False)
        for outcome, key in OUTCOME_KEYS.items()
    ]

    outcome: reactive[str | None] = reactive(None)

    class Picked(Message):
        """An outcome was chosen."""

        def __init__(self, outcome: str) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(self, labels: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.labels = labels

    def render(self) -> Text:
        """Each outcome with its key, the chosen one marked."""
        out = Text()
        for outcome, key in OUTCOME_KEYS.items():
            chosen = outcome == self.outcome
            out.append(f" {key} ", style="bold reverse" if chosen else "bold")
            out.append(f" {self.labels.get(outcome, outcome)}  ", style="bold" if chosen else "")
        return out

    def action_pick(self, outcome: str) -> None:
        """Choose an outcome."""
        self.outcome = outcome
        self.can_focus = False
        self.post_message(self.Picked(outcome))

    def unlock(self) -> None:
        """Take focus again so the next outcome key changes the choice."""
        self.can_focus = True
        self.focus()
