"""One key picks a call's outcome: r reached, n no answer, v voicemail, x rejected, ..."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
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
GAP = 2  # cells between two outcomes on a line


class OutcomePicker(Static, can_focus=True):
    """Shows the outcomes with their keys; a key press picks one and reports it.

    Once an outcome is picked the picker leaves the tab order: letters typed
    after a stray tab must land in a text field, never silently turn a
    voicemail into "won". `unlock` (the dialog's change-outcome key) brings
    it back for one more pick.
    """

    PALETTE_CATEGORY = "Outcome"
    # Written out one by one: each has an id a keymap may name (`outcome.won: w`).
    BINDINGS = [
        Binding("r", "pick('reached')", "Reached", id="outcome.reached", show=False),
        Binding("n", "pick('no_answer')", "No answer", id="outcome.no_answer", show=False),
        Binding("v", "pick('voicemail')", "Voicemail", id="outcome.voicemail", show=False),
        Binding("x", "pick('rejected')", "Rejected", id="outcome.rejected", show=False),
        Binding(
            "m", "pick('meeting_booked')", "Meeting booked", id="outcome.meeting_booked", show=False
        ),
        Binding("w", "pick('won')", "Won", id="outcome.won", show=False),
        Binding("l", "pick('lost')", "Lost", id="outcome.lost", show=False),
    ]

    outcome: reactive[str | None] = reactive(None)

    class Picked(Message):
        """An outcome was chosen."""

        def __init__(self, outcome: str) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(
        self,
        labels: dict[str, str],
        keys: Mapping[str, str] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        """`keys`: the key shown for an outcome where a keymap moved it (default OUTCOME_KEYS)."""
        super().__init__(id=id, markup=False)
        self.labels = labels
        self.keys = {**OUTCOME_KEYS, **(keys or {})}

    def render(self) -> Text:
        """Each outcome with its key, the chosen one marked, wrapped to the width."""
        return self._lines(self.content_region.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the outcomes take at this width."""
        return len(self._lines(width).split("\n"))

    def _lines(self, width: int) -> Text:
        """The outcomes, a line broken only between two of them, never inside one.

        Left to Rich, a line would break between a key and its word ("m  Meeting" /
        "booked"), or cut a Chinese word in two.
        """
        out = Text(no_wrap=True, overflow="ellipsis")
        used = 0
        for outcome, key in self.keys.items():
            chosen = outcome == self.outcome
            item = Text.assemble(
                (f" {key} ", "bold reverse" if chosen else "bold"),
                (f" {self.labels.get(outcome, outcome)}", "bold" if chosen else ""),
            )
            if used and width and used + GAP + item.cell_len > width:
                out.append("\n")
                used = 0
            elif used:
                out.append(" " * GAP)
                used += GAP
            out.append_text(item)
            used += item.cell_len
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
