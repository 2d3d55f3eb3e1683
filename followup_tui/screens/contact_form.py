"""Add or edit a key person: department, involvement, how to reach them, what moves them."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from followup_tui.core.accounts.account_rules import contact_values, validate_contact, zone_names
from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import LEVEL_RANGE
from followup_tui.db.accounts import CONTACT_FIELDS
from followup_tui.screens.record_form import RecordForm, vocab
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.form_fields import FieldRow, FormValue, as_text

# (column, label, kind, placeholder); kind picks the control.
FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("name", "Name", "line", ""),
    ("title", "Title", "line", ""),
    ("department", "Department", "line", ""),
    ("level", "Involvement", "level", ""),
    ("phone", "Phone", "line", "e.g. +86 138 0000 0000"),
    ("email", "Email", "line", "e.g. name@example.com"),
    ("time_zone", "Time zone", "zone", "e.g. Asia/Shanghai"),
    ("call_window_start", "Call window from", "line", "HH:MM, e.g. 09:30"),
    ("call_window_end", "Call window to", "line", "HH:MM, e.g. 17:00"),
    ("interests", "Interests", "text", ""),
    ("pains", "Pains", "text", ""),
    ("good_supplier", "A good supplier is", "text", ""),
    ("responsibility", "Responsibility", "text", ""),
    ("is_coach", "Coach", "flag", ""),
    ("notes", "Notes", "text", ""),
)
LEVEL_HINT = "1 = barely involved ... 5 = decides"


class ContactForm(RecordForm):
    """Dismisses with the person's typed values (keys of CONTACT_FIELDS), or None."""

    CSS_PATH = ["record_form.tcss", "contact_form.tcss"]
    PALETTE_CATEGORY = "Contact"
    RECORD_NAME = "this person"

    def __init__(
        self, settings: Settings, initial: dict[str, Any] | None = None, coach: str | None = None
    ) -> None:
        """`coach`: the name of the account's coach if someone else is; ticking Coach warns."""
        super().__init__(settings)
        self.initial = dict(initial or {})
        self.coach = coach

    def _control(self, field: str, kind: str, placeholder: str) -> Widget:
        """The control for one field, holding its starting value."""
        value = self.initial.get(field)
        if kind == "text":
            return TextArea(as_text(value), soft_wrap=True, compact=True, tab_behavior="focus")
        if kind == "flag":
            return Checkbox("", bool(value))
        if kind == "level":
            options = [("-", "")] + [(str(n), str(n)) for n in LEVEL_RANGE]
            start = as_text(value) if as_text(value) in {key for _l, key in options} else ""
            return Select(options, value=start, allow_blank=False, compact=True)
        # Suggest zone names as they are typed: IANA names are long and easy to misspell.
        suggester = SuggestFromList(zone_names(), case_sensitive=False) if kind == "zone" else None
        return Input(as_text(value), placeholder=placeholder, suggester=suggester, compact=True)

    def compose(self) -> ComposeResult:
        """One column of labelled fields, in the configured language."""
        name = self.initial.get("name")
        if name:
            title = vocab(self.settings, "person_edit", "Edit key person: {name}").format(name=name)
        else:
            title = vocab(self.settings, "person_new", "New key person")
        with VerticalScroll(id="form-box"):
            yield Static(title, id="form-title", markup=False)
            for field, label, kind, placeholder in FIELDS:
                hint = f"person_hint_{field}"
                shown = vocab(self.settings, hint, placeholder) if placeholder else ""
                yield FieldRow(
                    field,
                    vocab(self.settings, f"person_{field}", label),
                    self._control(field, kind, shown),
                    hint=vocab(self.settings, "person_level_hint", LEVEL_HINT)
                    if field == "level"
                    else "",
                )
                if field == "is_coach" and self.coach:
                    warning = self.settings.word("coach_taken").format(name=self.coach)
                    yield Static(warning, id="coach-warning", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """The coach warning shows while Coach is ticked (RecordForm's on_mount runs as well)."""
        self._coach_ticked()

    @on(Checkbox.Changed, "#f-is_coach")
    def _coach_ticked(self) -> None:
        """An account has one coach: say who loses the marker if this person is saved as coach."""
        if self.coach:
            ticked = self.query_one("#f-is_coach", Checkbox).value
            self.query_one("#coach-warning").display = ticked

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """The contact rules."""
        return validate_contact(raw, self.settings.language)

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """Typed values for every contact column the form shows."""
        return contact_values(raw, tuple(field for field in CONTACT_FIELDS if field in raw))
