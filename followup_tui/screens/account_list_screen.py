"""The account list (key 2): every account's state, filtered and sorted from the keyboard."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from followup_tui.core.accounts.account_list import (
    CLASS_FILTERS,
    SORT_KEYS,
    TIER_FILTERS,
    AccountEntry,
    AccountIndex,
    ListFilter,
    cycle,
)
from followup_tui.core.accounts.find_hits import query_words
from followup_tui.core.accounts.list_status import ListState, empty_message, status_line
from followup_tui.core.base.kinds import RELATIONSHIP_TYPES
from followup_tui.db import accounts as data
from followup_tui.db.database import outside_writes, thread_connection
from followup_tui.db.note_search import NoteSearch
from followup_tui.screens.account_list_flows import AccountListFlows
from followup_tui.screens.outside_writes import FollowsOutsideWrites
from followup_tui.widgets.account_table import AccountTable
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.title_bar import TitleBar
from followup_tui.widgets.virtual_table import VirtualTable

INLINE_ACCOUNTS = 2_000  # below this the whole index loads in a few milliseconds
# The notes are searched once typing pauses this long: each key narrows the names in
# memory at once, and a search of every note is not started for a word half typed.
NOTE_SEARCH_DELAY = 0.15


class AccountsScreen(FollowsOutsideWrites, AccountListFlows):
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
            tooltip="Type to find accounts by name, key person (pinyin too), the account's "
            "notes, any call or quick note, best action, landmine or bullet",
        ),
        Binding(
            "down",
            "to_list",
            "To the list",
            id="accounts.to_list",
            tooltip="From the filter line down to the accounts, the filter kept",
            show=False,
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
            "u",
            "undo",
            "Undo",
            id="accounts.undo",
            tooltip="Undo the last change: an edit, an archive or restore, a key person's change",
        ),
        Binding(
            "U",
            "redo",
            "Redo",
            key_display="U",
            show=False,  # the footer is full; ? and the palette list it
            id="accounts.redo",
            tooltip="Make the last undone change again",
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
        self.rows: Sequence[AccountEntry] = []
        # Accounts still loading into the index (0: all there). Not `loading`: that is
        # Textual's own reactive, which would cover the whole screen with a spinner.
        self.still_loading = 0
        self._generation = 0  # which reload a finished load belongs to
        self._changed_while_loading: set[int] = set()
        self._following = False  # reading the index again after writes made elsewhere
        self._archived_keys = False  # which view the footer's x describes
        self._status_one_row = False  # the status line fitted one row when last shown
        self._between_keys_asked = False  # `_between_keys` waits for the next frame
        self.note_spots: dict[int, tuple[str, int]] = {}
        self.searching_notes = False
        self._note_timer: Any = None
        self._note_search = NoteSearch()  # the search of every note, stopped by a newer text

    def compose(self) -> ComposeResult:
        """Header, filter line, status line, the table, an empty state and the footer."""
        yield TitleBar()
        placeholder = self.fapp.settings.word("filter_placeholder")
        yield Input(placeholder=placeholder, id="accounts-filter")
        yield Static(id="accounts-status")
        yield AccountTable(
            self.fapp.settings, self.fapp.today, self.sort_key, self.descending, id="accounts-table"
        )
        yield Static(id="accounts-empty")
        yield Footer()

    def on_mount(self) -> None:
        """Load every account's entry once; filters and sorts then work in memory."""
        self.sub_title = self.fapp.settings.word("accounts")
        self.action_reload()
        self.query_one(VirtualTable).focus()
        self.follow_outside_writes()

    def may_read_again(self) -> bool:
        """Not while the index is still loading or being read again."""
        return not self.still_loading and not self._following

    def read_again(self) -> None:
        """Another process wrote (the CLI, a second window): read the index again in the
        background, keeping the filter, sort and cursor, as the queue does."""
        self._generation += 1
        self._changed_while_loading.clear()
        self._following = True
        self._start_loading(self._generation)

    # -- showing ---------------------------------------------------------------------
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
        table = self.query_one(AccountTable)
        if self.waiting_for_index:
            self.rows = []
            find = None
        else:
            self.rows = self.index.view(self.filter, self.sort_key, self.descending)
            find = self.index.position_in_view
        table.show_accounts(self.rows, self.sort_key, self.descending, keep_id=keep_id, find=find)
        self._show_status()
        if self.filter.archived != self._archived_keys:
            self._archived_keys = self.filter.archived
            self.refresh_bindings()  # x says Restore in the archived view
        if not self._between_keys_asked:
            self._between_keys_asked = True
            self.call_after_refresh(self._between_keys)

    def _between_keys(self) -> None:
        """Work for the next key, done once this key's frame is out and the rep reads it.

        The result shown is listed in full if the next key could narrow it (a few
        milliseconds that key no longer spends searching every account). And a full
        garbage collection that is about due is taken now: Python takes one after
        ten collections of its middle generation (if enough survived them), walks
        every object not frozen (5-20 ms here) and would land on the next key.
        """
        self._between_keys_asked = False
        self.index.list_last()
        if gc.isenabled() and gc.get_count()[2] >= gc.get_threshold()[2] - 1:
            gc.collect()

    def _show_status(self) -> None:
        settings = self.fapp.settings
        state = ListState(
            filter=self.filter,
            shown=len(self.rows),
            still_loading=self.still_loading,
            waiting_for_index=self.waiting_for_index,
            archived_count=self.index.archived_count,
            total=len(self.index),
            sort_key=self.sort_key,
            descending=self.descending,
            searching_notes=self.searching_notes,
        )
        status = self.query_one("#accounts-status", Static)
        line = status_line(state, settings)
        # The line wraps when long. While it stays one row high, the screen's layout
        # cannot change: skip the layout pass (a few milliseconds on every key).
        one_row = 0 < cell_len(line) <= status.content_region.width
        status.update(line, layout=not (one_row and self._status_one_row))
        self._status_one_row = one_row
        empty = not self.rows
        self.set_class(empty, "-empty")
        if empty:
            message = empty_message(state, self.fapp.db_path, settings)
            self.query_one("#accounts-empty", Static).update(message)

    # -- filters and sort ------------------------------------------------------------
    def _set_filter(self, **changes: Any) -> None:
        """A new text drops the accounts the last text found in notes, and searches again;
        so does a switch between live and archived accounts (only those shown are counted)."""
        text = changes.get("text", self.filter.text)
        archived = changes.get("archived", self.filter.archived)
        if text != self.filter.text or archived != self.filter.archived:
            changes["notes"] = frozenset()
            self.note_spots = {}
            self._search_notes(text, archived)
        super()._set_filter(**changes)

    def _search_notes(self, text: str, archived: bool = False) -> None:
        """Search every note and blue-sheet record for the text once typing pauses."""
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
        self._note_search.stop()
        words = query_words(text)
        # One character alone is in most notes: the list's own match of names, people
        # and account notes answers it (two, 周总, are looked up in the index).
        wanted = any(len(word) > 1 for word in words)
        self.searching_notes = wanted
        if not wanted:
            self.workers.cancel_group(self, "notes")
            return

        def start() -> None:
            self._note_timer = None
            self.run_worker(
                lambda: self._find_notes(words, text, archived),
                thread=True,
                exclusive=True,
                group="notes",
            )

        self._note_timer = self.set_timer(NOTE_SEARCH_DELAY, start)

    def _find_notes(self, words: list[str], text: str, archived: bool) -> None:
        # A search of every note (2,000,000 at the largest) runs in its own thread and
        # connection, so the list keeps answering keys meanwhile; a newer text
        # interrupts it (`_search_notes`) rather than wait for an answer nobody reads.
        spots = self._note_search.run(words, archived)
        if spots is None:
            return  # stopped for a newer text, whose own search follows
        self.app.call_from_thread(self._notes_found, text, archived, spots)

    def _notes_found(self, text: str, archived: bool, spots: dict[int, tuple[str, int]]) -> None:
        if (text, archived) != (self.filter.text, self.filter.archived):
            return  # typed on since: that text's search is on its way
        self.searching_notes = False
        self.note_spots = spots
        keep = self.query_one(VirtualTable).cursor_row_id
        self.filter = replace(self.filter, notes=frozenset(spots))
        self.refresh_rows(keep_id=keep)

    def action_clear_filters(self) -> None:
        """Clear every filter, and the accounts found in notes with the text."""
        self._search_notes("")
        self.note_spots = {}
        super().action_clear_filters()

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
        self._following = False
        self._outside_seen = outside_writes()
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
            self._put(index, account_id)
        self._changed_while_loading.clear()
        row_id = self.query_one(VirtualTable).cursor_row_id
        self.index = index
        self.still_loading = 0
        self._following = False
        self.refresh_rows(keep_id=row_id)
        # A large book is a million long-lived objects: without this, every full
        # collection walks them all (tens of ms, landing on a random keystroke).
        gc.freeze()

    @property
    def _rates(self) -> dict[str, float]:
        return dict(self.fapp.settings.heat.decay_per_day)

    def _put(self, index: AccountIndex, account_id: int) -> None:
        """Read one account into `index` again, or drop it if it is gone."""
        entry = data.load_entry(account_id, self.fapp.today(), self._rates)
        if entry is None:
            index.remove(account_id)
        else:
            index.upsert(entry)

    def _changed(self, account_id: int) -> None:
        if self.still_loading or self._following:
            self._changed_while_loading.add(account_id)
        self._put(self.index, account_id)
        self.refresh_rows(keep_id=account_id)
