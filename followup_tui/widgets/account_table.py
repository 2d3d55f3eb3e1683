"""The account list's table: one row per account, drawn only when it comes into view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from rich.text import Text

from followup_tui.core.accounts.account_list import SORT_KEYS, AccountEntry
from followup_tui.core.accounts.list_status import column_word
from followup_tui.core.base.config import Settings
from followup_tui.widgets.cells import amount_cell, class_cell, date_cell, due_cell, heat_cell
from followup_tui.widgets.virtual_table import Column, Row, VirtualTable

COLUMN_WIDTHS = {
    "name": 0,
    "class": 7,
    "relationship": 9,
    "tier": 0,
    "heat": 9,
    "last_contact": 12,
    "next_follow_up": 14,
    "open_amount": 12,
}
# Hidden on narrow terminals, highest first: the name and the next step matter most.
DROP_RANKS = {"tier": 4, "open_amount": 3, "last_contact": 2, "relationship": 1}
# Rows made at a time: a screenful or so. Each filter key shows a new source, and a
# row's cells cost tens of microseconds to make.
PAGE_ROWS = 50
# Made rows kept across filter keys, by account: the screens of the last few keys, so
# deleting what was typed finds them again. No more: each is objects that a full
# garbage collection walks, and one lands on a keystroke.
ROWS_KEPT = 400


class AccountTable(VirtualTable):
    """Accounts with class, type, tier, heat, last contact, next step and open amount."""

    STRIPS_KEPT = ROWS_KEPT

    def __init__(
        self,
        settings: Settings,
        today: Callable[[], dt.date],
        sort_key: str,
        descending: bool,
        *,
        id: str | None = None,
    ) -> None:
        self.settings = settings
        self.today = today  # the injected day, asked as rows are drawn
        # Rows made, by account id, with the entry and day they were made from: typing
        # and deleting a filter shows the same accounts again, and the table then
        # reuses both their cells and their drawn lines (kept by row object).
        self._made: dict[int, tuple[AccountEntry, Row]] = {}
        self._made_on: dt.date | None = None
        super().__init__(self.columns_for(sort_key, descending), id=id, page_size=PAGE_ROWS)

    def columns_for(self, sort_key: str, descending: bool) -> list[Column]:
        """The columns, the sorted one with its arrow and never dropped."""
        columns = []
        for key in SORT_KEYS:
            label = column_word(key, self.settings)
            if key == sort_key:
                label += " ▼" if descending else " ▲"
            justify = "right" if key == "open_amount" else "left"
            # The column the list is sorted by is never the one a narrow screen drops.
            drop = 0 if key == sort_key else DROP_RANKS.get(key, 0)
            columns.append(Column(key, label, COLUMN_WIDTHS[key], justify, drop))
        return columns

    def show_accounts(
        self,
        entries: Sequence[AccountEntry],
        sort_key: str,
        descending: bool,
        *,
        keep_id: int | None = None,
        find: Callable[[int], int | None] | None = None,
    ) -> None:
        """Show `entries` in their order, with the sort's arrow on its column."""
        self.set_columns(self.columns_for(sort_key, descending))
        self.show_items(entries, self._cells, keep_id=keep_id, find=find)

    def _cells(self, e: AccountEntry) -> Row:
        today = self.today()
        if today != self._made_on:
            self._made.clear()  # due dates read against another day
            self._made_on = today
        made = self._made.get(e.id)
        if made is not None and made[0] is e:
            return made[1]
        if len(self._made) >= ROWS_KEPT:
            self._made.clear()
        row = self._make_cells(e, today)
        self._made[e.id] = (e, row)
        return row

    def _make_cells(self, e: AccountEntry, today: dt.date) -> Row:
        settings = self.settings
        return (
            e.id,
            (
                e.name,
                class_cell(e.quadrant),
                settings.label("relationship_types", e.relationship),
                settings.label("tiers", e.tier) if e.tier else Text("-", style="dim"),
                heat_cell(e.heat),
                date_cell(e.last_contact_at),
                self._next_cell(e, today),
                amount_cell(e.open_amount),
            ),
        )

    def _next_cell(self, e: AccountEntry, today: dt.date) -> Text:
        if e.archived:
            return Text("-", style="dim")
        if e.next_follow_up is None:
            return Text(self.settings.word("no_next"), style="bold red")
        return due_cell(e.next_follow_up, today)
