"""The deal list (key 3): every Single Sales Objective, filtered and sorted from the keyboard."""

from __future__ import annotations

import dataclasses
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from followup_tui.core.accounts.account_list import cycle
from followup_tui.core.base.kinds import DEAL_STATUSES, FUNNEL_LEVELS
from followup_tui.core.sheet.deal_list import (
    DEFAULT_SORT,
    DESCENDING_FIRST,
    OUTCOME_FILTERS,
    SORT_KEYS,
    DealFilter,
    DealIndex,
)
from followup_tui.core.sheet.sheet_records import DealRow, signed
from followup_tui.db import sheets as data
from followup_tui.db.lookup import account_by_id
from followup_tui.screens.filtered_list import FilteredListScreen
from followup_tui.screens.key_words import bound_key
from followup_tui.screens.outside_writes import FollowsOutsideWrites
from followup_tui.widgets.cells import amount_cell
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.title_bar import TitleBar
from followup_tui.widgets.virtual_table import MIN_FLEX, Column, Row, VirtualTable

COLUMN_WIDTHS = {
    "title": 0,
    "account": 0,
    "amount": 12,
    "completion_date": 10,
    "status": 15,
    "funnel": 16,
    "position": 16,
    "open_landmines": 5,
    "completeness": 8,
}
RIGHT = {"amount", "open_landmines", "completeness"}
# (share of the spare width, fewest cells) of the flexible columns: a manager picks a deal
# by its title, so it grows faster and keeps 22 cells before an optional column gives way.
FLEX = {"title": (2, 22), "account": (1, MIN_FLEX)}
# Hidden on narrow terminals, highest first: the title and the deadline matter most.
DROP_RANKS = {"completeness": 5, "funnel": 4, "position": 3, "account": 2, "open_landmines": 1}
# Columns named by an SSO indicator's configured label; the others by the vocabulary
# word `deal_<key>`.
SSO_LABELS = {
    "account": "customer",
    "amount": "amount",
    "completion_date": "completion_date",
    "status": "status",
}
STATUS_STYLES = {"urgent": "bold red", "in_progress": "yellow", "later": "dim"}


class DealsScreen(FollowsOutsideWrites, FilteredListScreen):
    """All deals (or one account's): SSO, deadline, status, funnel, position and risks."""

    CSS_PATH = "deals.tcss"
    PALETTE_CATEGORY = "Deals"
    BINDINGS = [
        Binding(
            "slash",
            "search",
            "Filter",
            key_display="/",
            id="deals.search",
            tooltip="Type to narrow by deal title or account name",
        ),
        Binding(
            "f",
            "cycle_status",
            "Status",
            id="deals.filter_status",
            tooltip="Show only urgent, in progress, getting started or later deals",
        ),
        Binding(
            "l",
            "cycle_funnel",
            "Funnel",
            id="deals.filter_funnel",
            tooltip="Show only one funnel level: universe, above, in the funnel, best few",
        ),
        Binding(
            "o",
            "cycle_outcome",
            "Outcome",
            id="deals.filter_outcome",
            tooltip="Show open, won, lost or all deals (open by default)",
        ),
        Binding("s", "sort_next", "Sort", id="deals.sort", tooltip="Sort by the next column"),
        Binding(
            "S",
            "sort_reverse",
            "Reverse",
            key_display="S",
            id="deals.sort_reverse",
            tooltip="Reverse the sort order",
        ),
        Binding(
            "escape",
            "clear_filters",
            "Clear",
            show=False,
            id="deals.clear",
            tooltip="Clear the text filter and every one-key filter (back to open deals)",
        ),
        Binding("a", "add", "Add", id="deals.add", tooltip="Add a deal (asks for the account)"),
        Binding("e", "edit", "Edit", id="deals.edit", tooltip="Edit the deal under the cursor"),
        Binding(
            "enter",
            "open_sheet",
            "Blue sheet",
            id="deals.open",
            tooltip="Open the blue sheet of the deal under the cursor",
        ),
        Binding(
            "f5",
            "reload",
            "Reload",
            show=False,
            id="deals.reload",
            tooltip="Read the deals again from the database",
        ),
    ]

    def __init__(self, account_id: int | None = None) -> None:
        super().__init__()
        self.account_id = account_id  # set: only this account's deals
        self.index = DealIndex(())
        self.filter = DealFilter()
        self.sort_key = DEFAULT_SORT
        self.descending = False
        self.rows: list[DealRow] = []
        # The account whose deals to read again when this screen shows after a blue sheet.
        self._stale_account: int | None = None

    @property
    def sort_keys(self) -> tuple[str, ...]:
        """The sortable columns shown (one account's list has no account column)."""
        return tuple(k for k in SORT_KEYS if k != "account" or self.account_id is None)

    def compose(self) -> ComposeResult:
        """Header, filter line, status line, the table, an empty state and the footer."""
        yield TitleBar()
        yield Input(id="deals-filter")  # its placeholder names the key in force (on_mount)
        yield Static(id="deals-status")
        yield VirtualTable(self._columns(), id="deals-table")
        yield Static(id="deals-empty")
        yield Footer()

    def on_mount(self) -> None:
        """Load every deal's row once; filters and sorts then work in memory."""
        self.sub_title = self.fapp.settings.word("deals")
        if self.account_id is not None:
            hit = account_by_id(self.account_id)
            self.sub_title += f" · {hit.name if hit else self.account_id}"
        hint = self.fapp.settings.word("deals_filter_placeholder")
        self.query_one("#deals-filter", Input).placeholder = hint.format(key=self._key("search"))
        self.action_reload()
        self.query_one(VirtualTable).focus()
        self.follow_outside_writes()

    def read_again(self) -> None:
        """Another process wrote: every deal again, the cursor kept on its deal."""
        keep = self.current()
        self.index = DealIndex(self._read(self.account_id))
        self.refresh_rows(keep_id=keep.id if keep is not None else None)

    def _key(self, binding: str) -> str:
        """The key in force for one of the list's bindings ('add' -> 'a'), for its texts."""
        return bound_key(self, f"deals.{binding}")

    # -- showing ---------------------------------------------------------------------
    def _label(self, key: str) -> str:
        settings = self.fapp.settings
        if key in SSO_LABELS:
            return settings.label("sso_indicators", SSO_LABELS[key])
        return settings.word(f"deal_{key}")

    def _columns(self) -> list[Column]:
        columns = []
        for key in self.sort_keys:
            label = self._label(key)
            if key == self.sort_key:
                label += " ▼" if self.descending else " ▲"
            justify = "right" if key in RIGHT else "left"
            grow, least = FLEX.get(key, (1, MIN_FLEX))
            columns.append(
                Column(key, label, COLUMN_WIDTHS[key], justify, DROP_RANKS.get(key, 0), grow, least)
            )
        return columns

    def _cells(self, r: DealRow) -> Row:
        settings = self.fapp.settings
        today = self.fapp.today()
        if r.completion_date is None:
            due = Text("-", style="dim")
        else:
            passed = r.outcome == "open" and r.completion_date < today
            due = Text(r.completion_date.isoformat(), style="red" if passed else "")
        if r.position is None:
            position = Text("-", style="dim")
        else:
            word = settings.label("position_scale", str(r.position))
            style = "green" if r.position >= 2 else "red" if r.position <= -2 else ""
            position = Text(f"{signed(r.position)} {word}", style=style)
        mines = Text(str(r.open_landmines), style="yellow" if r.open_landmines else "dim")
        if r.completeness is None:
            score = Text("-", style="dim")
        else:
            score = Text(f"{r.completeness}%", style="red" if r.completeness < 50 else "")
        account: Text | str = r.account_name
        if r.account_archived:  # still counted, but the account is out of the lists
            mark = settings.word("account_archived_mark")
            account = Text(f"{r.account_name} {mark}", style="dim")
        cells: dict[str, Text | str] = {
            "title": r.title,
            "account": account,
            "amount": amount_cell(r.amount),
            "completion_date": due,
            "status": Text(
                settings.label("deal_statuses", r.status), style=STATUS_STYLES.get(r.status, "")
            ),
            "funnel": settings.label("funnel_levels", r.funnel),
            "position": position,
            "open_landmines": mines,
            "completeness": score,
        }
        return (r.id, [cells[key] for key in self.sort_keys])

    def refresh_rows(self, keep_id: int | None = None) -> None:
        """Apply filter and sort, and show the result."""
        table = self.query_one(VirtualTable)
        self.rows = self.index.view(self.filter, self.sort_key, self.descending)
        table.set_columns(self._columns())
        table.show_items(self.rows, self._cells, keep_id=keep_id)
        self._show_status()

    def _show_status(self) -> None:
        settings = self.fapp.settings
        word = settings.word
        f = self.filter
        shown = len(self.rows)
        parts = [word("deal_count_one" if shown == 1 else "deal_count_many").format(n=shown)]
        if f.outcome is None:
            parts.append(word("deal_all_outcomes"))
        else:
            parts.append(settings.label("deal_outcomes", f.outcome).lower())
            others = self.index.count(None) - self.index.count(f.outcome)
            if others and f.outcome == "open":
                key = self._key("filter_outcome")
                parts.append(word("deal_others_hidden").format(n=others, key=key))
        if f.text:
            parts.append(word("filter_text").format(text=f.text))
        if f.status:
            parts.append(settings.label("deal_statuses", f.status))
        if f.funnel:
            parts.append(settings.label("funnel_levels", f.funnel))
        arrow = "▼" if self.descending else "▲"
        column = self._label(self.sort_key)
        parts.append(word("sorted_by").format(key=column.lower(), column=column, arrow=arrow))
        self.query_one("#deals-status", Static).update(word("status_sep").join(parts))
        empty = not self.rows
        self.set_class(empty, "-empty")
        if empty:
            if len(self.index) == 0:
                message = word("deals_none_yet").format(key=self._key("add"))
            else:
                keys = {"clear": self._key("clear"), "outcome": self._key("filter_outcome")}
                message = word("deals_no_match").format(**keys)
            self.query_one("#deals-empty", Static).update(message)

    # -- filters and sort ------------------------------------------------------------
    def action_cycle_status(self) -> None:
        """Next status filter: urgent, in progress, getting started, later, any."""
        self._set_filter(status=cycle(DEAL_STATUSES, self.filter.status))

    def action_cycle_funnel(self) -> None:
        """Next funnel filter: universe, above, in, best few, any."""
        self._set_filter(funnel=cycle(FUNNEL_LEVELS, self.filter.funnel))

    def action_cycle_outcome(self) -> None:
        """Next outcome filter: open, won, lost, all."""
        self._set_filter(outcome=cycle(OUTCOME_FILTERS, self.filter.outcome))

    def action_sort_next(self) -> None:
        """Sort by the next column."""
        keys = self.sort_keys
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self.descending = self.sort_key in DESCENDING_FIRST
        self.refresh_rows()

    def action_sort_reverse(self) -> None:
        """Reverse the sort order."""
        self.descending = not self.descending
        self.refresh_rows()

    # -- reading and changes ---------------------------------------------------------
    def _read(self, account_id: int | None) -> list[DealRow]:
        settings = self.fapp.settings
        return data.list_deals(account_id, today=self.fapp.today(), settings=settings)

    def action_reload(self) -> None:
        """Read every deal again from the database."""
        self.index = DealIndex(self._read(self.account_id))
        self.refresh_rows()

    def _changed(self, account_id: int, keep_id: int | None = None) -> None:
        """Read one account's deals again (cheap) after a save or a visit to a sheet."""
        for row in self._read(account_id):
            self.index.upsert(row)
        self.refresh_rows(keep_id=keep_id)

    def current(self) -> DealRow | None:
        """The deal under the cursor."""
        row_id = self.query_one(VirtualTable).cursor_row_id
        return self.index.get(row_id) if row_id is not None else None

    def focused_account_id(self) -> int | None:
        """The account of the deal under the cursor, for the app's quick note."""
        row = self.current()
        return row.account_id if row is not None else self.account_id

    def action_add(self) -> None:
        """Add a deal: pick its account (unless this list is one account's), then fill the SSO."""
        from followup_tui.screens.account_picker import AccountPicker

        if self.account_id is not None:
            self._open_add_form(self.account_id)
            return

        def picked(account_id: int | None) -> None:
            if account_id is not None:
                self._open_add_form(account_id)

        prompt = self.fapp.settings.word("deals_pick_account")
        self.app.push_screen(AccountPicker(prompt), picked)

    def _open_add_form(self, account_id: int) -> None:
        from followup_tui.screens.sheet.deal_form import DealForm

        def saved(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            from followup_tui.screens.edit_conflict import save_new

            def added(deal_id: int) -> None:
                self._changed(account_id, keep_id=deal_id)
                shown = any(r.id == deal_id for r in self.rows)
                said = "deals_added" if shown else "deals_added_hidden"
                self.notify(self.fapp.settings.word(said).format(title=values["title"]))
                # A new deal is an empty sheet: the next thing to do is fill it.
                self._open_sheet(deal_id, account_id)

            title = str(values["title"])
            save_new(self, title, values, form.labels, lambda: data.save_deal(values), added)

        form = DealForm(self.fapp.settings, account_id)
        self.app.push_screen(form, saved)

    def action_edit(self) -> None:
        """Edit the SSO of the deal under the cursor."""
        from followup_tui.screens.sheet.deal_form import DealForm

        row = self.current()
        if row is None:
            self.notify(self.fapp.settings.word("deals_no_cursor"), severity="warning")
            return
        from followup_tui.screens.edit_conflict import save_edit

        initial = dataclasses.asdict(data.load_sheet(row.id).deal)
        opened = data.sheet_row("deal", row.id)  # what a change made elsewhere is told by

        def write(chosen: dict[str, Any], base: dict[str, Any] | None) -> None:
            if base is None:
                data.save_deal(chosen, row.id)
            else:
                data.save_unless_changed(
                    "deal", row.id, base, chosen, lambda v: data.save_deal(v, row.id)
                )

        def saved(values: dict[str, Any] | None) -> None:
            if values is None:
                return

            def written(change: object) -> None:
                self._changed(row.account_id, keep_id=row.id)
                said = self.fapp.settings.word("deals_saved")
                self.notify(said.format(title=values["title"]))

            save_edit(self, row.title, values, opened, form.labels, write, written)

        form = DealForm(self.fapp.settings, row.account_id, initial=initial, deal_id=row.id)
        self.app.push_screen(form, saved)

    @on(VirtualTable.Selected, "#deals-table")
    def table_selected(self) -> None:
        """Enter on a row opens its blue sheet."""
        self.action_open_sheet()

    def action_open_sheet(self) -> None:
        """Open the blue sheet of the deal under the cursor."""
        row = self.current()
        if row is not None:
            self._open_sheet(row.id, row.account_id)

    def _open_sheet(self, deal_id: int, account_id: int) -> None:
        from followup_tui.screens.sheet.blue_sheet import BlueSheetScreen

        self._stale_account = account_id
        self.app.push_screen(BlueSheetScreen(deal_id))

    def on_screen_resume(self) -> None:
        """Back from a blue sheet: its landmines, position and completeness may have moved."""
        if self._stale_account is not None:
            account_id, self._stale_account = self._stale_account, None
            self._changed(account_id)
