"""What every record form shares: ctrl+s to check and return, esc that never loses typing."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual import on
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TabbedContent, TabPane, Tabs, TextArea

from followup_tui.core.base.config import Settings
from followup_tui.screens.discard_changes import DiscardChanges
from followup_tui.widgets.form_fields import FieldRow, FormValue, read_control

LAYOUT_SETTLE_S = 0.05  # a few frames: a pane shown by a tab switch has its place by then


def vocab(settings: Settings, key: str, english: str) -> str:
    """A screen word from the vocabulary, or plain English while config lacks it."""
    word = settings.word(key)
    return english if word == key else word


class RecordForm(ModalScreen[dict[str, Any] | None]):
    """A modal form over FieldRows; subclasses say how to check and convert the values."""

    PALETTE_CATEGORY = "Form"
    RECORD_NAME = "this record"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check the form and save it"),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="form.cancel",
            tooltip="Close without saving; asks first if anything was typed",
        ),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self._pristine: dict[str, FormValue] = {}
        # Field -> the value its error was about; the error goes once the value differs.
        self._faulted: dict[str, FormValue] = {}
        # Tab sets whose first activation (the one they mount with) has been seen.
        self._tabs_shown: set[TabbedContent] = set()
        self.labels: dict[str, str] = {}

    def on_mount(self) -> None:
        """Remember the starting values (to know what changed) and focus the first field."""
        # The box scrolls to whatever has the focus; as a stop of its own it would take the
        # rep's typing with nothing on screen to show where it went.
        for box in self.query("#form-box"):
            box.can_focus = False
        self._pristine = self.raw_values()
        rows = self.rows()
        # Each field's label, for what is said about the values after the form has closed.
        self.labels = {row.field: row.label for row in rows}
        # A field reached by tab, a tab switch or the form opening keeps its text: selected,
        # the next key would replace a stored value the rep meant to keep (e then a letter
        # wiped the name). Fields with an error still get selected (`_focus_control`).
        for row in rows:
            if isinstance(row.control, Input):
                row.control.select_on_focus = False
        if rows:
            rows[0].control.focus()

    def rows(self) -> list[FieldRow]:
        """Every field row, in form order."""
        return list(self.query(FieldRow))

    def raw_values(self) -> dict[str, FormValue]:
        """Field -> what its control holds now."""
        return {row.field: read_control(row.control) for row in self.rows()}

    @property
    def changed(self) -> bool:
        """Whether anything differs from what the form opened with."""
        return self.raw_values() != self._pristine

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """Field -> message for each invalid value."""
        raise NotImplementedError

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """The typed values the form returns once valid."""
        raise NotImplementedError

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put each message under its field and clear the others."""
        self._faulted = {}
        for row in self.rows():
            row.set_error(errors.get(row.field))
            if row.field in errors:
                self._faulted[row.field] = read_control(row.control)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _clear_fixed_error(
        self, event: Input.Changed | TextArea.Changed | Select.Changed | Checkbox.Changed
    ) -> None:
        """Drop a field's error once its value changes: a stale error says a fixed field is wrong.

        Comparing with the value the error was about, not clearing on any change event, keeps
        the error when a late event of the keystroke before ctrl+s arrives after the check.
        """
        ancestors = event.control.ancestors if event.control is not None else []
        row = next((node for node in ancestors if isinstance(node, FieldRow)), None)
        if row is None or row.field not in self._faulted:
            return
        if read_control(row.control) != self._faulted[row.field]:
            del self._faulted[row.field]
            row.set_error(None)

    def focus_field(self, field: str) -> None:
        """Focus a field's control, switching to its tab first if it is on a hidden one."""
        row = self.query_one(f"#row-{field}", FieldRow)
        pane = next((node for node in row.ancestors if isinstance(node, TabPane)), None)
        if pane is not None and pane.id:
            tabs = next(node for node in pane.ancestors if isinstance(node, TabbedContent))
            tabs.active = pane.id
        # The pane becomes visible on the next refresh; only then can its control take focus.
        self.call_after_refresh(self._focus_control, row.control)

    @on(TabbedContent.TabActivated)
    def _focus_shown_tab(self, event: TabbedContent.TabActivated) -> None:
        """Take the focus into the tab just shown, however it was switched (keys, mouse, arrows).

        Otherwise the focus stays on a control of the hidden tab: typing goes nowhere and tab
        wraps to the first field, whose selected text the next keys replace.
        """
        tabs, pane = event.tabbed_content, event.pane
        if tabs not in self._tabs_shown:  # the tab it mounted with: the form's own focus stays
            self._tabs_shown.add(tabs)
            return
        focused = self.focused
        if tabs.active != pane.id or (focused is not None and pane in focused.ancestors):
            return  # a later switch followed, or focus_field already put the focus there
        self.focus_first_field(pane)

    def focus_first_field(self, pane: Widget) -> None:
        """Focus the first field a pane shows, as tab into it would."""
        for row in pane.query(FieldRow):
            if row.control.focusable and _shown_within(row.control, pane):
                # At once, not after a refresh: a key typed next must land in the shown field.
                self.set_focus(row.control)
                # The pane was hidden until now: scroll once it is laid out (a short
                # terminal left the focused field below the box's edge).
                self._scroll_when_laid_out(row.control)
                return
        tabs = next((node for node in pane.ancestors if isinstance(node, TabbedContent)), None)
        if tabs is not None and self.focused is not None and tabs in self.focused.ancestors:
            self.set_focus(tabs.query_one(Tabs))  # no field here: the tab strip, never hidden

    def _scroll_when_laid_out(self, control: Widget) -> None:
        # A pane just shown has no place until the screen's layout runs on a later frame:
        # scrolling on the next refresh (tried, with the control's and the screen's) found
        # the old place and did nothing. A few frames on, the field's place is known.
        self.set_timer(LAYOUT_SETTLE_S, partial(control.scroll_visible, animate=False))

    @staticmethod
    def _focus_control(control: Widget) -> None:
        """Focus a control with its text selected, as tab does, even if it had the focus."""
        control.focus()
        if isinstance(control, Input):
            control.select_all()

    def action_save(self) -> None:
        """Dismiss with the values if they are valid; otherwise show what to fix."""
        raw = self.raw_values()
        errors = self.check(raw)
        self.show_errors(errors)
        if errors:
            first = next((row.field for row in self.rows() if row.field in errors), None)
            if first is not None:
                self.focus_field(first)
            count = len(errors)
            said = self.settings.word("form_fix_one" if count == 1 else "form_fix_many")
            self.notify(said.format(n=count), severity="error", timeout=3)
            return
        self.dismiss(self.result(raw))

    def action_cancel(self) -> None:
        """Close without a result, asking first when typing would be lost."""
        if not self.changed:
            self.dismiss(None)
            return
        self.app.push_screen(DiscardChanges(self.RECORD_NAME), self._answered)

    def _answered(self, discard: bool | None) -> None:
        """The discard question's answer."""
        if discard:
            self.dismiss(None)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a one-line field moves on, as tab does: saving is ctrl+s, never by accident."""
        event.stop()
        self.focus_next()


def _shown_within(widget: Widget, container: Widget) -> bool:
    """Whether a widget inside `container` is displayed there (no hidden group holds it)."""
    for node in widget.ancestors_with_self:
        if node is container:
            return True
        if not node.display:
            return False
    return False
