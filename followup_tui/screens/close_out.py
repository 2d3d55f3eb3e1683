"""Closing out a contact: outcome (one key), note, commitments, and the next follow-up.

The fast path is d, an outcome key, the note, enter, enter: the proposed next
date is already filled in, so accepting it costs one keystroke.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, Select, Static

from followup_tui.core.accounts.cadence import Proposal
from followup_tui.core.base.config import Settings
from followup_tui.core.base.dates import DateParseError, parse_when
from followup_tui.core.base.kinds import UNREACHED_OUTCOMES
from followup_tui.db.drafts import delete_draft, save_draft
from followup_tui.widgets.outcome_picker import OutcomePicker

# `propose_next` words its reasons in English; a Chinese setup reads them through these
# patterns, each part of a reason ('...; moved from Saturday to Monday') on its own.
REASONS_ZH = (
    (r"the customer asked for (\S+)", "客户要求在{0}"),
    (
        r"unjudged \(as class (\w)\) cadence: every (\d+) days",
        "未分类（按{0}类）的跟进周期：每{1}天",
    ),
    (r"class (\w) cadence: every (\d+) days", "{0}类的跟进周期：每{1}天"),
    (
        r"the open deal's completion date (\S+) has passed: confirm it now",
        "在谈商机的完成日期{0}已过：现在就确认",
    ),
    (r"(\d+) days before the open deal completes on (\S+)", "在谈商机{1}完成，提前{0}天"),
    (r"moved from (\w+) to (\w+)", "从{0}改到{1}"),
    (
        r"the asked-for date (\S+) is not after today, ignored",
        "客户要求的日期{0}不晚于今天，已忽略",
    ),
    (
        r"the open follow-up on (\S+), which this contact replaces",
        "已排定的跟进（{0}），本次记录将替换它",
    ),
)
WEEKDAYS_ZH = {
    "Monday": "周一",
    "Tuesday": "周二",
    "Wednesday": "周三",
    "Thursday": "周四",
    "Friday": "周五",
    "Saturday": "周六",
    "Sunday": "周日",
}


def proposal_reason(reason: str, language: str) -> str:
    """Why this next date, in `language`; wording it does not know stays as written."""
    if language != "zh":
        return reason
    said = []
    for part in reason.split("; "):
        for pattern, template in REASONS_ZH:
            if found := re.fullmatch(pattern, part):
                said.append(template.format(*(WEEKDAYS_ZH.get(g, g) for g in found.groups())))
                break
        else:
            return reason
    return "；".join(said)


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


DRAFT_DELAY_S = 0.25  # as the quick note: saved well within a second of typing


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
        proposal: Proposal,
        purpose: str = "",
        note: str = "",
        commitments: tuple[str, str] | None = None,
        *,
        action: str | None = None,
        draft: tuple[str, int] | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.today = today
        self.title_text = title
        self.proposal = proposal
        self.purpose = purpose
        self.note = note
        self.commitments = commitments  # (asked for, minimum) from the call plan
        self.action = action  # the row's overdue best action, to tick as done or not
        self.draft = draft  # (context, account id): the note is kept there as it is typed
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Outcome keys, note, commitments both ways, next date and purpose."""
        w = self.settings.word
        labels = dict(self.settings.choices("outcomes"))
        with Vertical(id="close-box"):
            yield Static(self.title_text, id="close-title", markup=False)
            yield Label(w("outcome_key"))
            yield OutcomePicker(labels, id="close-outcome")
            yield Label(w("what_happened"))
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
                )
            with Horizontal(id="close-commitments"):
                yield Input(id="close-ours", placeholder=w("we_promised"), select_on_focus=False)
                yield Input(
                    id="close-theirs", placeholder=w("they_promised"), select_on_focus=False
                )
            if self.action is not None:
                yield Checkbox(w("action_done").format(what=self.action), True, id="close-action")
            if self.commitments is not None:
                asked, minimum = self.commitments
                yield Label(w("which_commitment"))
                yield Select(
                    [
                        (w("got_the_ask").format(ask=asked), "asked"),
                        (w("got_the_minimum").format(minimum=minimum), "minimum"),
                        (w("got_neither"), "none"),
                    ],
                    id="close-commitment",
                    prompt=w("not_said"),
                )
            reason = proposal_reason(self.proposal.reason, self.settings.language)
            yield Label(w("next_proposed").format(reason=reason))
            with Horizontal(id="close-next"):
                yield Input(
                    value=self.proposal.date.isoformat(), id="close-due", select_on_focus=True
                )
                yield Input(
                    value=self.purpose,
                    id="close-purpose",
                    placeholder=w("its_purpose"),
                    select_on_focus=False,
                )
            yield Static("", id="close-error", markup=False)
            yield Static(w("close_hint"), id="close-hint")

    def on_mount(self) -> None:
        """Start on the outcome keys."""
        self.query_one(OutcomePicker).focus()

    @on(OutcomePicker.Picked)
    def outcome_picked(self, event: OutcomePicker.Picked) -> None:
        """After the outcome, straight on to the note (or the date when the notes are in)."""
        for box in self.query("#close-action").results(Checkbox):
            # Nobody reached, nothing done; the rep can still tick it either way.
            box.value = event.outcome not in UNREACHED_OUTCOMES
        notes = self.query("#close-note")
        (notes.first() if notes else self.query_one("#close-due")).focus()

    @on(Input.Changed)
    def edited(self, event: Input.Changed) -> None:
        """An error is about what was typed before: once the rep types again, it goes."""
        self._error("")
        if self.draft is not None and event.input.id == "close-note":
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.set_timer(DRAFT_DELAY_S, self.flush_draft)

    def flush_draft(self) -> None:
        """Keep the note typed so far, as the quick note does: a crash or esc loses nothing."""
        if self.draft is not None and self.query("#close-note"):
            context, account_id = self.draft
            text = self.query_one("#close-note", Input).value
            if text.strip():
                save_draft(context, text, account_id)
            else:
                delete_draft(context)

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
        self.query_one("#close-error", Static).update(text)

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
        """Close without saving; a note typed here stays as the account's draft."""
        if self._timer is not None:
            self._timer.stop()
        typed = self.query("#close-note") and self.query_one("#close-note", Input).value.strip()
        if self.draft is not None and typed:
            self.flush_draft()
            self.notify(self.settings.word("draft_kept"))
        self.dismiss(None)
