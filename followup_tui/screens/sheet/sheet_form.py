"""The small forms of the blue sheet: fields declared as specs, controls built from them.

Each form (SSO, position, influence, landmine, bullet, fit, best action) lists its
fields and says how to check and convert them; ctrl+s, inline errors and esc that
asks before discarding come from RecordForm.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static, TextArea

from followup_tui.core.base.config import Settings
from followup_tui.core.base.dates import DateParseError, parse_when
from followup_tui.core.base.kinds import POSITION_RANGE
from followup_tui.core.sheet.sheet_records import position_word
from followup_tui.screens.record_form import RecordForm, vocab
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.form_fields import FieldRow, FormValue, as_text
from followup_tui.widgets.key_select import KeySelect

Options = Sequence[tuple[str, str]]  # (label, value); value '' means none / unknown


@dataclass(frozen=True)
class FieldSpec:
    """One field of a sheet form: `kind` is line, text, choice or flag."""

    field: str
    label: str
    kind: str = "line"
    options: Options = ()
    hint: str = ""
    placeholder: str = ""


def choices(settings: Settings, section: str, *, blank: str | None = None) -> list[tuple[str, str]]:
    """Options from a config section; `blank` adds a first 'none' option with that label."""
    options = [(label, key) for key, label in settings.choices(section)]
    return [(blank, ""), *options] if blank is not None else options


def position_choices(settings: Settings) -> list[tuple[str, str]]:
    """+5 Euphoria .. -5 Panic, after a 'not set' option."""
    values = sorted(POSITION_RANGE, reverse=True)
    return [("-", "")] + [(position_word(v, settings), str(v)) for v in values]


def rating_ok(value: FormValue) -> bool:
    """Whether a typed rating is a whole number of -5..+5, or blank / '?' for unknown."""
    text = _rating_text(value)
    if not text or text == "?":
        return True
    try:
        return int(text) in POSITION_RANGE
    except ValueError:
        return False


def _rating_text(value: FormValue) -> str:
    """A typed rating with full-width signs (a Chinese input method's) made plain."""
    return str(value).strip().replace("＋", "+").replace("－", "-")


def read_rating(value: FormValue) -> int | None:
    """A typed rating (checked already by `rating_ok`), or None for unknown."""
    text = _rating_text(value)
    return None if not text or text == "?" else int(text)


def optional_int(value: FormValue) -> int | None:
    """A choice's number, or None for the blank option."""
    return int(value) if isinstance(value, str) and value.strip() else None


def date_error(
    value: FormValue, today: dt.date, *, missing: str | None = None, language: str = "en"
) -> str | None:
    """Why a typed date cannot be read, or None when it can (or is blank and optional).

    `missing` is what to say when it is blank and must not be (None: it may be blank).
    """
    text = str(value).strip()
    if not text:
        return missing
    try:
        parse_when(text, today, None if language == "en" else language)
    except DateParseError as exc:
        return str(exc)
    return None


def read_date(value: FormValue, today: dt.date) -> dt.date | None:
    """A typed date (checked already by `date_error`), or None when blank."""
    text = str(value).strip()
    return parse_when(text, today) if text else None


class SheetForm(RecordForm):
    """A modal form over FieldSpecs; subclasses give `specs`, `check` and `result`."""

    CSS_PATH = ["../record_form.tcss", "sheet_form.tcss"]
    PALETTE_CATEGORY = "Sheet form"

    def __init__(
        self,
        settings: Settings,
        title: str,
        initial: dict[str, Any] | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(settings)
        self.title_text = title
        self.initial = dict(initial or {})
        self.today = today or dt.date.today()

    def specs(self) -> list[FieldSpec]:
        """The fields, in form order."""
        raise NotImplementedError

    def w(self, key: str, english: str) -> str:
        """A label of the sheet forms: the vocabulary's sheet_<key>, English while it lacks one."""
        return vocab(self.settings, f"sheet_{key}", english)

    @property
    def date_hint(self) -> str:
        """The date forms a date field reads, as examples in the configured language."""
        return self.w("date_hint", "today, tomorrow, +3d, mon, next fri, 2026-12-01")

    def when_missing(self) -> str:
        """What a required date field says when left blank."""
        return self.w("err_when", "When? e.g. {hint}").format(hint=self.date_hint)

    def _control(self, spec: FieldSpec) -> Widget:
        """The control for one field, holding its starting value."""
        value = self.initial.get(spec.field)
        if spec.kind == "text":
            return TextArea(as_text(value), soft_wrap=True, compact=True, tab_behavior="focus")
        if spec.kind == "flag":
            box = Checkbox(self._flag_word(bool(value)), bool(value))
            box.set_class(bool(value), "-ticked")
            return box
        if spec.kind == "choice":
            start = as_text(value)
            if start not in {key for _label, key in spec.options}:
                start = spec.options[0][1]
            return KeySelect(list(spec.options), value=start, allow_blank=False, compact=True)
        return Input(as_text(value), placeholder=spec.placeholder, compact=True)

    def _flag_word(self, ticked: bool) -> str:
        """What a tick box says beside it: its state in words, so it reads at a glance."""
        return self.w("flag_on", "✓ yes") if ticked else self.w("flag_off", "no")

    @on(Checkbox.Changed)
    def _flag_changed(self, event: Checkbox.Changed) -> None:
        """The tick box's words and colour follow its state."""
        event.checkbox.label = self._flag_word(event.value)
        event.checkbox.set_class(event.value, "-ticked")

    def compose(self) -> ComposeResult:
        """A title and one column of labelled fields."""
        with VerticalScroll(id="form-box"):
            yield Static(self.title_text, id="form-title", markup=False)
            for spec in self.specs():
                yield FieldRow(spec.field, spec.label, self._control(spec), hint=spec.hint)
        yield Footer()


def text_required(raw: dict[str, FormValue], field: str, message: str) -> dict[str, str]:
    """{field: message} when a text field is blank."""
    return {} if str(raw.get(field, "")).strip() else {field: message}


def stripped(raw: dict[str, FormValue], *fields: str) -> dict[str, str]:
    """The named text fields, trimmed."""
    return {f: str(raw.get(f, "")).strip() for f in fields}
