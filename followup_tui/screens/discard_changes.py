"""Asks before a form with unsaved typing is closed."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from followup_tui.core.base.config import Settings
from followup_tui.core.base.vocabulary import shipped_words


def record_words(settings: Settings, what: str) -> str:
    """A form's record name ('this account') in the configured language.

    Forms name their record in English (RECORD_NAME); the vocabulary holds each name under
    `discard_what_<name>`, so a name it lacks still shows, in English.
    """
    key = "discard_what_" + what.lower().replace(" ", "_")
    word = settings.word(key)
    return what if word == key else word


class DiscardChanges(ModalScreen[bool]):
    """Dismisses True to throw the typing away, False to go back to the form."""

    CSS_PATH = "discard_changes.tcss"
    PALETTE_CATEGORY = "Form"
    BINDINGS = [
        Binding("y", "answer(True)", "Discard", id="discard.yes", tooltip="Close without saving"),
        Binding(
            "n,escape",
            "answer(False)",
            "Keep editing",
            id="discard.no",
            tooltip="Back to the form, nothing lost",
        ),
    ]

    def __init__(self, what: str = "this form") -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        """The question and its two keys."""
        # A form may be hosted by a bare app (its tests): without settings it speaks English.
        settings: Settings | None = getattr(self.app, "settings", None)
        if settings is None:
            english = shipped_words("en")
            question = english["discard_question"].format(what=self.what)
            keys = english["discard_keys"]
        else:
            what = record_words(settings, self.what)
            question = settings.word("discard_question").format(what=what)
            keys = settings.word("discard_keys")
        with Vertical(id="discard-box"):
            yield Static(question, id="discard-question", markup=False)
            yield Static(keys, id="discard-keys", markup=False)

    def action_answer(self, discard: bool) -> None:
        """Close the question with the answer."""
        self.dismiss(discard)


class AsksBeforeDiscard:
    """Mixed into a dialog form that is not a `RecordForm` (a talking point, a plan step,
    a plan): escape with typing in it asks first, as every record form does.

    The form calls `remember_opening()` once mounted and `cancel_asking()` on escape.
    """

    RECORD_NAME = "this form"
    _opening: tuple[object, ...] = ()

    def _typed_now(self) -> tuple[object, ...]:
        from textual.widgets import Input, Select, TextArea

        screen: Any = self
        return tuple(
            (w.id, w.text if isinstance(w, TextArea) else w.value)
            for w in screen.query("Input, TextArea, Select")
            if isinstance(w, Input | TextArea | Select)
        )

    def remember_opening(self) -> None:
        """What the fields held when the form opened: closing with just that asks nothing."""
        self._opening = self._typed_now()

    def cancel_asking(self) -> None:
        """Close without saving; with typing in the form, after asking."""
        screen: Any = self
        if self._typed_now() == self._opening:
            screen.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                screen.dismiss(None)

        screen.app.push_screen(DiscardChanges(self.RECORD_NAME), answered)
