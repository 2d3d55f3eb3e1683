"""The review screen's Team tab (#19): a manager's on a team's server, every rep side by
side; absent on a rep's own file and for a rep."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.review import team_view as core_team
from followup_tui.core.review.periods import period_of
from followup_tui.core.review.team_tables import VERDICTS, team_row
from followup_tui.core.review.team_view import sort_reps
from followup_tui.db import review_reads
from followup_tui.db.action_plans import board_review
from followup_tui.db.connection import db
from followup_tui.screens.review import team_tab
from followup_tui.screens.review.review_screen import ReviewScreen
from followup_tui.widgets.virtual_table import VirtualTable
from tests.support import TODAY, make_app

PERIOD = period_of("month", TODAY)


async def settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


class _Undone(Exception):
    """Raised to roll a look back."""


@contextmanager
def only(rep: str) -> Iterator[None]:
    """The book as if it held `rep`'s accounts alone, rolled back afterwards."""
    try:
        with db.atomic():
            db.execute_sql("UPDATE account SET archived = TRUE WHERE rep != ?", (rep,))
            yield
            raise _Undone
    except _Undone:
        pass


def two_reps() -> None:
    # bo has most of the book: by rep anna comes first, by the plan most behind bo does.
    db.execute_sql("UPDATE account SET rep = CASE WHEN id % 3 = 0 THEN 'anna' ELSE 'bo' END")


def one_rep_row(rep: str, settings: Settings) -> tuple[str, ...]:
    """The team view's row of `rep` as the one-rep reviews of that rep's book alone give it."""
    with only(rep):
        board = board_review(2026, TODAY, settings)
        pipeline = review_reads.pipeline_review(TODAY, settings, keep=False)
        activity = review_reads.activity_tab(PERIOD, TODAY)
    cells = team_row(core_team.figures(rep, board, pipeline, activity), settings)
    # The screen shows the deals per verdict in one column.
    first, last = VERDICTS[0], VERDICTS[-1]
    return (*cells[:first], "·".join(cells[first : last + 1]), *cells[last + 1 :])


def rows_of(table: VirtualTable) -> list[tuple[str, ...]]:
    out = []
    for n in range(table.row_count):
        row = table.row_at(n)
        assert row is not None
        out.append(tuple(str(c) for c in row[1]))
    return out


def test_the_tabs_name_is_the_cores() -> None:
    assert team_tab.TEAM == core_team.TEAM


async def test_a_reps_own_file_has_no_team_tab(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert not screen.query("#tab-team")
        assert screen.check_action("team", ()) is False
        titles = [c.title for c in app.get_system_commands(screen)]
        assert "Reviews: Team" not in titles
        await pilot.press("w")
        assert screen.active_tab() == "board"


@pytest.mark.parametrize("size", [(80, 24), (130, 40), (200, 50)])
async def test_a_manager_sees_every_rep_side_by_side(
    settings: Settings, demo_db: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """On a file, as if a manager on a server: the rows are the reps' own reviews."""
    two_reps()
    monkeypatch.setattr("followup_tui.screens.review.review_screen.is_manager", lambda: True)
    expected = {rep: one_rep_row(rep, settings) for rep in ("anna", "bo")}
    app = make_app(settings, demo_db)
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        titles = [c.title for c in app.get_system_commands(screen)]
        assert "Reviews: Team" in titles
        await pilot.press("w")
        await settle(app, pilot)
        assert screen.active_tab() == "team"
        table = screen.query_one("#team-table", VirtualTable)
        rows = rows_of(table)
        assert [r[0] for r in rows] == ["anna", "bo", "Team total"]
        assert rows[0] == expected["anna"]
        assert rows[1] == expected["bo"]
        # Nothing lost between the reps: the team's deals are the book's.
        whole = review_reads.pipeline_review(TODAY, settings, keep=False)
        assert rows[2][6] == str(len(whole.rows))
        # Everything drawn fits the screen's width.
        assert all(
            region.right <= size[0]
            for region in (table.region, screen.query_one("#team-status").region)
        )
        assert screen.tab("team").rep_at_cursor() == "anna"  # type: ignore[attr-defined]
        await pilot.press("down", "s")  # on bo; the plans most behind first
        await pilot.pause()
        team = screen.tab("team").data.result  # type: ignore[union-attr]
        behind = [r.rep for r in sort_reps(team.reps, "behind")]
        assert behind == ["bo", "anna"]
        assert [r[0] for r in rows_of(table)] == [*behind, "Team total"]
        assert screen.tab("team").rep_at_cursor() == "bo"  # type: ignore[attr-defined]
        assert "sorted by plan most behind" in str(
            screen.query_one("#team-status").render()  # type: ignore[attr-defined]
        )


async def test_no_reps_yet(
    settings: Settings, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("followup_tui.screens.review.review_screen.is_manager", lambda: True)
    app = make_app(settings, db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "w")
        await settle(app, pilot)
        screen = app.screen
        assert screen.active_tab() == "team"  # type: ignore[attr-defined]
        widget = screen.tab("team")  # type: ignore[attr-defined]
        assert widget.has_class("-message")
        assert "No reps yet" in str(widget.query_one(".review-message").render())
