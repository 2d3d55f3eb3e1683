"""The review screen (key 4): tabs, the pipeline's sort, marking a plan step, keeping a
year-end verdict, and saving the screen as a picture. The database is read afterwards."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from followup_tui.core.review.pipeline_sort import SORTS
from followup_tui.core.review.text_chart import ChartRow, bar_chart
from followup_tui.db.review_reads import pipeline_review
from followup_tui.db.review_stamp import book_stamp
from followup_tui.screens.review.board_tab import BoardTab
from followup_tui.screens.review.panes import PipelineTab, YearEndTab
from followup_tui.screens.review.review_screen import ReviewScreen
from followup_tui.widgets.chart_bars import BarChart
from followup_tui.widgets.virtual_table import VirtualTable
from tests.support import TODAY, make_app


async def settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """Let a tab's read in its thread finish and its frame be drawn."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def run_palette_command(app, pilot, title: str) -> None:  # type: ignore[no-untyped-def]
    """Run the palette's command of this title, as choosing it in the palette does."""
    (command,) = [c for c in app.get_system_commands(app.screen) if c.title == title]
    command.callback()
    await pilot.pause()


def table_ids(table: VirtualTable) -> list[int]:
    rows = []
    for n in range(table.row_count):
        row = table.row_at(n)
        assert row is not None
        rows.append(row[0])
    return rows


async def test_key_4_opens_the_board_and_each_tab_draws(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.active_tab() == "board"
        assert not screen.tab("board").has_class("-message")  # read at once, no thread
        assert screen.query_one("#board-table", VirtualTable).row_count == 15
        for tab in ("pipeline", "health", "year-end", "heat", "activity"):
            await pilot.press("right")
            await settle(app, pilot)
            assert screen.active_tab() == tab
            widget = screen.tab(tab)
            assert widget.data is not None and widget.data.tab == tab
        await pilot.press("right")  # round to the board again
        assert screen.active_tab() == "board"


async def test_pipeline_sort_and_enter(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4", "right")
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one("#pipeline-table", VirtualTable)
        rows = pipeline_review(TODAY, settings).rows
        assert table_ids(table) == [r.deal_id for r in rows]  # riskiest first
        await pilot.press("s")  # weighted amount, largest first
        by_weight = sorted(rows, key=SORTS["weighted"])
        assert screen.query_one(PipelineTab).order == "weighted"
        assert table_ids(table) == [r.deal_id for r in by_weight]
        assert by_weight[0].weighted >= by_weight[-1].weighted  # type: ignore[operator]
        await pilot.press("s")
        assert table_ids(table) == [r.deal_id for r in sorted(rows, key=SORTS["amount"])]
        first = table.cursor_row_id
        await pilot.press("enter")
        await pilot.pause()
        from followup_tui.screens.sheet.blue_sheet import BlueSheetScreen

        assert isinstance(app.screen, BlueSheetScreen)
        assert app.screen.deal_id == first


async def test_marking_a_plan_step_done_then_undoing(settings, demo_db) -> None:
    from followup_tui.db.action_plans import add_step

    con = sqlite3.connect(demo_db)
    # The board's first slot: tier 1, by name.
    first = screen_first_account(con)
    add_step(first, TODAY.year, how="Site visit with the plant manager", when="2026-12")
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        assert app.screen.query_one("#board-table", VirtualTable).cursor_row_id == first
        step = app.screen.query_one(BoardTab).current_step()
        assert step is not None and step.account_id == first and step.status != "done"
        await pilot.press("d")
        await settle(app, pilot)
        status, marked = con.execute(
            "SELECT status, marked_on FROM plan_step WHERE id = ?", (step.step_id,)
        ).fetchone()
        assert (status, marked) == ("done", TODAY.isoformat())
        await pilot.press("x")
        await settle(app, pilot)
        assert con.execute(
            "SELECT status FROM plan_step WHERE id = ?", (step.step_id,)
        ).fetchone() == ("missed",)
        await pilot.press("u")
        await settle(app, pilot)
        assert con.execute(
            "SELECT status FROM plan_step WHERE id = ?", (step.step_id,)
        ).fetchone() == ("done",)
        # The board shows the step as the database has it.
        assert app.screen.query_one(BoardTab).current_step().status == "done"


def screen_first_account(con: sqlite3.Connection) -> int:
    from followup_tui.core.base.text import name_sort_key

    rows = con.execute(
        "SELECT id, name FROM account WHERE tier = 'big_below_potential' AND NOT archived"
    ).fetchall()
    return min(rows, key=lambda r: (name_sort_key(r[1]), r[0]))[0]


async def test_confirming_and_changing_a_year_end_verdict(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4", "right", "right", "right")
        await settle(app, pilot)
        screen = app.screen
        assert screen.active_tab() == "year-end"
        account = screen.query_one(YearEndTab).current_account()
        assert account is not None
        row = next(r for r in screen.tab("year-end").data.result.rows if r.account_id == account)
        await pilot.press("c")
        await settle(app, pilot)
        con = sqlite3.connect(demo_db)
        kept = con.execute(
            "SELECT verdict, proposal, confirmed_on FROM year_end_verdict "
            "WHERE account_id = ? AND year = ?",
            (account, TODAY.year),
        ).fetchall()
        assert kept == [(row.proposal, row.proposal, TODAY.isoformat())]
        await pilot.press("v")
        await settle(app, pilot)
        (changed,) = con.execute(
            "SELECT verdict FROM year_end_verdict WHERE account_id = ? AND year = ?",
            (account, TODAY.year),
        ).fetchone()
        assert changed != row.proposal
        # The cursor stayed on the account, and the row shows the verdict kept.
        assert screen.query_one(YearEndTab).current_account() == account
        assert screen.tab("year-end").data.result.rows  # read again
        kept_row = next(
            r for r in screen.tab("year-end").data.result.rows if r.account_id == account
        )
        assert kept_row.verdict == changed


async def test_period_keys(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4", "right", "right", "right", "right", "right")  # activity
        await settle(app, pilot)
        screen = app.screen
        assert screen.tab("activity").data.period.label == "2026-11"
        await pilot.press("t")
        await settle(app, pilot)
        assert screen.tab("activity").data.period.label == "2026-Q4"
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert screen.tab("activity").data.period.label == "2026-Q3"
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(app, pilot)
        assert screen.tab("activity").data.period.label == "2026-Q4"  # never a future one


async def test_empty_board_says_how_to_fill_it(settings, db_path) -> None:
    app = make_app(settings, db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        board = app.screen.tab("board")
        assert board.has_class("-message")
        message = app.screen.query_one("#review-board .review-message")
        assert "5+5+5" in str(message.render())
        await pilot.press("right")
        await settle(app, pilot)
        assert app.screen.tab("pipeline").has_class("-message")


async def test_save_picture_names_the_file(settings, demo_db, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "pictures"
    monkeypatch.setenv("FOLLOWUP_PICTURES", str(folder))
    app = make_app(settings, demo_db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        await run_palette_command(app, pilot, "Save picture")
        saved = list(folder.glob("*.svg"))
        assert len(saved) == 1 and saved[0].name.startswith("followup-reviews-2026")
        assert saved[0].read_text(encoding="utf-8").lstrip().startswith("<svg")
        said = [n.message for n in app._notifications]
        assert any(str(saved[0]) in m for m in said)
        await run_palette_command(app, pilot, "Save picture")
        assert len(list(folder.glob("*.svg"))) == 2  # never written over


@pytest.mark.parametrize("width", [20, 40, 79, 120, 200])
async def test_bar_chart_widget_keeps_its_width_with_chinese_labels(width: int) -> None:
    from textual.app import App, ComposeResult

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield BarChart(id="c")

    app = One()
    async with app.run_test(size=(width, 20)) as pilot:
        chart = app.query_one(BarChart)
        rows = [ChartRow("上海明远机电有限公司", (3.0, 1.0)), ChartRow("Contoso", (1.0, 2.0))]
        chart.show(rows, ("预期", "Actual"))
        await pilot.pause()
        lines = chart.render().plain.split("\n")
        assert len(lines) == len(chart.lines(width))
        assert all(cell_len(line) == min(width, 120) for line in lines)


def test_pictures_folder_env(tmp_path: Path, monkeypatch) -> None:
    from followup_tui.core.base.paths import default_pictures_dir

    monkeypatch.setenv("FOLLOWUP_PICTURES", str(tmp_path))
    assert default_pictures_dir() == tmp_path


@settings(max_examples=100, deadline=None)
@given(
    labels=st.lists(
        st.text(alphabet="aZ 9华为技术上海明远，。（）—", min_size=0, max_size=20),
        min_size=1,
        max_size=6,
    ),
    width=st.integers(min_value=1, max_value=200),
    shape=st.sampled_from(["grouped", "stacked", "centred"]),
)
def test_chart_lines_take_their_width_in_rich_cells(labels, width, shape) -> None:
    """Measured as the screen measures (Rich's cell_len), every line is the width asked."""
    rows = [ChartRow(label, (float(n), float(n % 3))) for n, label in enumerate(labels)]
    for line in bar_chart(rows, width, shape=shape, width_of=cell_len):
        assert cell_len("".join(text for text, _role in line)) == width


async def test_help_and_palette_list_the_review_keys(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Reviews: Month" in titles and "Save picture" in titles
        assert "Reviews: Done" in titles  # the board's own key, out of the footer
        assert "Reviews: Sort" not in titles  # the pipeline's, not shown on the board
        await pilot.press("right")
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Reviews: Sort" in titles and "Reviews: Done" not in titles
        await pilot.press("question_mark")
        await pilot.pause()
        from followup_tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        described = [row[1] for row in app.screen.rows]
        assert {"Month", "Quarter", "Year", "Sort", "Earlier", "Later"} <= set(described)


async def test_charts_follow_the_theme(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "right")
        await settle(app, pilot)
        chart = app.screen.query_one("#pipeline-funnel", BarChart)
        dark = chart.get_component_rich_style("bar-chart--s0")
        await pilot.press("ctrl+t")
        await pilot.pause()
        light = chart.get_component_rich_style("bar-chart--s0")
        assert dark.color != light.color or dark.bgcolor != light.bgcolor
        assert "█" in chart.render().plain


async def test_tabs_are_read_ahead_and_drawn_before_they_are_shown(settings, demo_db) -> None:
    """While the rep looks at the board the other tabs are read and drawn hidden: the
    first frame after a switch shows the tab's review, never 'Reading…'."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        for tab in ("pipeline", "health", "year-end", "heat", "activity"):
            data = screen.drawn(tab)  # made and filled, still hidden
            assert data is not None and data.period == screen.period(tab), tab
        for tab in ("pipeline", "health", "year-end", "heat", "activity"):
            await pilot.press("right")
            await pilot.pause()  # one frame: no thread read to wait for
            assert screen.active_tab() == tab
            assert not screen.tab(tab).has_class("-message"), tab


async def test_a_read_begun_before_a_write_is_not_kept(settings, demo_db) -> None:
    """A read handed over after a write dropped its tab is of the data before the write."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4", "right")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        old = screen.drawn("pipeline")
        assert old is not None
        before = screen._generation.get("pipeline", 0)
        screen.forget("pipeline")  # a write on a blue sheet opened from here
        screen._loaded(old, before)  # the read under way at the write comes in
        assert old.key not in screen.kept
        # A read begun after it, the book unwritten since.
        screen._loaded(old, screen._generation["pipeline"], stamp=book_stamp())
        assert screen.kept[old.key] is old


def pipeline_titles(screen: ReviewScreen) -> dict[int, str]:
    """Deal id -> title, as the pipeline tab drawn shows them."""
    data = screen.drawn("pipeline")
    assert data is not None and not screen.tab("pipeline").has_class("-message")
    return {r.deal_id: r.title for r in data.result.rows}  # type: ignore[attr-defined]


async def start_writes_done(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """The app's own writes after a start (the coming days placed, the day's backup)
    made: they are writes to the book too, and would have the review read again."""
    await app.workers.wait_for_complete()
    await pilot.pause(0.1)
    await app.workers.wait_for_complete()


async def test_a_tab_kept_shows_a_write_made_elsewhere_on_the_next_visit(
    settings, demo_db, monkeypatch
) -> None:
    """Going back to a tab draws what was read, unless the book was written since: by
    another process on the same file, on this app's own connection, or while the rep
    was on another screen. Then it is read again, never drawn as it was."""
    import subprocess
    import sys

    from followup_tui.db.connection import db
    from followup_tui.screens import due_queue

    monkeypatch.setattr(due_queue, "PREPARE_AFTER_SECONDS", 0.01)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await start_writes_done(app, pilot)
        await pilot.press("4", "right")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        first = screen.drawn("pipeline")
        deal = next(iter(pipeline_titles(screen)))
        await pilot.press("right")  # health
        await settle(app, pilot)
        await pilot.press("left")  # back: nothing written, the same read drawn again
        await settle(app, pilot)
        assert screen.drawn("pipeline") is first
        # Another process renames the deal.
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                "c.execute('UPDATE deal SET title = ? WHERE id = ?', (sys.argv[2], sys.argv[3])); "
                "c.commit()",
                str(demo_db),
                "Renamed by another process",
                str(deal),
            ],
            check=True,
        )
        await pilot.press("right")
        await settle(app, pilot)
        await pilot.press("left")
        await settle(app, pilot)
        assert pipeline_titles(screen)[deal] == "Renamed by another process"
        # This app's own connection writes (as another screen of it would).
        db.execute_sql("UPDATE deal SET title = 'Renamed here' WHERE id = ?", (deal,))
        await pilot.press("right")
        await settle(app, pilot)
        await pilot.press("left")
        await settle(app, pilot)
        assert pipeline_titles(screen)[deal] == "Renamed here"
        # Written while the rep is on the queue: key 4 again shows the tab read afresh.
        await pilot.press("1")
        await settle(app, pilot)
        db.execute_sql("UPDATE deal SET title = 'Renamed meanwhile' WHERE id = ?", (deal,))
        await pilot.press("4")
        await settle(app, pilot)
        assert app.screen is screen and screen.active_tab() == "pipeline"
        assert pipeline_titles(screen)[deal] == "Renamed meanwhile"


async def test_a_read_ahead_of_before_a_write_is_not_drawn(settings, demo_db) -> None:
    """A tab read ahead, then the book written: the rep opening the tab sees it read
    again, not what was read ahead."""
    from followup_tui.db.connection import db

    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        for _ in range(40):  # the reads ahead, once the board has been looked at
            await pilot.pause(0.1)
            if screen.drawn("year-end") is not None:
                break
        ahead = screen.drawn("pipeline")
        assert ahead is not None
        deal = ahead.result.rows[0].deal_id  # type: ignore[attr-defined]
        db.execute_sql("UPDATE deal SET title = 'Renamed after the read' WHERE id = ?", (deal,))
        await pilot.press("right")
        await settle(app, pilot)
        assert screen.drawn("pipeline") is not ahead
        assert pipeline_titles(screen)[deal] == "Renamed after the read"


async def type_into(pilot, field_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    field = pilot.app.screen.query_one(f"#{field_id}")
    field.value = text
    await pilot.pause()


async def test_plan_edits_on_the_board_undo_one_by_one(settings, demo_db) -> None:
    """A step added, the goals and months changed, the step changed - then `u` undoes each
    in turn, newest first, saying what it undid; the database reads as before each."""
    from textual.widgets import TextArea

    from followup_tui.db import action_plans as ap

    con = sqlite3.connect(demo_db)
    first = screen_first_account(con)

    def plan() -> tuple[object, ...]:
        p = ap.plan_for(first, TODAY.year)
        return (p.goals, p.milestones, tuple((s.who, s.how, s.when.text) for s in p.steps))

    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40), notifications=True) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        screen = app.screen
        states = [plan()]
        await pilot.press("a")
        await type_into(pilot, "step-how", "Call the new CFO")
        await type_into(pilot, "step-when", "2026-13")
        await pilot.press("ctrl+s")
        error = str(app.screen.query_one("#plan-error").render())
        assert "2026-05" in error and app.screen is not screen  # said inline, not saved
        await type_into(pilot, "step-when", "2026-12")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        states.append(plan())
        assert ("", "Call the new CFO", "2026-12") in states[-1][2]
        await pilot.press("g")
        app.screen.query_one("#plan-goals", TextArea).text = "Win the rollout\nMeet the CFO"
        await type_into(pilot, "month-12", "55,000")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        after_goals = plan()
        assert after_goals[0] == ("Win the rollout", "Meet the CFO")
        assert after_goals[1][11] == Decimal("55000")
        states.append((after_goals[0], states[-1][1], states[-1][2]))  # goals, then months
        states.append(after_goals)
        new_id = next(
            s.step_id for s in ap.plan_for(first, TODAY.year).steps if s.how == "Call the new CFO"
        )
        steps = screen.query_one("#board-steps", VirtualTable)
        steps.cursor = table_ids(steps).index(new_id)
        await pilot.press("e")
        await type_into(pilot, "step-who", "Li")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        states.append(plan())
        assert ("Li", "Call the new CFO", "2026-12") in states[-1][2]
        app._notifications.clear()
        for n in range(len(states) - 1, 0, -1):
            await pilot.press("u")
            await settle(app, pilot)
            assert plan() == states[n - 1], n
        said = [n.message for n in app._notifications]
        assert said[0].startswith("Undid: changed who of the step")
        assert said[1].startswith("Undid: changed the monthly expected amounts")
        assert said[2].startswith("Undid: changed the goals")
        assert said[3].startswith('Undid: added the step "Call the new CFO"')


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
async def test_every_tabs_charts_fit_from_80x24_to_200x50_in_both_themes(
    settings, demo_db, size
) -> None:
    """Each tab's charts draw inside their widget, at the smallest size and the largest,
    in the dark theme and the light one."""
    from followup_tui.core.review.review_view import TABS

    app = make_app(settings, demo_db)
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        drawn = 0
        for theme in ("dark", "light"):
            for n, tab in enumerate(TABS):
                if n or theme == "light":
                    await pilot.press("right")
                    await settle(app, pilot)
                assert screen.active_tab() == tab
                for chart in screen.tab(tab).query(BarChart):
                    width = chart.content_region.width
                    if not chart.display or width == 0:
                        continue  # the board's months wait for a slot's plan
                    lines = chart.render().plain.split("\n")
                    assert lines and all(cell_len(line) <= width for line in lines), tab
                    assert any(line.strip() for line in lines), tab
                    drawn += 1
            await pilot.press("ctrl+t")
            await pilot.pause()
        # The board's months, the funnel, quarters by class and level, heat, contacts.
        assert drawn >= 2 * 5


async def test_key_4_footer_keys_come_after_the_board(settings, demo_db) -> None:
    """The footer's keys are left out of key 4's first frame (made in the next): once
    shown, the footer names the screen's keys, and stays the same on every tab."""
    from textual.widgets._footer import FooterKey

    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        footer = [k.key for k in screen.query(FooterKey)]
        assert {"1", "2", "3", "4"} <= set(footer), footer
        await pilot.press("right")
        await settle(app, pilot)
        assert [k.key for k in screen.query(FooterKey)] == footer


async def test_the_queues_footer_is_not_rebuilt_as_key_4_leaves_it(settings, demo_db) -> None:
    """Key 4 suspends the queue: its footer, out of sight, keeps its keys (rebuilding them
    was most of key 4's time after its own screen's), and shows them on the way back."""
    from textual.widgets._footer import FooterKey

    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(app, pilot)
        queue = app.screen
        before = list(queue.query(FooterKey))
        assert {"1", "2", "3", "4"} <= {k.key for k in before}
        await pilot.press("4")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert list(queue.query(FooterKey)) == before  # the same widgets: not rebuilt
        await pilot.press("1")
        await settle(app, pilot)
        assert app.screen is queue
        assert {"1", "2", "3", "4"} <= {k.key for k in queue.query(FooterKey)}


async def test_the_tabs_lines_name_the_keys_a_keymap_moved(settings, demo_db) -> None:
    """Each line naming a tab's keys (the board's plan, the pipeline's and year-end's
    status, the period line) says the key the keymap put a binding on, active or not."""
    from textual.widgets import Static

    app = make_app(settings, demo_db)
    async with app.run_test(size=(160, 45)) as pilot:
        app.set_keymap(
            {
                "review.done": "D",
                "review.undo": "U",
                "review.sort": "S",
                "review.confirm": "C",
                "review.month": "M",
            }
        )
        await pilot.press("4")
        await settle(app, pilot)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)

        def text(selector: str) -> str:
            return str(screen.query_one(selector, Static).render())

        plan = text("#board-plan")
        assert "D: step done" in plan and "U: undo" in plan and "x: missed" in plan, plan
        assert "M t y: period" in text("#review-period"), text("#review-period")
        await pilot.press("right")
        await settle(app, pilot)
        assert "(S: another order)" in text("#pipeline-status"), text("#pipeline-status")
        await pilot.press("right", "right")
        await settle(app, pilot)
        assert screen.active_tab() == "year-end"
        status = text("#year-end-status")
        assert "C: keep the proposal" in status and "U: undo" in status, status
