"""Asks for a date in any accepted form ('tomorrow', '+3d', 'mon', '下周一', ISO)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from followup_tui.core.base.dates import DateParseError, parse_when
from followup_tui.screens.base import AppModal


@dataclass(frozen=True)
class DateAnswer:
    """The date typed, and the purpose when one was asked for."""

    day: dt.date
    purpose: str = ""


class DatePrompt(AppModal[DateAnswer | None]):
    """Dismisses with the parsed date (and purpose), or None on escape."""

    CSS_PATH = "date_prompt.tcss"
    PALETTE_CATEGORY = "Date"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="date.cancel", tooltip="Close without a date"),
    ]

    def __init__(
        self,
        title: str,
        today: dt.date,
        default: str | None = None,
        *,
        purpose: str | None = None,
        earliest: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.today = today
        self.default = default  # None: 'tomorrow' in the configured language
        self.purpose = purpose  # None: do not ask for one
        self.earliest = earliest

    def _word(self, key: str) -> str:
        """A word of the vocabulary in the configured language."""
        return self.fapp.settings.word(key)

    def compose(self) -> ComposeResult:
        """A title, one input line, an error line and the accepted forms."""
        w = self._word
        default = w("date_default") if self.default is None else self.default
        with Vertical(id="date-box"):
            yield Static(self.title_text, id="date-title", markup=False)
            yield Input(value=default, id="date-input", select_on_focus=True)
            if self.purpose is not None:
                yield Input(value=self.purpose, id="date-purpose", placeholder=w("its_purpose"))
            yield Static("", id="date-error", markup=False)
            yield Static(w("date_hint"), id="date-hint", markup=False)

    @on(Input.Changed)
    def edited(self) -> None:
        """An error is about what was typed before: once the rep types again, it goes."""
        self.query_one("#date-error", Static).update("")

    @on(Input.Submitted)
    def accept(self, event: Input.Submitted) -> None:
        """Parse the text; show what is wrong inline, or close with the date."""
        error = self.query_one("#date-error", Static)
        if event.input.id == "date-input" and self.purpose is not None:
            purpose_input = self.query_one("#date-purpose", Input)
            if not purpose_input.value.strip():
                purpose_input.focus()  # enter after the date moves on to the purpose
                return
        zh = self.fapp.settings.language == "zh"
        try:
            typed = self.query_one("#date-input", Input).value
            day = parse_when(typed, self.today, "zh" if zh else None)
        except DateParseError as exc:
            error.update(str(exc))
            return
        if self.earliest is not None and day < self.earliest:
            error.update(self._word("pick_or_later").format(day=self.earliest.isoformat()))
            return
        purpose = ""
        if self.purpose is not None:
            purpose = self.query_one("#date-purpose", Input).value.strip()
            if not purpose:
                error.update(self._word("say_step_purpose"))
                self.query_one("#date-purpose", Input).focus()
                return
        self.dismiss(DateAnswer(day, purpose))

    def action_cancel(self) -> None:
        """Close without a date."""
        self.dismiss(None)
