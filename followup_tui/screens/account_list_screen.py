"""The account list (key 2): every account's state, filtered and sorted from the keyboard."""

from __future__ import annotations

import datetime as dt
import gc

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input, Static

from followup_tui.core.accounts.account_list import (
    CLASS_FILTERS,
    SORT_KEYS,
    TIER_FILTERS,
    AccountEntry,
    AccountIndex,
    ListFilter,
    cycle,
)
from followup_tui.core.base.kinds import RELATIONSHIP_TYPES
from followup_tui.db import accounts as data
from followup_tui.db.database import thread_connection
from followup_tui.screens.filtered_list import FilteredListScreen
from followup_tui.widgets.cells import amount_cell, class_cell, date_cell, due_cell, heat_cell
from followup_tui.widgets.footer import Footer
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
INLINE_ACCOUNTS = 2_000  # below this the whole index loads in a few milliseconds

DROP_RANKS = {"tier": 4, "open_amount": 3, "last_contact": 2, "relationship": 1}
VOCAB_KEYS = {"relationship": "relationship", "last_contact": "last_contact", "class": "class"}


class AccountsScreen(FilteredListScreen):
    """All accounts: class, type, tier, heat, last contact, next step, open amount."""

    CSS_PATH = "account_list_screen.tcss"
    PALETTE_CATEGORY = "Accounts"
    BINDINGS = [
        Binding(
            "slash",
            "search",
            "Filter",
            key_display="/",
            id="accounts.search",
            tooltip="Type to narrow by account name, key person's name or the account's notes",
        ),
        Binding(
            "c",
            "cycle_class",
            "Class",
            id="accounts.filter_class",
            tooltip="Show only class A, B, C, D or unjudged accounts (press again to cycle)",
        ),
        Binding(
            "t",
            "cycle_type",
            "Type",
            id="accounts.filter_type",
            tooltip="Show only existing, dormant or target accounts",
        ),
        Binding(
            "i",
            "cycle_tier",
            "Tier",
            id="accounts.filter_tier",
            tooltip="Show only one 5+5+5 tier, any tier, or no tier",
        ),
        Binding(
            "h",
            "toggle_archived",
            "Archived",
            id="accounts.filter_archived",
            tooltip="Show archived accounts instead of live ones",
        ),
        Binding("s", "sort_next", "Sort", id="accounts.sort", tooltip="Sort by the next column"),
        Binding(
            "S",
            "sort_reverse",
            "Reverse",
            key_display="S",
            id="accounts.sort_reverse",
            tooltip="Reverse the sort order",
        ),
        Binding(
            "escape",
            "clear_filters",
            "Clear",
            show=False,
            id="accounts.clear",
            tooltip="Clear the text filter and every one-key filter",
        ),
        Binding("a", "add", "Add", id="accounts.add", tooltip="Add an account"),
        Binding(
            "e", "edit", "Edit", id="accounts.edit", tooltip="Edit the account under the cursor"
        ),
        Binding(
            "o",
            "open",
            "Open",
            show=False,  # enter is the usual way; o puts Open in help and the palette
            id="accounts.open",
            tooltip="Open the account's page (enter does the same)",
        ),
        # One key, two words: the archived view restores with x (see check_action).
        Binding(
            "x",
            "archive",
            "Archive",
            id="accounts.archive",
            tooltip="Archive the account (u undoes it; h shows archived accounts)",
        ),
        Binding(
            "x",
            "restore",
            "Restore",
            id="accounts.restore",
            tooltip="Bring the archived account back to the list",
        ),
        Binding(
            "u", "undo", "Undo", id="accounts.undo", tooltip="Undo the last archive or restore"
        ),
        Binding(
            "f5",
            "reload",
            "Reload",
            show=False,
            id="accounts.reload",
            tooltip="Read the accounts again from the database",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index = AccountIndex(())
        self.filter = ListFilter()
        self.sort_key = "name"
        self.descending = False
        self.rows: list[AccountEntry] = []
        self.undo_stack: list[tuple[int, bool]] = []  # (account id, archived before)
        # Accounts still loading into the index (0: all there). Not `loading`: that is
        # Textual's own reactive, which would cover the whole screen with a spinner.
        self.still_loading = 0
        self._generation = 0  # which reload a finished load belongs to
        self._changed_while_loading: set[int] = set()
        self._archived_keys = False  # which view the footer's x describes


    def compose(self) -> ComposeResult:
        """Header, filter line, status line, the table, an empty state and the footer."""
        yield Header()
        placeholder = self.fapp.settings.word("filter_placeholder")
        yield Input(placeholder=placeholder, id="accounts-filter")
        yield Static(id="accounts-status")
        yield VirtualTable(self._columns(), id="accounts-table")
        yield Static(id="accounts-empty")
        yield Footer()

    def on_mount(self) -> None:
        """Load every account's entry once; filters and sorts then work in memory."""
        self.sub_title = self.fapp.settings.word("accounts")
        self.action_reload()
        self.query_one(VirtualTable).focus()

    # -- showing ---------------------------------------------------------------------
    def _columns(self) -> list[Column]:
        word = self.fapp.settings.word
        columns = []
        for key in SORT_KEYS:
            label = word(VOCAB_KEYS.get(key, key))
            if key == self.sort_key:
                label += " ▼" if self.descending else " ▲"
            justify = "right" if key == "open_amount" else "left"
            # The column the list is sorted by is never the one a narrow screen drops.
            drop = 0 if key == self.sort_key else DROP_RANKS.get(key, 0)
            columns.append(Column(key, label, COLUMN_WIDTHS[key], justify, drop))
        return columns

    def _cells(self, e: AccountEntry) -> Row:
        settings = self.fapp.settings
        today = self.fapp.today()
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
            return Text(self.fapp.settings.word("no_next"), style="bold red")
        return due_cell(e.next_follow_up, today)

    @property
    def waiting_for_index(self) -> bool:
        """Whether the filter or sort asks for more than the first page while it loads.

        The first page holds the first accounts by name only: filtering or sorting it
        would show a wrong answer, so the list says it is loading until all are in.
        """
        unsorted = self.sort_key == "name" and not self.descending
        return bool(self.still_loading) and not (unsorted and self.filter == ListFilter())

    def refresh_rows(self, keep_id: int | None = None) -> None:
        """Apply filter and sort, and show the result."""
        table = self.query_one(VirtualTable)
        if self.waiting_for_index:
            self.rows = []
            find = None
        else:
            self.rows = self.index.view(self.filter, self.sort_key, self.descending)
            find = self.index.position_in_view
        table.set_columns(self._columns())
        table.show_items(self.rows, self._cells, keep_id=keep_id, find=find)
        self._show_status()
        if self.filter.archived != self._archived_keys:
            self._archived_keys = self.filter.archived
            self.refresh_bindings()  # x says Restore in the archived view

    def _show_status(self) -> None:
        settings = self.fapp.settings
        word = settings.word
        f = self.filter
        shown = len(self.rows)
        parts = [word("count_one" if shown == 1 else "count_many").format(n=shown)]
        if self.waiting_for_index:
            parts = []  # no count: it would be the first page's
        if self.still_loading:
            parts.append(word("loading_all").format(n=self.still_loading))
        archived = self.index.archived_count
        if archived and not f.archived:
            parts.append(word("archived_hidden").format(n=archived))
        if f.archived:
            parts.append(word("archived_view"))
        if f.text:
            parts.append(word("filter_text").format(text=f.text))
        if f.quadrant:
            unjudged = f.quadrant == "-"
            parts.append(
                word("filter_unjudged" if unjudged else "filter_class").format(klass=f.quadrant)
            )
        if f.relationship:
            parts.append(settings.label("relationship_types", f.relationship))
        if f.tier:
            special = {"any": "any_tier", "none": "no_tier"}.get(f.tier)
            parts.append(word(special) if special else settings.label("tiers", f.tier))
        arrow = "▼" if self.descending else "▲"
        column = word(VOCAB_KEYS.get(self.sort_key, self.sort_key))
        # The column's own header word, as the deal list says it too.
        parts.append(word("sorted_by").format(key=column.lower(), column=column, arrow=arrow))
        self.query_one("#accounts-status", Static).update(word("status_sep").join(parts))
        empty = not self.rows
        self.set_class(empty, "-empty")
        if empty:
            if self.waiting_for_index:
                message = word("loading_all").format(n=self.still_loading)
            elif len(self.index) == 0:
                message = word("no_accounts").format(db=self.fapp.db_path)
            elif f == ListFilter(archived=True):
                message = word("no_archived")
            else:
                message = word("no_match")
            self.query_one("#accounts-empty", Static).update(message)

    # -- filters and sort ------------------------------------------------------------
    def action_cycle_class(self) -> None:
        """Next class filter: A, B, C, D, unjudged, any."""
        self._set_filter(quadrant=cycle(CLASS_FILTERS, self.filter.quadrant))

    def action_cycle_type(self) -> None:
        """Next relationship type filter."""
        self._set_filter(relationship=cycle(RELATIONSHIP_TYPES, self.filter.relationship))

    def action_cycle_tier(self) -> None:
        """Next tier filter."""
        self._set_filter(tier=cycle(TIER_FILTERS, self.filter.tier))

    def action_toggle_archived(self) -> None:
        """Switch between live and archived accounts."""
        self._set_filter(archived=not self.filter.archived)

    def action_sort_next(self) -> None:
        """Sort by the next column the screen shows (a narrow one hides some)."""
        shown = self.query_one(VirtualTable).shown_column_keys() or list(SORT_KEYS)
        keys = [key for key in SORT_KEYS if key in shown or key == self.sort_key]
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self.descending = self.sort_key in ("heat", "open_amount")
        self.refresh_rows()

    def action_sort_reverse(self) -> None:
        """Reverse the sort order."""
        self.descending = not self.descending
        self.refresh_rows()

    # -- changes ---------------------------------------------------------------------
    def action_reload(self) -> None:
        """Read every account again from the database.

        A large book shows its first page at once and loads the full index in a
        thread; filters and sorts then cover every account.
        """
        self._generation += 1
        self._changed_while_loading.clear()
        total = data.count_all_accounts()
        if total <= INLINE_ACCOUNTS:
            self.index = AccountIndex(data.load_entries(self.fapp.today(), self._rates))
            self.still_loading = 0
            self.refresh_rows()
            return
        self.index = AccountIndex(data.first_page(self.fapp.today(), self._rates))
        self.still_loading = total
        self.refresh_rows()
        # Start loading once the first page is on screen: the thread shares the
        # interpreter lock and would otherwise slow that first frame down.
        self.call_after_refresh(self._start_loading, self._generation)

    def _start_loading(self, generation: int) -> None:
        if generation == self._generation:
            self.run_worker(
                lambda: self._load_index(generation), thread=True, exclusive=True, group="accounts"
            )

    def _load_index(self, generation: int) -> None:
        # Peewee connections belong to a thread: this one opens and closes its own.
        with thread_connection():
            entries = data.load_entries(self.fapp.today(), self._rates)
        index = AccountIndex(entries)
        index.warm()  # the name order and its search text, off the event loop
        self.app.call_from_thread(self._index_loaded, index, generation)

    def _index_loaded(self, index: AccountIndex, generation: int) -> None:
        if generation != self._generation:
            return  # a later reload replaced this one
        # The thread may have read an account before an edit made while it loaded.
        for account_id in sorted(self._changed_while_loading):
            index.upsert(self._load(account_id))
        self._changed_while_loading.clear()
        self.index = index
        self.still_loading = 0
        self.refresh_rows()
        # A large book is a million long-lived objects: without this, every full
        # collection walks them all (tens of ms, landing on a random keystroke).
        gc.freeze()

    def focused_account_id(self) -> int | None:
        """The account under the cursor, for the app's quick note."""
        return self.query_one(VirtualTable).cursor_row_id

    def _current(self) -> AccountEntry | None:
        """The account under the cursor; an empty list says so rather than do nothing."""
        row_id = self.query_one(VirtualTable).cursor_row_id
        entry = self.index.get(row_id) if row_id is not None else None
        if entry is None:
            self.notify(self.fapp.settings.word("no_account_here"), severity="warning")
        return entry

    @property
    def _rates(self) -> dict[str, float]:
        return dict(self.fapp.settings.heat.decay_per_day)

    def _load(self, account_id: int) -> AccountEntry:
        return data.load_entry(account_id, self.fapp.today(), self._rates)

    def _changed(self, account_id: int) -> None:
        if self.still_loading:
            self._changed_while_loading.add(account_id)
        self.index.upsert(self._load(account_id))
        self.refresh_rows(keep_id=account_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """x archives in the live list and restores in the archived view."""
        if action == "archive":
            return not self.filter.archived
        if action == "restore":
            return self.filter.archived
        return True

    def action_restore(self) -> None:
        """Bring the archived account under the cursor back."""
        self.action_archive()

    def action_archive(self) -> None:
        """Archive the account under the cursor (restore it in the archived view).

        An account with open deals asks first: its deals would drop out of sight.
        """
        entry = self._current()
        if entry is None:
            return
        if not entry.archived and entry.open_amount:
            from followup_tui.screens.confirm import Confirm

            question = self.fapp.settings.word("archive_open_deals").format(
                name=entry.name, amount=f"{entry.open_amount:,.0f}"
            )

            def answered(yes: bool | None) -> None:
                if yes:
                    self._flip_archived(entry)

            self.app.push_screen(Confirm(question), answered)
            return
        self._flip_archived(entry)

    def _flip_archived(self, entry: AccountEntry) -> None:
        data.set_archived(entry.id, not entry.archived)
        self.undo_stack.append((entry.id, entry.archived))
        self._changed(entry.id)
        said = "restored_undo" if entry.archived else "archived_undo"
        self.notify(self.fapp.settings.word(said).format(name=entry.name), timeout=6)

    def action_undo(self) -> None:
        """Undo the last archive or restore."""
        if not self.undo_stack:
            self.notify(self.fapp.settings.word("nothing_to_undo"), severity="warning")
            return
        account_id, archived = self.undo_stack.pop()
        data.set_archived(account_id, archived)
        self._changed(account_id)
        name = self.index.get(account_id).name  # type: ignore[union-attr]
        # Say which way it went: undoing a restore archives the account again.
        said = "undone_archived" if archived else "undone"
        left = len(self.undo_stack)
        message = self.fapp.settings.word(said).format(name=name)
        if left:
            message += self.fapp.settings.word("undo_more").format(n=left)
        self.notify(message)

    def action_add(self) -> None:
        """Open the account form for a new account."""
        from followup_tui.screens.account_form import AccountForm

        def saved(values: dict | None) -> None:
            if values is not None:
                account_id = data.save_account(values)
                self._changed(account_id)
                said = "added"
                if self.index.position_in_view(account_id) is None:
                    # The filters hide it: show the whole list, on the new account.
                    self.clear_filter_text()
                    self.filter = ListFilter()
                    self.refresh_rows(keep_id=account_id)
                    said = "added_filters_cleared"
                self.notify(self.fapp.settings.word(said).format(name=values["name"]))

        self.app.push_screen(AccountForm(self.fapp.settings), saved)

    def action_edit(self) -> None:
        """Open the account form on the account under the cursor."""
        from followup_tui.screens.account_form import AccountForm

        entry = self._current()
        if entry is None:
            return

        def saved(values: dict | None) -> None:
            if values is not None:
                data.save_account(values, entry.id)
                self._changed(entry.id)

        form = AccountForm(
            self.fapp.settings, initial=data.get_account(entry.id), account_id=entry.id
        )
        self.app.push_screen(form, saved)

    @on(VirtualTable.Selected, "#accounts-table")
    def open_account(self, event: VirtualTable.Selected) -> None:
        """Enter opens the account page."""
        self._open_page(event.row_id)

    def action_open(self) -> None:
        """Open the page of the account under the cursor."""
        entry = self._current()
        if entry is not None:
            self._open_page(entry.id)

    def _open_page(self, account_id: int) -> None:
        from followup_tui.screens.account_page import AccountPage

        def closed(changed: bool | None) -> None:
            if changed:
                self._changed(account_id)

        self.app.push_screen(AccountPage(account_id), closed)
