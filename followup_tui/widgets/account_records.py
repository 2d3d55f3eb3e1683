"""The account page's follow-ups and deals tabs; enter on a deal asks for its blue sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from followup_tui.core.accounts.account_view import as_text, follow_up_state, position_text
from followup_tui.core.base.config import Settings
from followup_tui.widgets.cells import amount_cell, due_cell
from followup_tui.widgets.record_pane import RecordPane

FOLLOW_UP_COLUMNS = ("due", "purpose", "state")
DEAL_COLUMNS = ("deal", "amount", "completion", "status", "funnel", "position", "outcome")


class TablePane(RecordPane):
    """A record tab over a plain DataTable with vocabulary column words."""

    def __init__(
        self,
        settings: Settings,
        tab: str,
        table_id: str,
        columns: Sequence[str],
        empty: str,
        *,
        id: str,
    ) -> None:
        table: DataTable[Any] = DataTable(id=table_id, cursor_type="row", zebra_stripes=True)
        super().__init__(settings.word(tab), table, settings.word(empty), id=id)
        self.settings = settings
        self.labels = [settings.word(f"col_{name}") for name in columns]

    def clear(self) -> None:
        """Empty the table, its columns set up on the first call."""
        self.table.clear()
        if not self.table.columns:
            self.table.add_columns(*self.labels)


class FollowUpsPane(TablePane):
    """The account's follow-ups: open ones by due day, then the last done ones."""

    def __init__(self, settings: Settings, *, id: str) -> None:
        super().__init__(
            settings, "tab_follow_ups", "follow-ups", FOLLOW_UP_COLUMNS, "empty_follow_ups", id=id
        )

    def show(self, follow_ups: Sequence[dict[str, Any]], today: dt.date) -> None:
        """Show the follow-ups, red when overdue and dim when done."""
        self.clear()
        for row in follow_ups:
            due = due_cell(row["due"], today) if not row["done"] else Text(str(row["due"]), "dim")
            self.table.add_row(
                due, row["purpose"], self.settings.word(f"state_{follow_up_state(row)}")
            )
        self.mark_empty()


class DealsPane(TablePane):
    """The account's deals, open ones first; posts DealChosen when enter picks one."""

    @dataclass
    class DealChosen(Message):
        """The rep chose a deal: its blue sheet should open."""

        deal_id: int

    def __init__(self, settings: Settings, *, id: str) -> None:
        super().__init__(settings, "tab_deals", "deals", DEAL_COLUMNS, "empty_deals", id=id)

    def show(self, deals: Sequence[dict[str, Any]]) -> None:
        """Show the deals with their amount, status, funnel level, position and outcome."""
        label = self.settings.label
        self.clear()
        for deal in deals:
            self.table.add_row(
                deal["title"],
                amount_cell(deal["amount"]),
                as_text(deal["completion_date"]),
                label("deal_statuses", deal["status"]),
                label("funnel_levels", deal["funnel"]),
                position_text(deal["position"], self.settings),
                label("deal_outcomes", deal["outcome"]),
                key=str(deal["id"]),
            )
        self.mark_empty()

    @on(DataTable.RowSelected, "#deals")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.DealChosen(int(str(event.row_key.value))))
