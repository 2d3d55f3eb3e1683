"""The account list (key 2): every account's state at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from followup_tui.db.accounts import count_accounts, list_accounts
from followup_tui.widgets.cells import amount_cell, class_cell, date_cell, due_cell, heat_cell

if TYPE_CHECKING:
    from followup_tui.app import FollowupApp

PAGE = 200


class AccountsScreen(Screen[None]):
    """A table of accounts: class, type, tier, heat, last contact, next step, open amount."""

    CSS_PATH = "accounts.tcss"
    PALETTE_CATEGORY = "Accounts"
    BINDINGS = [
        Binding(
            "f5",
            "reload",
            "Reload",
            id="accounts.reload",
            tooltip="Read the accounts again from the database",
        ),
    ]

    @property
    def fapp(self) -> FollowupApp:
        """The app, typed."""
        return cast("FollowupApp", self.app)

    def compose(self) -> ComposeResult:
        """Header, a status line, the table, an empty state and the footer."""
        yield Header()
        yield Static(id="accounts-status")
        yield DataTable(id="accounts-table", cursor_type="row", zebra_stripes=True)
        yield Static(self.fapp.settings.word("no_accounts"), id="accounts-empty")
        yield Footer()

    def on_mount(self) -> None:
        """Set the columns in the configured language and load the first page."""
        word = self.fapp.settings.word
        self.sub_title = word("accounts")
        table = self.query_one(DataTable)
        for key in (
            "name",
            "class",
            "relationship",
            "tier",
            "heat",
            "last_contact",
            "next_follow_up",
            "open_amount",
        ):
            table.add_column(word(key), key=key)
        self.action_reload()

    def action_reload(self) -> None:
        """Fill the table with the first page of live accounts."""
        settings = self.fapp.settings
        today = self.fapp.today()
        table = self.query_one(DataTable)
        table.clear()
        total = count_accounts()
        for row in list_accounts(limit=PAGE):
            table.add_row(
                row.name,
                class_cell(row.quadrant),
                settings.label("relationship_types", row.relationship),
                settings.label("tiers", row.tier) if row.tier else "-",
                heat_cell(row.heat),
                date_cell(row.last_contact),
                due_cell(row.next_follow_up, today),
                amount_cell(row.open_amount),
                key=str(row.id),
            )
        shown = min(total, PAGE)
        self.query_one("#accounts-status", Static).update(
            f"{total} accounts" if shown == total else f"{shown} of {total} accounts"
        )
        self.set_class(total == 0, "-empty")
