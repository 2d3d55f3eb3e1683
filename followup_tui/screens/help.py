"""The `?` help screen: every key of the screen underneath, and of the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from followup_tui.core.base.config import Settings
from followup_tui.core.base.wrap import wrap_lines
from followup_tui.screens.base import AppModal
from followup_tui.screens.key_words import nav_word, vocab_lookup

if TYPE_CHECKING:
    from textual.widgets import DataTable


MIN_DOES_WIDTH = 20  # narrower than this, a description wraps into a column of stubs
SCROLLBAR = 2  # the box's vertical scrollbar, once the keys outgrow its height
ACTION_MIN_WIDTH = 12  # the action column wraps to no narrower than this


class HelpScreen(AppModal[None]):
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
        self.rows: list[tuple[str, str, str]] = []  # key, action, what it does
        # The (description, action) widths the rows are wrapped to.
        self._room: tuple[int, int] | None = None

    @property
    def settings(self) -> Settings:
        """The app's settings."""
        return self.fapp.settings

    def compose(self) -> ComposeResult:
        """A table of key, action and what it does."""
        # Imported here: the app imports this module at start-up,
        # and DataTable's module is a few milliseconds that the first frame does not need.
        from textual.widgets import DataTable

        word = self.settings.word
        # A dialog has no subtitle of its own: it is named by its palette category.
        category = getattr(self.under, "PALETTE_CATEGORY", "")
        named = vocab_lookup(self.settings, "category_" + category.lower().replace(" ", "_"))
        title = word("help_title").format(screen=self.under.sub_title or named or "followup")
        with VerticalScroll(id="help-box"):
            yield Static(title, id="help-title")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            # What the screen's marks mean (the queue's ☾), when the vocabulary has a legend.
            legend = vocab_lookup(self.settings, "legend_" + category.lower().replace(" ", "_"))
            if legend:
                yield Static(legend, id="help-legend")
            yield Static(word("help_foot"), id="help-foot")

    def on_mount(self) -> None:
        """Fill the table from the live bindings, so it can never fall out of date."""
        self.rows = [
            (key, nav_word(self.settings, description), tooltip)
            for key, description, tooltip in binding_rows(self.under)
        ]
        self._fill()

    def on_resize(self, event: events.Resize) -> None:
        """Wrap the descriptions again for the new width."""
        self._fill()

    def _fill(self) -> None:
        """One row per key, its description wrapped to the room left by the other columns.

        A table cell never wraps by itself: a long description would be cut at the box's edge.
        """
        table = cast("DataTable[str | Text]", self.query_one("#help-keys"))
        box = self.query_one("#help-box").content_region.width or self.app.size.width
        word = self.settings.word
        head = (word("help_key"), word("help_action"), word("help_does"))
        keys = max(cell_len(row[0]) for row in [head, *self.rows])
        actions = max(cell_len(row[1]) for row in [head, *self.rows])
        # Each column has a cell's padding on both sides; keep room for a scrollbar.
        free = box - keys - 6 * table.cell_padding - SCROLLBAR
        # A text field's own keys have long names ("Move cursor right or accept the
        # completion suggestion"): the action column takes at most a third of the room
        # and wraps, so the description is never squeezed to a couple of cells at 80x24.
        action_room = min(actions, max(ACTION_MIN_WIDTH, free // 3))
        room = max(MIN_DOES_WIDTH, free - action_room)
        if (room, action_room) == self._room:
            return
        self._room = (room, action_room)
        # Columns only ever widen: a narrower wrap needs them made afresh.
        table.clear(columns=True)
        table.add_columns(*head)
        for key, action, tooltip in self.rows:
            # Broken as the call script breaks lines: a Chinese full stop or comma stays
            # with the character before it.
            said = Text("\n".join(wrap_lines(action, action_room)))
            lines = Text("\n".join(wrap_lines(tooltip, room)))
            table.add_row(key, said, lines, height=None)
        # Wrapped rows are measured when drawn: lay the box out again with their
        # heights, or its last row would be cut (the table does not scroll itself).
        self.call_after_refresh(table.refresh, layout=True)

    def action_dismiss_help(self) -> None:
        """Close the help screen."""
        self.dismiss(None)


def binding_rows(screen: Screen) -> list[tuple[str, str, str]]:
    """(key, description, tooltip) for each described binding active on a screen."""
    # One row per action of a node, its keys together ("f1 ?").
    rows: dict[tuple[int, str], tuple[list[str], str, str]] = {}
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
        shown = screen.app.get_key_display(binding) or key
        keys, _description, _tooltip = rows.setdefault(
            (id(active.node), binding.action), ([], binding.description, binding.tooltip)
        )
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description, tooltip) for keys, description, tooltip in rows.values()]
