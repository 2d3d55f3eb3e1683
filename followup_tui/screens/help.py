"""The `?` help screen: every key of the screen underneath, and of the app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static


class HelpScreen(ModalScreen[None]):
    """Lists the bindings active on the screen it was opened from."""

    CSS_PATH = "help.tcss"
    PALETTE_CATEGORY = "Help"
    BINDINGS = [
        Binding(
            "escape,question_mark,q",
            "dismiss_help",
            "Close help",
            id="help.close",
            tooltip="Back to the screen",
        ),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        """A table of key, action and what it does."""
        with VerticalScroll(id="help-box"):
            yield Static(f"Keys - {self.under.sub_title or 'followup'}", id="help-title")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Static(
                "ctrl+p opens the command palette: every key here is also a command "
                "there.  esc closes this help.",
                id="help-foot",
            )

    def on_mount(self) -> None:
        """Fill the table from the live bindings, so it can never fall out of date."""
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action", "What it does")
        for row in binding_rows(self.under):
            table.add_row(*row)

    def action_dismiss_help(self) -> None:
        """Close the help screen."""
        self.dismiss(None)


def binding_rows(screen: Screen) -> list[tuple[str, str, str]]:
    """(key, description, tooltip) for each described binding active on a screen."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    # Our own keys first, then the widgets' navigation keys.
    ordered = sorted(
        screen.active_bindings.items(),
        key=lambda item: not hasattr(item[1].node, "PALETTE_CATEGORY"),
    )
    for key, active in ordered:
        binding = active.binding
        if not binding.description:
            continue
        # Textual's own app and screen keys (ctrl+q, copy, focus cycling) duplicate ours
        # or do nothing useful here; widgets' navigation keys stay.
        if binding.id is None and isinstance(active.node, App | Screen):
            continue
        shown = screen.app.get_key_display(binding)
        if (binding.action, shown) in seen:
            continue
        seen.add((binding.action, shown))
        rows.append((shown or key, binding.description, binding.tooltip))
    return rows
