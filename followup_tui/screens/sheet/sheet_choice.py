"""Pick one of a short list: a key person to add to the sheet, a bullet to link, and so on."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from followup_tui.widgets.cells import cut_to_cells

# An option on one line: the box's 70 cells less its border, padding and scroll bar.
LABEL_CELLS = 62


def _one_line(label: str) -> str:
    """An option's label cut to one line of the box, with an ellipsis when cut."""
    return label if cell_len(label) <= LABEL_CELLS else cut_to_cells(label, LABEL_CELLS)


class ChoicePicker(ModalScreen[str | None]):
    """Dismisses with the id of the option chosen with enter, or None on escape."""

    CSS_PATH = "sheet_choice.tcss"
    PALETTE_CATEGORY = "Pick"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel", tooltip="Close without choosing"),
    ]

    def __init__(
        self, title: str, options: Sequence[tuple[str, str]], hint: str, *, start: int = 0
    ) -> None:
        super().__init__()
        self.title_text = title
        self.options = list(options)  # (id, label)
        self.hint = hint
        self.start = start  # the option the cursor starts on

    def compose(self) -> ComposeResult:
        """The title, the options and the keys."""
        with Vertical(id="pick-box"):
            yield Static(self.title_text, id="pick-title", markup=False)
            yield OptionList(
                *(Option(_one_line(label), id=key) for key, label in self.options),
                id="pick-options",
                markup=False,
            )
            yield Static(self.hint, id="pick-hint", markup=False)

    def on_mount(self) -> None:
        """Start on the option most likely wanted."""
        listed = self.query_one(OptionList)
        if listed.option_count:
            listed.highlighted = max(0, min(self.start, listed.option_count - 1))

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on an option closes with its id."""
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)
