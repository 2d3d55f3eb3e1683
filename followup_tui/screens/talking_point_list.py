"""The rep's talking points: new products, cases and events to bring up on calls.

Each is written in both languages and has an expiry day; the call script offers
the unexpired ones in its value section.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from followup_tui.core.call.value_offers import TalkingPoint
from followup_tui.db.talking_points import Saved, delete_point, list_points, save_point
from followup_tui.screens.base import AppModal
from followup_tui.screens.confirm import Confirm
from followup_tui.screens.talking_point_form import TalkingPointForm, own_keys


class TalkingPoints(AppModal[bool]):
    """The list, with keys to add, change and delete; dismisses True when anything changed."""

    CSS_PATH = "talking_points.tcss"
    PALETTE_CATEGORY = "Talking points"
    BINDINGS = [
        Binding("a", "add", "Add", id="points.add", tooltip="Add a talking point"),
        Binding("e", "edit", "Edit", id="points.edit", tooltip="Change the highlighted point"),
        Binding(
            "d", "delete", "Delete", id="points.delete", tooltip="Delete the highlighted point"
        ),
        Binding("escape", "close", "Close", id="points.close", tooltip="Back to the call"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.points: list[TalkingPoint] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        """A title, the list and the line shown when it is empty."""
        with Vertical(id="points-box"):
            yield Static(self.word("points_title"), id="points-title", markup=False)
            yield OptionList(id="points-list")
            yield Static(self.word("points_empty"), id="points-empty", markup=False)
            yield Static("", id="points-keys", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        """Read the points; say the dialog's keys."""
        self.query_one("#points-keys", Static).update(own_keys(self, "points."))
        self.reload()

    def reload(self, highlight: int | None = None) -> None:
        """Show the points again, the cursor on `highlight` (an id) when given."""
        self.points = list_points()
        today = self.fapp.today()
        listing = self.query_one(OptionList)
        listing.clear_options()
        for point in self.points:
            line = Text(f"{self.word(f'points_kind_{point.kind}')}  ", style="bold")
            line.append(point.text(self.fapp.settings.language))
            if point.expires_on is not None:
                live = point.live(today)
                said = self.word("points_until").format(day=point.expires_on.isoformat())
                shown = said if live else self.word("points_expired")
                # Brackets of the language: full-width around Chinese.
                opened, closed = ("（", "）") if self.fapp.settings.language == "zh" else ("(", ")")
                line.append(f"  {opened}{shown}{closed}", style="dim")
            listing.add_option(Option(line, id=str(point.id)))
        self.query_one("#points-empty").display = not self.points
        listing.display = bool(self.points)
        if highlight is not None:
            ids = [p.id for p in self.points]
            listing.highlighted = ids.index(highlight) if highlight in ids else None
        elif self.points:
            listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected)
    def chosen(self) -> None:
        """Enter on a point changes it, as e does."""
        self.action_edit()

    def _current(self) -> TalkingPoint | None:
        index = self.query_one(OptionList).highlighted
        return self.points[index] if index is not None and index < len(self.points) else None

    def _edit(self, point: TalkingPoint | None) -> None:
        from followup_tui.screens.edit_conflict import save_edit, save_new

        def done(result: TalkingPoint | None) -> None:
            if result is None:
                return
            name = result.text(self.fapp.settings.language)
            if point is None:
                save_new(
                    self, name, result.fields(), form.labels, lambda: save_point(result), saved
                )
                return

            def write(chosen: dict[str, Any], base: dict[str, Any] | None) -> Saved:
                return save_point(TalkingPoint(result.id, **chosen), base)

            opened = point.fields()
            save_edit(self, name, result.fields(), opened, form.labels, write, saved)

        def saved(made: Saved | None) -> None:
            self.changed = True
            if made is not None and made.added_again:
                # Deleted elsewhere meanwhile: kept as a new point, and said so.
                self.notify(self.word("points_added_again"), severity="warning", timeout=10)
            elif made is not None:
                self.notify(self.word("points_saved"))
            self.reload(made.id if made is not None else None)

        form = TalkingPointForm(point)
        self.app.push_screen(form, done)

    def action_add(self) -> None:
        """Add a talking point."""
        self._edit(None)

    def action_edit(self) -> None:
        """Change the highlighted point."""
        point = self._current()
        if point is not None:
            self._edit(point)

    def action_delete(self) -> None:
        """Delete the highlighted point."""
        point = self._current()
        if point is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and point is not None:
                delete_point(point.id)
                self.changed = True
                self.notify(self.word("points_deleted"))
                self.reload()

        language = self.fapp.settings.language
        question = self.word("points_delete_ask").format(text=point.text(language))
        self.app.push_screen(Confirm(question), answered)

    def action_close(self) -> None:
        """Back to the call."""
        self.dismiss(self.changed)
