"""The account list's flows on one account: archive, restore, undo, redo, add, edit and open.

A base of `AccountsScreen`, which shows the list and keeps its index: these flows write
through the data layer, then tell the list which account changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on

from followup_tui.core.accounts.account_list import AccountEntry, AccountIndex, ListFilter
from followup_tui.db import accounts as data
from followup_tui.screens.filtered_list import FilteredListScreen
from followup_tui.screens.undo_flow import record, redo_last, undo_last
from followup_tui.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from followup_tui.db.undo import Change


class AccountListFlows(FilteredListScreen):
    """What the list's keys do to an account; the list says how it shows the change."""

    index: AccountIndex
    filter: ListFilter
    # Accounts found in their notes or records by the typed words: the row found, by account.
    note_spots: dict[int, tuple[str, int]]

    def _changed(self, account_id: int) -> None:
        """Read one account again and show it (the list does)."""
        raise NotImplementedError

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
        from followup_tui.db.undo import archive

        record(self, archive(entry.id, not entry.archived))
        self._changed(entry.id)
        said = "restored_undo" if entry.archived else "archived_undo"
        self.notify(self.fapp.settings.word(said).format(name=entry.name), timeout=6)

    def action_undo(self) -> None:
        """Undo the last change made on the list or an account page: edit, archive, person."""
        change = undo_last(self)
        if change is not None:
            self._changed(change.account_id)

    def action_redo(self) -> None:
        """Make the last undone change again."""
        change = redo_last(self)
        if change is not None:
            self._changed(change.account_id)

    def action_add(self) -> None:
        """Open the account form for a new account."""
        from followup_tui.screens.account_form import AccountForm

        def saved(values: dict | None) -> None:
            if values is not None:
                from followup_tui.db.undo import add_account
                from followup_tui.screens.edit_conflict import save_new

                name = str(values["name"])
                save_new(self, name, values, form.labels, lambda: add_account(values), added)

        def added(made: tuple[int, Change]) -> None:
            account_id, change = made
            record(self, change)
            self._changed(account_id)
            said = "added"
            if self.index.position_in_view(account_id) is None:
                # The filters hide it: show the whole list, on the new account.
                self.clear_filter_text()
                self.filter = ListFilter()
                self.refresh_rows(keep_id=account_id)
                said = "added_filters_cleared"
            name = change.names["name"]
            self.notify(self.fapp.settings.word(said).format(name=name))

        form = AccountForm(self.fapp.settings)
        self.app.push_screen(form, saved)

    def action_edit(self) -> None:
        """Open the account form on the account under the cursor."""
        from followup_tui.screens.account_form import AccountForm

        entry = self._current()
        if entry is None:
            return

        opened_on = data.get_account(entry.id)

        def saved(values: dict | None) -> None:
            if values is not None:
                from followup_tui.screens.edit_conflict import save_account_edit

                save_account_edit(self, entry.id, values, opened_on, form.labels, written)

        def written(change: Change | None) -> None:
            record(self, change)
            self._changed(entry.id)

        form = AccountForm(self.fapp.settings, initial=opened_on, account_id=entry.id)
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

        # An account the text found in a note opens at that note.
        at = self.note_spots.get(account_id) if account_id in self.filter.notes else None
        page = AccountPage(account_id, at=at)

        def closed(changed: bool | None) -> None:
            if changed:
                self._changed(account_id)
            for other in page.others_changed:  # undone or redone there, shown here
                self._changed(other)

        self.app.push_screen(page, closed)
