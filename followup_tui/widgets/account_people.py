"""The account page's key people: the list, or in its place the org chart by department."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable

from followup_tui.core.accounts.account_view import as_text
from followup_tui.core.accounts.org_chart import ChartWords, OrgPerson, draw_org_chart
from followup_tui.core.base.config import Settings
from followup_tui.widgets.fit_table import FitTable
from followup_tui.widgets.org_chart_view import OrgChart
from followup_tui.widgets.record_pane import RecordPane

COLUMNS = ("department", "name", "title", "level", "phone", "email", "interests", "pains", "coach")


class PeoplePane(RecordPane):
    """The key people as a list and as a chart (the screen's `-org-chart` picks which shows)."""

    @dataclass
    class PersonChosen(Message):
        """Enter on a person in the list: the rep wants to edit them."""

        person_id: int

    def __init__(self, settings: Settings, *, id: str) -> None:
        labels = [settings.word(f"col_{name}") for name in COLUMNS]
        # A phone number cut short cannot be dialled: the column gives way last.
        keep = (COLUMNS.index("phone"),)
        table = FitTable(labels, keep, id="people", cursor_type="row", zebra_stripes=True)
        super().__init__(settings.word("tab_people"), table, settings.word("no_person_yet"), id=id)
        self.settings = settings

    def compose(self) -> ComposeResult:
        """The list and its empty line, then the chart."""
        yield from super().compose()
        yield OrgChart(id="org-chart")

    def show(self, account_name: str, people: Sequence[dict[str, Any]]) -> None:
        """Show the account's key people in the list and the chart."""
        word = self.settings.word
        # Lay the key people out by department and level; the chart widget draws them.
        words = ChartWords(no_department=word("no_department"), coach=word("coach"))
        chart = [OrgPerson.from_row(person) for person in people]
        lines = draw_org_chart(account_name, chart, words)
        self.query_one(OrgChart).show(lines, word("no_person_yet"))
        rows = [
            (
                str(person["id"]),
                (
                    person["department"] or "-",
                    Text(person["name"], style="bold" if person["is_coach"] else ""),
                    as_text(person["title"]),
                    "●" * (person["level"] or 0),
                    as_text(person["phone"]),
                    as_text(person["email"]),
                    as_text(person["interests"]),
                    as_text(person["pains"]),
                    word("coach") if person["is_coach"] else "",
                ),
            )
            for person in people
        ]
        self.query_one(FitTable).show(rows)
        self.mark_empty()

    @property
    def person_id(self) -> int | None:
        """The key person under the list's cursor (None: nobody)."""
        key = self.row_key
        return int(key) if key is not None else None

    def move_to(self, person_id: int) -> None:
        """Put the list's cursor on a person."""
        self.table.move_cursor(row=self.table.get_row_index(str(person_id)))

    @on(DataTable.RowSelected, "#people")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.PersonChosen(int(str(event.row_key.value))))
