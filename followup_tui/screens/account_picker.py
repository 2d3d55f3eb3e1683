"""Asks which account: typing narrows a list of live accounts by name, enter takes one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from followup_tui.db.pick import search_accounts
from followup_tui.screens.base import AppModal

SHOWN = 30  # enough to pick from by arrow keys; typing narrows the rest


class AccountPicker(AppModal[int | None]):
    """Dismisses with the chosen account's id, or None on escape."""

    # Small and self-contained: its few styles travel with it.
    DEFAULT_CSS = """
    AccountPicker {
        align: center middle;
        background: $background 50%;
    }
    AccountPicker #picker-box {
        width: 72;
        max-width: 98%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    AccountPicker #picker-title { text-style: bold; }
    /* 12: the hint stays in view at 24 rows */
    AccountPicker #picker-list { height: auto; max-height: 12; }
    AccountPicker #picker-none { color: $text-muted; height: auto; }
    AccountPicker #picker-hint { color: $text-muted; }
    """
    PALETTE_CATEGORY = "Pick account"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel", tooltip="Close without a pick"),
        Binding("down", "move(1)", "Next", show=False, id="picker.next", tooltip="Next account"),
        Binding(
            "up", "move(-1)", "Previous", show=False, id="picker.previous", tooltip="Previous one"
        ),
    ]

    def __init__(self, title: str | None = None, text: str = "") -> None:
        super().__init__()
        self.title_text = title  # None: 'Which account?' in the configured language
        self.start_text = text

    def _word(self, key: str) -> str:
        """A word of the vocabulary in the configured language."""
        return self.fapp.settings.word(key)

    def compose(self) -> ComposeResult:
        """A title, the typing line, the matches and a hint."""
        w = self._word
        with Vertical(id="picker-box"):
            title = w("which_account") if self.title_text is None else self.title_text
            yield Static(title, id="picker-title", markup=False)
            yield Input(self.start_text, placeholder=w("type_name"), id="picker-input")
            yield OptionList(id="picker-list")
            yield Static("", id="picker-none", markup=False)
            yield Static(w("picker_keys"), id="picker-hint", markup=False)

    def on_mount(self) -> None:
        """Show the first accounts before anything is typed."""
        self.narrow(self.start_text)
        self.query_one(Input).focus()

    @on(Input.Changed, "#picker-input")
    def typed(self, event: Input.Changed) -> None:
        """Narrow the list as each key is typed."""
        self.narrow(event.value)

    def narrow(self, text: str) -> None:
        """Show the accounts matching `text`, the best one highlighted."""
        found = search_accounts(text, SHOWN)
        options = self.query_one(OptionList)
        options.set_options(Option(Text(name), id=str(account_id)) for account_id, name in found)
        if found:
            options.highlighted = 0
        none = self.query_one("#picker-none", Static)
        none.display = not found
        options.display = bool(found)
        if not found and text.strip():
            none.update(self._word("no_match_for").format(text=text))
        elif not found:
            none.update(self._word("none_to_pick"))

    def action_move(self, step: int) -> None:
        """Move the highlight while the typing line keeps the focus."""
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(Input.Submitted, "#picker-input")
    def take_highlighted(self) -> None:
        """Enter takes the highlighted account."""
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(int(option.id))

    @on(OptionList.OptionSelected, "#picker-list")
    def take_selected(self, event: OptionList.OptionSelected) -> None:
        """A click (or enter in the list) takes that account."""
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        """Close without a pick."""
        self.dismiss(None)
