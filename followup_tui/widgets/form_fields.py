"""A labelled form row with its inline error line, and reading/writing any form control."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

FormValue = str | bool


class FieldRow(Vertical):
    """One field: its label beside the control, and its error (if any) underneath."""

    DEFAULT_CSS = """
    FieldRow {
        height: auto;
        & > .field-line { height: auto; }
        & .field-label { width: 22; padding-right: 1; color: $text-muted; }
        & .field-control { width: 1fr; }
        & TextArea.field-control { height: 4; }
        & .field-hint { color: $text-muted; padding-left: 22; }
        & .field-error { display: none; color: $text-error; padding-left: 22; }
        &.-error .field-error { display: block; }
        &.-error .field-label { color: $text-error; }
    }
    """

    def __init__(self, field: str, label: str, control: Widget, hint: str = "") -> None:
        super().__init__(id=f"row-{field}")
        self.field = field
        self.label = label
        self.control = control
        self.hint = hint
        self.error = ""
        control.id = control.id or f"f-{field}"
        control.add_class("field-control")

    def compose(self) -> ComposeResult:
        """Label and control on one line; hint and error below."""
        with Horizontal(classes="field-line"):
            yield Label(self.label, classes="field-label")
            yield self.control
        if self.hint:
            yield Static(self.hint, classes="field-hint")
        yield Static("", classes="field-error", id=f"error-{self.field}", markup=False)

    def set_error(self, message: str | None) -> None:
        """Show a message under the field, or clear it."""
        self.error = message or ""
        self.query_one(".field-error", Static).update(self.error)
        self.set_class(bool(self.error), "-error")


def read_control(control: Widget) -> FormValue:
    """What a control holds: text for inputs and choices ('' for no choice), bool for a checkbox."""
    if isinstance(control, Checkbox):
        return control.value
    if isinstance(control, Input):
        return control.value
    if isinstance(control, TextArea):
        return control.text
    if isinstance(control, Select):
        return "" if control.value is Select.NULL else str(control.value)
    raise TypeError(f"not a form control: {control!r}")


def as_text(value: Any) -> str:
    """A stored value as the text a control shows ('' for None; 1250000.00 keeps its digits)."""
    return "" if value is None else str(value)
