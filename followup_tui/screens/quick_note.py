"""A quick note on an account, saved as a draft with every keystroke.

The note is as long as the rep needs: enter starts a new line, ctrl+s saves, f4
opens it in the rep's own editor. If the process dies mid-note, the next start
offers the draft back exactly as typed (see `contact_flow.offer_draft`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from followup_tui.core.base.draft_keys import note_context
from followup_tui.core.base.editor import kept_note
from followup_tui.db.drafts import delete_draft, save_draft
from followup_tui.screens.base import AppModal
from followup_tui.screens.external_editor import edit_externally
from followup_tui.widgets.draft_autosave import DraftAutosave


class QuickNote(AppModal[str | None]):
    """Dismisses with the note text to save, or None if closed with nothing to keep."""

    CSS_PATH = "quick_note.tcss"
    PALETTE_CATEGORY = "Note"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save", tooltip="Save the note"),
        Binding(
            "f4",
            "editor",
            "Editor",
            id="note.editor",
            tooltip="Write the note in your own editor ($EDITOR); back here when it closes",
        ),
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
        """The account, the note, and the keys."""
        w = self._word
        with Vertical(id="note-box"):
            title = w("note_on").format(name=self.account_name)
            yield Static(title, id="note-title", markup=False)
            yield TextArea(
                self.text,
                id="note-text",
                soft_wrap=True,
                tab_behavior="focus",
                placeholder=w("note_hint_text"),
            )
            yield Static(w("note_keys"), id="note-hint")
        yield DraftAutosave()

    @property
    def note(self) -> TextArea:
        """The note being typed."""
        return self.query_one("#note-text", TextArea)

    def on_mount(self) -> None:
        """Start typing at once, after what is there already."""
        self.note.focus()
        self.note.move_cursor(self.note.document.end)

    @on(TextArea.Changed, "#note-text")
    def typed(self) -> None:
        """Save the draft shortly after each keystroke (coalescing bursts of typing)."""
        self.query_one(DraftAutosave).changed()

    @on(DraftAutosave.Due)
    def autosave_due(self, event: DraftAutosave.Due) -> None:
        """Time to keep the note typed so far."""
        if event.live:
            self.flush_draft()

    def flush_draft(self) -> None:
        """Write the text typed so far to the draft table, exactly as typed."""
        save_draft(note_context(self.account_id), self.note.text, self.account_id)

    def action_save(self) -> None:
        """Save the note (the caller writes it; the draft goes once it is written)."""
        text = kept_note(self.note.text)
        if not text:
            self.notify(self._word("note_empty"), severity="warning")
            return
        self.query_one(DraftAutosave).cancel()
        self.dismiss(text)

    def action_editor(self) -> None:
        """Open the note in the rep's editor; what they save there comes back here."""
        # The draft first: whatever happens in the editor, the note typed so far is kept.
        self.query_one(DraftAutosave).cancel()
        self.flush_draft()
        edited = edit_externally(self.app, self.fapp.settings, self.note.text)
        if edited is not None and edited != self.note.text:
            self.note.load_text(edited)
            self.note.move_cursor(self.note.document.end)
            self.flush_draft()
        self.note.focus()

    def action_close(self) -> None:
        """Close, keeping a draft of anything typed."""
        self.query_one(DraftAutosave).cancel()
        if self.note.text.strip():
            self.flush_draft()
            self.notify(self._word("draft_kept"))
        else:
            delete_draft(note_context(self.account_id))
        self.dismiss(None)
