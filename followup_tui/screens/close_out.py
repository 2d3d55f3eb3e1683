"""Closing out a contact: outcome (one key), note, commitments, and the next follow-up.

The fast path is d, an outcome key, the note, enter, enter: the proposed next
date is already filled in, so accepting it costs one keystroke.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.scalar import Scalar
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Select, Static

from followup_tui.core.accounts.cadence import Proposal
from followup_tui.core.accounts.proposal_words import proposal_reason
from followup_tui.core.base.config import Settings
from followup_tui.core.base.dates import DateParseError, parse_when
from followup_tui.core.base.draft_keys import close_out_context, note_context
from followup_tui.core.base.keymap import key_character
from followup_tui.core.base.kinds import UNREACHED_OUTCOMES
from followup_tui.core.call.close_out_draft import CloseOutDraft
from followup_tui.db.drafts import delete_draft, save_draft
from followup_tui.screens.key_words import localize_bindings
from followup_tui.widgets.draft_autosave import DraftAutosave
from followup_tui.widgets.outcome_picker import OUTCOME_KEYS, OutcomePicker
from followup_tui.widgets.wrapped_checkbox import WrappedCheckbox

NOTES_MAX_HEIGHT = 8  # the call's notes shown in the dialog; taller, they scroll


@dataclass(frozen=True)
class CloseOutResult:
    """What the rep entered when closing out a contact."""

    outcome: str
    note: str
    our_commitments: str
    their_commitments: str
    next_due: dt.date
    next_purpose: str
    commitment: str | None = None  # "asked", "minimum" or "none" when the call had a plan
    action_done: bool = False  # the row's best action was carried out (ticked in the dialog)


class CloseOut(ModalScreen[CloseOutResult | None]):
    """Dismisses with what happened and the next step, or None on escape."""

    CSS_PATH = "close_out.tcss"
    PALETTE_CATEGORY = "Close out"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="close_out.save", tooltip="Save the contact"),
        Binding(
            "ctrl+o",
            "change_outcome",
            "Outcome",
            id="close_out.outcome",
            tooltip="Change the outcome: the next outcome key picks it",
        ),
        Binding("escape", "cancel", "Cancel", id="close_out.cancel", tooltip="Close, save nothing"),
    ]

    def __init__(
        self,
        settings: Settings,
        today: dt.date,
        title: str,
        propose: Callable[[str | None], Proposal],
        purpose: str = "",
        note: str = "",
        commitments: tuple[str, str] | None = None,
        *,
        action: str | None = None,
        draft: tuple[int, CloseOutDraft] | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.today = today
        self.title_text = title
        # The next date for an outcome (None: none picked yet): a call that reached
        # nobody proposes a retry, so the date follows the outcome key.
        self.propose = propose
        self.proposal = propose(draft[1].outcome if draft is not None else None)
        self.purpose = purpose
        self.note = note
        self.commitments = commitments  # (asked for, minimum) from the call plan
        self.action = action  # the row's overdue best action, to tick as done or not
        # (account id, state): the dialog's state is kept as the account's close-out
        # draft as it is filled in, and comes back filled in (outcome, date...) from it.
        self.draft = draft

    def compose(self) -> ComposeResult:
        """Outcome keys, note, commitments both ways, next date and purpose."""
        w = self.settings.word
        labels = dict(self.settings.choices("outcomes"))
        kept = self.draft[1] if self.draft is not None else CloseOutDraft("")
        with Vertical(id="close-box"):
            yield Static(self.title_text, id="close-title", markup=False)
            yield Static(w("outcome_key"), id="close-outcome-label", classes="close-label")
            yield OutcomePicker(labels, self._outcome_keys(), id="close-outcome")
            yield Static(w("what_happened"), classes="close-label")
            if "\n" in self.note:
                # Notes typed during a call keep their lines; they were written already.
                yield Static(self.note, id="close-note-view", markup=False)
            else:
                # Typing into a field must add to it: a select-on-focus would let the
                # first key after a tab wipe the note.
                yield Input(
                    value=self.note,
                    id="close-note",
                    placeholder=w("note_in_a_line"),
                    select_on_focus=False,
                    compact=True,
                )
            with Horizontal(id="close-commitments"):
                yield Input(
                    kept.our_commitments,
                    id="close-ours",
                    placeholder=w("we_promised"),
                    select_on_focus=False,
                    compact=True,
                )
                yield Input(
                    kept.their_commitments,
                    id="close-theirs",
                    placeholder=w("they_promised"),
                    select_on_focus=False,
                    compact=True,
                )
            if self.action is not None:
                done = w("action_done").format(what=self.action)
                # Unticked: closing a deal's best action is the rep's deliberate choice, never
                # the side effect of an outcome key and two enters (QA: r, enter, enter did it).
                yield WrappedCheckbox(done, False, id="close-action", compact=True)
            if self.commitments is not None:
                asked, minimum = self.commitments
                yield Static(w("which_commitment"), classes="close-label")
                yield Select(
                    [
                        (w("got_the_ask").format(ask=asked), "asked"),
                        (w("got_the_minimum").format(minimum=minimum), "minimum"),
                        (w("got_neither"), "none"),
                    ],
                    id="close-commitment",
                    prompt=w("not_said"),
                    compact=True,
                )
            yield Static(self._proposed(), id="close-reason", classes="close-label", markup=False)
            with Horizontal(id="close-next"):
                yield Input(
                    value=kept.next_due or self.proposal.date.isoformat(),
                    id="close-due",
                    select_on_focus=True,
                    compact=True,
                )
                yield Input(
                    value=kept.next_purpose or self.purpose,
                    id="close-purpose",
                    placeholder=w("its_purpose"),
                    select_on_focus=False,
                    compact=True,
                )
            yield Static("", id="close-error", markup=False)
            yield Static(w("close_hint"), id="close-hint")
        if self.draft is not None:
            yield DraftAutosave()

    def _outcome_keys(self) -> dict[str, str]:
        """The outcome keys a `keymap:` moved, as the picker shows them (first key of each)."""
        moved = {}
        for outcome in OUTCOME_KEYS:
            keys = self.settings.keymap.get(f"outcome.{outcome}")
            if keys:
                first = keys.split(",")[0]
                moved[outcome] = key_character(first) or first
        return moved

    def on_resize(self, event: events.Resize) -> None:
        """A new height: the notes of the call get the room the fields leave."""
        self.call_after_refresh(self._fit_notes)

    def _fit_notes(self) -> None:
        """The call's notes (shown, not edited) as tall as the room left, scrolling beyond.

        Every field stays in view at 80x24: the notes give way, not the date.
        """
        views = self.query("#close-note-view")
        if not views:
            return
        view, box = views.first(), self.query_one("#close-box")
        # What the box holds beyond (or short of) the screen, margins included.
        spare = self.size.height - box.styles.gutter.height - box.virtual_size.height
        height = max(1, min(NOTES_MAX_HEIGHT, view.outer_size.height + spare))
        if view.styles.max_height != Scalar.from_number(height):
            view.styles.max_height = height
        # Cut, the notes say so: they are all saved with the call all the same.
        lines = self.note.split("\n")
        if len(lines) > height:
            more = self.settings.word("notes_more").format(n=len(lines) - height + 1)
            cast(Static, view).update("\n".join([*lines[: height - 1], more]))
        else:
            cast(Static, view).update(self.note)

    def on_mount(self) -> None:
        """Start on the outcome keys (on the note when brought back with its outcome)."""
        picker = self.query_one(OutcomePicker)
        # The app gives a screen's keys their words as it is pushed; the help, the palette
        # and a keymap read the picker's own keys from the picker.
        localize_bindings(picker, self.settings)
        if self.draft is not None and self.draft[1].outcome is not None:
            picker.action_pick(self.draft[1].outcome)
        else:
            picker.focus()

    def _proposed(self) -> str:
        """'Next follow-up - proposed: <why>' for the proposal in force."""
        reason = proposal_reason(self.proposal.reason, self.settings.language)
        return self.settings.word("next_proposed").format(reason=reason)

    @on(OutcomePicker.Picked)
    def outcome_picked(self, event: OutcomePicker.Picked) -> None:
        """After the outcome, straight on to the note (or the date when the notes are in)."""
        if event.outcome in UNREACHED_OUTCOMES:
            # Nobody reached, nothing done: a tick given before the outcome goes. An outcome
            # never ticks it; the rep can still tick it either way.
            for box in self.query("#close-action").results(Checkbox):
                box.value = False
        proposal = self.propose(event.outcome)
        if proposal != self.proposal:
            due = self.query_one("#close-due", Input)
            # A date the rep typed stays theirs; the one proposed follows the outcome.
            if due.value.strip() == self.proposal.date.isoformat():
                due.value = proposal.date.isoformat()
            self.proposal = proposal
            self.query_one("#close-reason", Static).update(self._proposed())
            self.call_after_refresh(self._fit_notes)  # the reason may take another line
        notes = self.query("#close-note")
        (notes.first() if notes else self.query_one("#close-due")).focus()

    @on(Input.Changed)
    def edited(self) -> None:
        """An error is about what was typed before: once the rep types again, it goes."""
        self._error("")
        self._changed()

    @on(OutcomePicker.Picked)
    def _changed(self) -> None:
        """Whatever the rep enters is kept as a draft within a moment."""
        for autosave in self.query(DraftAutosave).results(DraftAutosave):
            autosave.changed()

    @on(DraftAutosave.Due)
    def autosave_due(self, event: DraftAutosave.Due) -> None:
        """Time to keep what the dialog holds."""
        if event.live:
            self.flush_draft()

    def state(self) -> CloseOutDraft | None:
        """What the dialog holds now, as its draft (None: it keeps no draft)."""
        if self.draft is None:
            return None
        value = lambda wid: self.query_one(wid, Input).value  # noqa: E731
        return replace(
            self.draft[1],
            note=self._note(),
            outcome=self.query_one(OutcomePicker).outcome,
            next_due=value("#close-due"),
            next_purpose=value("#close-purpose"),
            our_commitments=value("#close-ours"),
            their_commitments=value("#close-theirs"),
        )

    def _note(self) -> str:
        notes = self.query("#close-note")
        return notes.first(Input).value if notes else self.note

    def flush_draft(self) -> None:
        """Keep the close-out as filled in so far: a crash brings it back as it was."""
        state = self.state()
        if self.draft is None or state is None:
            return
        account_id = self.draft[0]
        if state.worth_keeping:
            save_draft(close_out_context(account_id), state.to_text(), account_id)
        else:
            delete_draft(close_out_context(account_id))

    @on(Input.Submitted, "#close-note")
    def note_done(self) -> None:
        """Enter after the note jumps past the optional fields to the next date."""
        self.query_one("#close-due", Input).focus()

    @on(Input.Submitted, "#close-ours, #close-theirs, #close-due, #close-purpose")
    def submitted(self) -> None:
        """Enter on the date (or later) saves."""
        self.action_save()

    @property
    def _hint(self) -> str | None:
        """Date errors in Chinese for a Chinese setup; otherwise in the language typed."""
        return "zh" if self.settings.language == "zh" else None

    def _error(self, text: str) -> None:
        error = self.query_one("#close-error", Static)
        error.update(text)
        error.display = bool(text)
        self.call_after_refresh(self._fit_notes)  # an error line leaves the notes one less

    def action_save(self) -> None:
        """Check and close with the result."""
        outcome = self.query_one(OutcomePicker).outcome
        if outcome is None:
            self._error(self.settings.word("pick_outcome"))
            self.query_one(OutcomePicker).unlock()
            return
        try:
            due = parse_when(self.query_one("#close-due", Input).value, self.today, self._hint)
        except DateParseError as exc:
            self._error(str(exc))
            self.query_one("#close-due", Input).focus()
            return
        if due < self.today:
            self._error(self.settings.word("not_in_past"))
            return
        value = lambda wid: self.query_one(wid, Input).value.strip()  # noqa: E731
        if not value("#close-purpose"):
            self._error(self.settings.word("say_purpose"))
            self.query_one("#close-purpose", Input).focus()
            return
        for autosave in self.query(DraftAutosave).results(DraftAutosave):
            autosave.cancel()  # the caller logs it and forgets the drafts
        self.dismiss(
            CloseOutResult(
                outcome=outcome,
                note=value("#close-note") if self.query("#close-note") else self.note.strip(),
                our_commitments=value("#close-ours"),
                their_commitments=value("#close-theirs"),
                next_due=due,
                next_purpose=value("#close-purpose"),
                commitment=self._commitment(),
                action_done=any(box.value for box in self.query("#close-action").results(Checkbox)),
            )
        )

    def _commitment(self) -> str | None:
        if self.commitments is None:
            return None
        chosen = self.query_one("#close-commitment", Select).value
        return chosen if isinstance(chosen, str) else None

    def action_change_outcome(self) -> None:
        """Let the next outcome key change the outcome already picked."""
        self.query_one(OutcomePicker).unlock()

    def action_cancel(self) -> None:
        """Close without saving; a note typed here stays as the account's (plain) note draft.

        Only a crash leaves the whole close-out behind: closed on purpose, the
        outcome and date are let go, and the note waits for `n` or the next `d`.
        """
        if self.draft is not None:
            for autosave in self.query(DraftAutosave).results(DraftAutosave):
                autosave.cancel()
            account_id = self.draft[0]
            delete_draft(close_out_context(account_id))
            if self.query("#close-note"):
                typed = self._note()
                if typed.strip():
                    save_draft(note_context(account_id), typed, account_id)
                    self.notify(self.settings.word("draft_kept"))
                else:
                    delete_draft(note_context(account_id))
        self.dismiss(None)
