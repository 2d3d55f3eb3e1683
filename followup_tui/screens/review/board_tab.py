"""The 5+5+5 board tab: the slots of three tiers, and the plan of the account under the cursor.

What a rep presents at the monthly sales meeting (seed 001): each tier's
accounts with expected against actual to date and a status colour; under them
the account's plan - its goals and steps (who, how, when, why, what for) - and
its twelve months of expected against actual as bars with their numbers. With
the cursor on an empty slot, the months are the tier's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from followup_tui.core.review.action_plan import PlanStep, sorted_steps
from followup_tui.core.review.review_charts import track_lines
from followup_tui.core.review.review_words import money, month_name
from followup_tui.screens.review.panes import ReviewTab
from followup_tui.screens.review.review_data import TabData
from followup_tui.widgets.chart_bars import BarChart
from followup_tui.widgets.chart_table import ChartTable
from followup_tui.widgets.virtual_table import Column, Row, VirtualTable

if TYPE_CHECKING:
    from followup_tui.core.review.board import BoardEntry, BoardReview, BoardTier
    from followup_tui.core.review.plan_track import Track

STATUS_STYLES = {
    "ahead": "green",
    "on_track": "green",
    "behind": "red",
    "no_plan": "dim",
    "upcoming": "dim",
}
STEP_STYLES = {"done": "green", "missed": "red", "late": "yellow", "open": ""}


def _money(value: float) -> str:
    return f"{value:,.0f}"


class BoardTab(ReviewTab):
    """The board's slots; the plan and months of the account under the cursor."""

    class Drawn(Message):
        """The slots are drawn: the plan under the cursor can follow."""

    def body(self) -> ComposeResult:
        """Tier line, the slots, then the plan: goals, steps, months as bars and numbers."""
        yield Static(id="board-status", classes="review-status")
        yield VirtualTable([], id="board-table")
        # The plan's widgets come with the plan, after key 4's first frame (`show_current_plan`):
        # made and styled with the slots, they were a good part of that frame.
        yield VerticalScroll(classes="review-more")

    def empty_text(self, data: TabData) -> str:
        """No tiered account yet."""
        board: BoardReview = data.result  # type: ignore[assignment]
        return "" if any(t.entries for t in board.tiers) else self.word("rs_empty_board")

    def status_word(self, status: str) -> str:
        """A plan status in words."""
        return self.word(f"rs_status_{status}")

    def fill(self, data: TabData) -> None:
        """Slots by tier, each with expected to date, actual and its status colour."""
        board: BoardReview = data.result  # type: ignore[assignment]
        parts = []
        for t in board.tiers:
            name = self.settings.label("tiers", t.tier)
            text = self.word("rs_tier_line").format(tier=name, n=len(t.entries))
            if t.over_by:
                parts.append(Text(text + self.word("rs_tier_over").format(n=t.over_by), "red"))
            elif t.empty_slots:
                more = self.word("rs_tier_empty").format(n=t.empty_slots)
                parts.append(Text(text + more, "yellow"))
            else:
                parts.append(Text(text, "green"))
        whole = self.status_word(board.track.status)
        parts.append(Text(whole, STATUS_STYLES[board.track.status]))
        self.query_one("#board-status", Static).update(Text("  ·  ").join(parts))
        rows: list[Row] = []
        empty = 0
        for t in board.tiers:
            tier = self.settings.label("tiers", t.tier)
            for n, e in enumerate(t.entries, 1):
                rows.append((e.account.account_id, self._slot(tier, n, e, n > board.slots)))
            for n in range(len(t.entries) + 1, board.slots + 1):
                empty += 1
                cells = [tier, str(n), self.word("rev_slot_empty"), "", "", "", ""]
                rows.append((-empty, [Text(c, "dim") for c in cells]))
        table = self.query_one("#board-table", VirtualTable)
        heads = ("col_tier", "col_slot", "col_account", "col_class")
        columns = [Column(k, self.word(f"rev_{k}")) for k in heads]
        columns[0] = Column("tier", columns[0].label, 0, drop_rank=2)
        columns[1] = Column("slot", columns[1].label, 4, "right")
        columns[3] = Column("class", columns[3].label, 5, drop_rank=1)
        columns += [
            Column("expected", self.word("rs_col_expected_to_date"), 14, "right"),
            Column("actual", self.word("rev_col_actual"), 14, "right"),
            Column("status", self.word("rs_col_status"), 10),
        ]
        table.set_columns(columns)
        keep = table.cursor_row_id
        at = next((n for n, (rid, _c) in enumerate(rows) if rid == keep), table.cursor)
        table.set_source(len(rows), lambda o, n: rows[o : o + n], cursor=at)
        if self.plan_shown:
            self.show_plan(table.cursor_row_id)
        else:  # the plan under the slots once the board is on screen: key 4's first frame
            self.post_message(self.Drawn())

    def _slot(self, tier: str, n: int, e: BoardEntry, over: bool) -> list[Text | str]:
        status = e.track.status
        cells: list[Text | str] = [
            tier,
            str(n),
            Text(e.account.name, "red" if over else ""),
            e.account.quadrant or "-",
            money(e.track.expected_to_date),
            money(e.track.actual),
            Text(self.status_word(status), STATUS_STYLES[status]),
        ]
        return cells

    def entry(self, account_id: int | None) -> BoardEntry | None:
        """The board's entry of an account."""
        if self.data is None or account_id is None:
            return None
        board: BoardReview = self.data.result  # type: ignore[assignment]
        return next(
            (e for t in board.tiers for e in t.entries if e.account.account_id == account_id),
            None,
        )

    def _tier_at(self, row_id: int | None) -> BoardTier | None:
        """The tier of the empty slot `row_id` (negative ids count the empty slots)."""
        if self.data is None or row_id is None or row_id >= 0:
            return None
        board: BoardReview = self.data.result  # type: ignore[assignment]
        seen = 0
        for t in board.tiers:
            seen += t.empty_slots
            if -row_id <= seen:
                return t
        return None

    plan_shown = False  # the plan is drawn once the slots were shown

    async def show_current_plan(self) -> None:
        """The plan of the account under the slots' cursor, its widgets made first."""
        if not self.plan_shown:
            await self.query_one(".review-more", VerticalScroll).mount_all(
                [
                    Static(id="board-plan", classes="review-status"),
                    VirtualTable([], id="board-steps"),
                    BarChart(id="board-chart"),
                    ChartTable(id="board-months"),
                ]
            )
        self.plan_shown = True
        self.show_plan(self.query_one("#board-table", VirtualTable).cursor_row_id)

    @on(VirtualTable.Highlighted, "#board-table")
    def slot_highlighted(self, event: VirtualTable.Highlighted) -> None:
        """Another slot under the cursor: show its plan."""
        if self.plan_shown:
            self.show_plan(event.row_id)

    def show_plan(self, row_id: int | None) -> None:
        """The plan and months of the account `row_id` (an empty slot: its tier's months)."""
        if self.data is None or self.has_class("-message") or not self.plan_shown:
            return
        e = self.entry(row_id)
        steps_table = self.query_one("#board-steps", VirtualTable)
        plan = self.query_one("#board-plan", Static)
        if e is None:
            tier = self._tier_at(row_id)
            board: BoardReview = self.data.result  # type: ignore[assignment]
            track = tier.track if tier is not None else board.track
            name = self.settings.label("tiers", tier.tier) if tier else self.word("rs_board_all")
            plan.update(self.word("rs_tier_months").format(tier=name))
            steps_table.display = False
            self._months(track)
            return
        goals = self.word("rs_goals_join").join(e.plan.goals) or self.word("rs_no_goals")
        plan.update(
            Text.assemble(
                (e.account.name, "bold"),
                "  ",
                self.word("rs_goals").format(goals=goals),
                "\n",
                (self.keys_line(), "dim"),
            )
        )
        steps = sorted_steps(e.plan.steps)
        steps_table.display = True
        self._steps(steps_table, steps)
        self._months(e.track)

    def keys_line(self) -> str:
        """The board's own keys, as they are now."""
        keys = self.keys(
            {
                "review.done": "d",
                "review.missed": "x",
                "review.add_step": "a",
                "review.edit_step": "e",
                "review.edit_plan": "g",
                "review.undo": "u",
            }
        )
        return self.word("rs_board_keys").format(
            done=keys["review.done"],
            missed=keys["review.missed"],
            add=keys["review.add_step"],
            edit=keys["review.edit_step"],
            plan=keys["review.edit_plan"],
            undo=keys["review.undo"],
        )

    def _steps(self, table: VirtualTable, steps: Sequence[PlanStep]) -> None:
        today = self.data.day if self.data else None
        table.set_columns(
            [
                Column("when", self.word("rs_col_when"), 10),
                Column("who", self.word("rs_col_who"), 10, drop_rank=2),
                Column("how", self.word("rs_col_how")),
                Column("why", self.word("rs_col_why"), drop_rank=3),
                Column("what_for", self.word("rs_col_what_for"), drop_rank=1),
                Column("status", self.word("rs_col_status"), 10),
            ]
        )
        rows: list[Row] = []
        for s in steps:
            state = "late" if today is not None and s.late(today) else s.status
            rows.append(
                (
                    s.step_id,
                    [
                        s.when.text,
                        s.who,
                        s.how,
                        s.why,
                        s.what_for,
                        Text(self.word(f"rs_step_{state}"), STEP_STYLES[state]),
                    ],
                )
            )
        if not rows:
            rows = [(0, ["", "", Text(self.word("rs_no_steps"), "dim"), "", "", ""])]
        keep = table.cursor_row_id
        at = next((n for n, (rid, _c) in enumerate(rows) if rid == keep), 0)
        table.set_source(len(rows), lambda o, n: rows[o : o + n], cursor=at)
        table.styles.height = min(len(rows), 8) + 1

    def _months(self, track: Track) -> None:
        names = (self.word("rs_col_cum_expected"), self.word("rs_col_cum_actual"))
        self.query_one("#board-chart", BarChart).show(
            track_lines(track, self.word), names, shape="lines", number=_money
        )
        self.query_one("#board-months", ChartTable).show_cells(
            self.word("rs_t_months").format(year=track.year),
            (
                self.word("rs_col_month"),
                self.word("rev_col_expected"),
                self.word("rev_col_actual"),
                self.word("rs_col_cum_expected"),
                self.word("rs_col_cum_actual"),
                self.word("rs_col_status"),
            ),
            [
                (
                    month_name(m.month, self.word),
                    money(m.expected),
                    money(m.actual),
                    money(m.cum_expected),
                    money(m.cum_actual),
                    self.status_word(m.status),
                )
                for m in track.months
            ],
            {1, 2, 3, 4},
        )

    def current_step(self) -> PlanStep | None:
        """The step under the steps' cursor, of the account under the slots' cursor."""
        if self.has_class("-message") or not self.plan_shown:
            return None
        e = self.entry(self.query_one("#board-table", VirtualTable).cursor_row_id)
        if e is None:
            return None
        step_id = self.query_one("#board-steps", VirtualTable).cursor_row_id
        return next((s for s in e.plan.steps if s.step_id == step_id), None)
