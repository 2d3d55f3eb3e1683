"""The review panel: the current review step, its gaps, and the reviewer's comment line."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static


class ReviewPanel(Vertical):
    """Shows a review step; reports the comment typed for it."""

    class Commented(Message):
        """The reviewer changed the comment on the current step."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class ReviewerNamed(Message):
        """The reviewer typed who leads the review."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    class CommentDone(Message):
        """The reviewer pressed enter in the comment line: back to the sheet."""

    def __init__(self, placeholder: str, reviewer_hint: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder
        self.reviewer_hint = reviewer_hint

    def compose(self) -> ComposeResult:
        """The step's text and the comment line."""
        with VerticalScroll(id="review-scroll", can_focus=False):
            yield Static(id="review-body")
        yield Input(placeholder=self.placeholder, id="review-comment", compact=True)
        yield Input(placeholder=self.reviewer_hint, id="review-reviewer", compact=True)

    def hints(self, placeholder: str, reviewer_hint: str) -> None:
        """The lines' placeholders again (they name keys, which a keymap may have moved)."""
        self.query_one("#review-comment", Input).placeholder = placeholder
        self.query_one("#review-reviewer", Input).placeholder = reviewer_hint

    def show(
        self, body: Text, comment: str, *, masked: bool = False, reviewer: str | None = None
    ) -> None:
        """Show a step and its comment line; `masked` (presenting) hides what was typed.

        `reviewer`: the step asks who leads the review (the first and the last), filled
        with this name.
        """
        self.query_one("#review-body", Static).update(body)
        line = self.query_one("#review-comment", Input)
        if line.value != comment:
            with line.prevent(Input.Changed):  # filling the line is not the reviewer typing
                line.value = comment
        line.display = not masked
        who = self.query_one("#review-reviewer", Input)
        who.display = reviewer is not None
        if reviewer is not None and who.value != reviewer:
            with who.prevent(Input.Changed):
                who.value = reviewer

    def focus_comment(self) -> None:
        """Put the cursor in the comment line."""
        line = self.query_one("#review-comment", Input)
        if line.display:
            line.focus()

    @on(Input.Changed, "#review-comment")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Commented(event.value))

    @on(Input.Changed, "#review-reviewer")
    def _named(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.ReviewerNamed(event.value))

    @on(Input.Submitted, "#review-reviewer")
    @on(Input.Submitted, "#review-comment")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.CommentDone())
