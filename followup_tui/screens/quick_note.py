"""A quick note on an account, saved as a draft with every keystroke.

If the process dies mid-note, the next start offers the draft back exactly as
typed (see `contact_flow.offer_draft`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from followup_tui.core.base.draft_keys import note_context
from followup_tui.db.drafts import delete_draft, save_draft
from followup_tui.screens.base import AppModal
from followup_tui.widgets.draft_autosave import DraftAutosave


class QuickNote(AppModal[str | None]):
    """Dismisses with the note text to save, or None if closed with nothing to keep."""

    CSS_PATH = "quick_note.tcss"
    PALETTE_CATEGORY = "Note"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save", tooltip="Save the note"),
        Binding(
            "escape",
            "close",
            "Close",
            id="note.close",
            tooltip="Close; what you typed stays as a draft",
        ),
    ]

    def __init__(self, account_id: int, account_name: str, text: str = "") -> None:
        super().__init__()
        self.account_id = account_id
        self.account_name = account_name
        self.text = text

    def _word(self, key: str) -> str:
        """A word of the vocabulary in the configured language."""
        return self.fapp.settings.word(key)

    def compose(self) -> ComposeResult:
        """The account, one line of note, and the keys."""
        w = self._word
        with Vertical(id="note-box"):
            title = w("note_on").format(name=self.account_name)
            yield Static(title, id="note-title", markup=False)
            yield Input(value=self.text, id="note-text", placeholder=w("note_hint_text"))
            yield Static(w("note_keys"), id="note-hint")
        yield DraftAutosave()

    def on_mount(self) -> None:
        """Start typing at once."""
        self.query_one(Input).focus()

    @on(Input.Changed, "#note-text")
    def typed(self) -> None:
        """Save the draft shortly after each keystroke (coalescing bursts of typing)."""
        self.query_one(DraftAutosave).changed()

    @on(DraftAutosave.Due)
    def autosave_due(self, event: DraftAutosave.Due) -> None:
        """Time to keep the note typed so far."""
        if event.live:
            self.flush_draft()

    def flush_draft(self) -> None:
        """Write the text typed so far to the draft table."""
        save_draft(note_context(self.account_id), self.query_one(Input).value, self.account_id)

    @on(Input.Submitted, "#note-text")
    def action_save(self) -> None:
        """Save the note (the caller writes it; the draft goes once it is written)."""
        text = self.query_one(Input).value.strip()
        if not text:
            self.notify(self._word("note_empty"), severity="warning")
            return
        self.query_one(DraftAutosave).cancel()
        self.dismiss(text)

    def action_close(self) -> None:
        """Close, keeping a draft of anything typed."""
        self.query_one(DraftAutosave).cancel()
        value = self.query_one(Input).value
        if value.strip():
            self.flush_draft()
            self.notify(self._word("draft_kept"))
        else:
            delete_draft(note_context(self.account_id))
        self.dismiss(None)
