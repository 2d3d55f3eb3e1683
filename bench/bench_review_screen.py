"""Benchmark of the review screen (issue 16): key 4 and switching its tabs.

    python bench/bench_review_screen.py               # 10,000 accounts, 3 rounds
    python bench/bench_review_screen.py --rounds 1

On a migrated copy of the cached book (`bench/make_db.py`; the copy is kept in
<tmp>/followup-bench-review while its schema is current, as `bench_find.py`
keeps its own). Each round runs in a fresh process, so no round warms the next.

What is measured
----------------
Times run from posting the key event (`events.Key`, not Pilot, whose press and
pause carry fixed waits) to the frame Textual hands the terminal driver in which
the condition holds (`bench_accounts.FrameClock`: `App._display` wrapped, the
update rendered to escape sequences as a real driver would):

- **key 4** - on the due queue, to the first frame showing the review screen with
  its first tab (the 5+5+5 board) drawn: its slots in the table. Target: under
  150 ms and within 3x the floor.
- **floor** - the same key in a bare Textual app whose main screens are modes,
  as the app's are (so both pay Textual's short batch of a mode switch,
  `App.delay_update`): the mode's screen has a title, a tab bar and a stock
  `DataTable` filled from the raw SQL aggregates the board needs (tiered
  accounts; plan steps by status, milestones, purchases by month and won deals
  of those accounts), measured in the same process. Beside it, the SQL alone and
  the board's own read (`review_data.load_tab`).
- **tab shown** - `right` to the next tab, to the first frame in which that tab
  is the one shown (its data, or its "Reading…" line while a thread reads it).
  Target: under 100 ms.
- **tab filled** - the same key to the first frame with the tab's review drawn
  (the thread's read included: no target in this script, the reads are
  `db.review_reads`' and are reported per tab).
- **tab again** - a second round of the tabs, each already read: the key to the
  frame with the tab drawn from what the screen kept. Target: under 100 ms.
- **tab floor** - `right` in a bare app whose screen holds six tabs, each a stock
  `DataTable` filled from the same raw SQL: the key to the frame showing the next
  tab. Every switch is also given as a ratio to it.
- **after a write** - last, another connection (as another process would) renames
  an open deal; `right` to the pipeline, to the frame showing the new title: the
  tab is read again (its sheets judged before are kept by their content, so only
  that deal is judged again).
- **read alone** - after the app, each tab's `review_data.load_tab` in the same
  process (the pipeline's judgements kept by then), and **first read** - each
  tab's first `load_tab` in a process of its own, nothing kept (the modules the
  reads use imported first): what a switch right after key 4 waits for.

Once the board is drawn the screen reads the other tabs ahead in a thread. With
`--look S` the script waits S seconds on the board before the first switch, as a
rep who looks at the board first: by then the tabs are read, and "filled" is the
switch to the tab drawn from what was read ahead. Without it (`--look 0`) the
first switch comes 50 ms after the board, while the reads ahead are under way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
sys.path.insert(0, str(BENCH_DIR))

from bench_accounts import (  # noqa: E402
    SETTLE_S,
    TODAY,
    cache_dir,
    compile_bytecode,
    followup_app,
    key_event,
)
from bench_find import work_copy  # noqa: E402

TERMINAL = (120, 40)
SIZE = 10_000
MARK = "REVIEW-RESULT "
TABS = ("board", "pipeline", "health", "year-end", "heat", "activity")
FLOOR_RUNS = 20


# -- the floor -------------------------------------------------------------------------------
def floor_sql(con: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """The raw aggregates the board needs, one row per tiered account."""
    accounts = con.execute(
        "SELECT id, name, tier, quadrant FROM account "
        "WHERE NOT archived AND tier IS NOT NULL AND tier != '' ORDER BY tier, name"
    ).fetchall()
    ids = [a[0] for a in accounts]
    marks = ",".join("?" * len(ids))
    year, start, end = str(TODAY.year), f"{TODAY.year}-01-01", f"{TODAY.year}-12-31"
    steps = dict.fromkeys(ids, (0, 0))
    if _has_table(con, "plan_step"):
        for account, n, done in con.execute(
            "SELECT p.account_id, COUNT(s.id), SUM(s.status = 'done') FROM action_plan p "
            f"JOIN plan_step s ON s.plan_id = p.id WHERE p.year = ? AND p.account_id IN ({marks}) "
            "GROUP BY p.account_id",
            (int(year), *ids),
        ):
            steps[account] = (n, done or 0)
        con.execute(
            "SELECT p.account_id, SUM(m.expected) FROM action_plan p JOIN plan_milestone m "
            f"ON m.plan_id = p.id WHERE p.year = ? AND p.account_id IN ({marks}) "
            "GROUP BY p.account_id",
            (int(year), *ids),
        ).fetchall()
    bought: dict[int, float] = {}
    for account, _month, amount in con.execute(
        "SELECT account_id, substr(purchased_on, 6, 2), SUM(amount) FROM purchase "
        f"WHERE account_id IN ({marks}) AND purchased_on BETWEEN ? AND ? GROUP BY 1, 2",
        (*ids, start, end),
    ):
        bought[account] = bought.get(account, 0.0) + float(amount or 0)
    con.execute(
        "SELECT account_id, SUM(amount) FROM deal WHERE outcome = 'won' "
        f"AND account_id IN ({marks}) GROUP BY account_id",
        ids,
    ).fetchall()
    return [
        (a[1], a[2], a[3] or "-", steps[a[0]][0], steps[a[0]][1], f"{bought.get(a[0], 0):,.0f}")
        for a in accounts
    ]


def _has_table(con: sqlite3.Connection, name: str) -> bool:
    found = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,))
    return found.fetchone() is not None


def floor_app(db_path: Path) -> Any:
    """A bare app: key 4 pushes a screen with a title, tabs and a DataTable of the board."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import DataTable, Static, Tab, Tabs

    class Board(Screen[None]):
        """Title, six tabs and the board's rows from raw SQL."""

        def compose(self) -> ComposeResult:
            yield Static("followup — Review")
            yield Tabs(*(Tab(t, id=f"t-{t}") for t in TABS))
            yield DataTable(id="floor-table")

        def on_mount(self) -> None:
            con = sqlite3.connect(db_path)
            rows = floor_sql(con)
            con.close()
            table = self.query_one(DataTable)
            table.add_columns("Account", "Tier", "Class", "Steps", "Done", "Bought")
            table.add_rows(rows)

    class Queue(Screen[None]):
        """The screen the key is pressed on."""

        def compose(self) -> ComposeResult:
            yield Static("queue")

    class Floor(App[None]):
        """Main screens as modes, as the app has them: key 4 switches mode."""

        MODES = {"queue": Queue, "board": Board}
        DEFAULT_MODE = "queue"
        BINDINGS = [Binding("4", "board", "Board")]

        def action_board(self) -> None:
            self.switch_mode("board")

    return Floor()


def tabs_floor_app(db_path: Path) -> Any:
    """A bare app: one screen of six tabs, each a DataTable of the board's rows."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, TabbedContent, TabPane

    class TabsFloor(App[None]):
        """Six tabs drawn from raw SQL: `right` shows the next."""

        def compose(self) -> ComposeResult:
            with TabbedContent(id="floor-tabs"):
                for t in TABS:
                    with TabPane(t, id=f"t-{t}"):
                        yield DataTable(id=f"floor-{t}")

        def on_mount(self) -> None:
            con = sqlite3.connect(db_path)
            rows = floor_sql(con)
            con.close()
            for table in self.query(DataTable):
                table.add_columns("Account", "Tier", "Class", "Steps", "Done", "Bought")
                table.add_rows(rows)
            self.query(DataTable).first().focus()

    return TabsFloor()


# -- timing frames ------------------------------------------------------------------------------
class FrameClock:
    """`bench_accounts.FrameClock` watching several conditions at once: each frame written
    resolves every waiting condition that holds after it (a tab shown, then filled)."""

    def __init__(self, app: Any) -> None:
        from textual._compositor import CompositorUpdate

        self.waiting: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        display = app._display
        console = app.console

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is None or app._batch_count:
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(console)  # what a real driver would write
            now = time.perf_counter()
            still = []
            for cond, future in self.waiting:
                if future.done():
                    continue
                if cond():
                    future.set_result(now)
                else:
                    still.append((cond, future))
            self.waiting = still

        app._display = timed_display

    def next_frame(self, cond: Callable[[], bool]) -> asyncio.Future[float]:
        """A future resolved with the time of the first frame after which `cond()` holds."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting.append((cond, future))
        return future


async def timed(app: Any, clock: FrameClock, key: str, *conds: Callable[[], bool]) -> list[float]:
    """ms from posting `key` to the first frame where each of `conds` holds."""
    futures = [clock.next_frame(c) for c in conds]
    started = time.perf_counter()
    app.post_message(key_event(key))
    painted = [await asyncio.wait_for(f, timeout=120) for f in futures]
    await asyncio.sleep(SETTLE_S)
    return [(p - started) * 1000 for p in painted]


def floor_shown(app: Any) -> Callable[[], bool]:
    """The bare app's board is drawn: its table has rows."""
    from textual.widgets import DataTable

    def shown() -> bool:
        tables = app.screen.query(DataTable)
        return bool(tables) and tables.first().row_count > 0

    return shown


# -- one round, in its own process ------------------------------------------------------------


async def measure_floor(db_path: Path) -> dict[str, float]:
    """The bare app's key 4 (median of a few), and the SQL alone."""
    con = sqlite3.connect(db_path)
    sql = []
    for _ in range(FLOOR_RUNS):
        start = time.perf_counter()
        floor_sql(con)
        sql.append((time.perf_counter() - start) * 1000)
    con.close()
    keys = []
    for _ in range(5):
        app = floor_app(db_path)
        clock = FrameClock(app)
        async with app.run_test(headless=True, size=TERMINAL) as pilot:
            await pilot.pause(0.2)

            keys.append((await timed(app, clock, "4", floor_shown(app)))[0])
    switches = []
    app = tabs_floor_app(db_path)
    clock = FrameClock(app)
    async with app.run_test(headless=True, size=TERMINAL) as pilot:
        from textual.widgets import TabbedContent

        await pilot.pause(0.3)
        tabbed = app.query_one(TabbedContent)
        for n in range(1, 2 * len(TABS) + 1):
            want = f"t-{TABS[n % len(TABS)]}"
            # `right` moves the tab bar's focus: the tab bar has it, as on the review screen.
            app.query_one("Tabs").focus()
            await pilot.pause()
            switches.append(
                (await timed(app, clock, "right", lambda w=want: tabbed.active == w))[0]
            )
    return {
        "sql_ms": statistics.median(sql),
        "key4_ms": statistics.median(keys),
        "tab_ms": statistics.median(switches),
    }


async def measure_review(db_path: Path) -> dict[str, Any]:
    """Key 4 on the queue, then every tab twice (read, then kept)."""
    from followup_tui.core.base.config import load_settings
    from followup_tui.core.review.review_view import tab_period
    from followup_tui.screens.review.review_data import load_tab

    app = followup_app(db_path, list_first=False)
    clock = FrameClock(app)
    out: dict[str, Any] = {"shown": {}, "filled": {}, "again": {}, "read": {}}
    async with app.run_test(headless=True, size=TERMINAL) as pilot:
        from followup_tui.screens.due_queue import PREPARE_AFTER_SECONDS
        from followup_tui.screens.file_keeping import BACKUP_AFTER_SECONDS

        await app.workers.wait_for_complete()
        # The app's own writes after a start (the coming days placed, the day's backup)
        # made first: each is a write the review screen would read its tabs again after.
        await pilot.pause(max(PREPARE_AFTER_SECONDS, BACKUP_AFTER_SECONDS) + 0.5)
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)

        def screen() -> Any:
            from followup_tui.screens.review.review_screen import ReviewScreen

            return app.screen if isinstance(app.screen, ReviewScreen) else None

        def filled(tab: str) -> Callable[[], bool]:
            def check() -> bool:
                s = screen()
                if s is None or s.active_tab() != tab:
                    return False
                data = s.drawn(tab)
                return data is not None and data.period == s.period(tab)

            return check

        def shown(tab: str) -> Callable[[], bool]:
            def check() -> bool:
                s = screen()
                return s is not None and s.active_tab() == tab

            return check

        (out["key4_ms"],) = await timed(app, clock, "4", filled("board"))
        if LOOK_S:  # the rep looks at the board before going on (the other tabs read ahead)
            await asyncio.sleep(LOOK_S)
        for tab in TABS[1:]:
            out["shown"][tab], out["filled"][tab] = await timed(
                app, clock, "right", shown(tab), filled(tab)
            )
        for tab in TABS:
            (out["again"][tab],) = await timed(app, clock, "right", filled(tab))
        # Another connection renames an open deal; the pipeline is opened again.
        await timed(app, clock, "right", filled("board"))  # from activity round to the board
        s = screen()
        assert s is not None and s.active_tab() == "board"
        deal = s.drawn("pipeline").result.rows[0].deal_id
        title = "renamed by another process"
        con = sqlite3.connect(db_path)
        with con:
            old = con.execute("SELECT title FROM deal WHERE id = ?", (deal,)).fetchone()[0]
            con.execute("UPDATE deal SET title = ? WHERE id = ?", (title, deal))

        def renamed() -> bool:
            s = screen()
            if s is None or s.active_tab() != "pipeline" or s.tab("pipeline").has_class("-message"):
                return False
            data = s.drawn("pipeline")
            return data is not None and any(
                r.deal_id == deal and r.title == title for r in data.result.rows
            )

        (out["written_ms"],) = await timed(app, clock, "right", renamed)
        with con:  # as it was: the next round's copy is this file
            con.execute("UPDATE deal SET title = ? WHERE id = ?", (old, deal))
        con.close()
    settings = load_settings(None, cache_dir=cache_dir(None) / "settings")
    for tab in TABS:
        period = tab_period(tab, None, TODAY, TODAY)
        start = time.perf_counter()
        load_tab(tab, period, TODAY, settings)
        out["read"][tab] = (time.perf_counter() - start) * 1000
    return out


LOOK_S = 0.0  # seconds on the board after key 4 (`--look`)


def worker(db_path: Path) -> None:
    """One round: the review app, then the floor, in this process."""
    review = asyncio.run(measure_review(db_path))
    floor = asyncio.run(measure_floor(db_path))
    print(MARK + json.dumps({"review": review, "floor": floor}), flush=True)


def first_reads(db_path: Path) -> None:
    """Each tab's first read in this fresh process, nothing kept (see the module doc)."""
    from followup_tui.cli import runtime as cli
    from followup_tui.core.base.config import load_settings
    from followup_tui.core.review import review_tables  # noqa: F401  (imported, not timed)
    from followup_tui.core.review.review_view import tab_period
    from followup_tui.db import action_plans, review_reads  # noqa: F401
    from followup_tui.screens.review.review_data import load_tab

    settings = load_settings(None, cache_dir=cache_dir(None) / "settings")
    cli.open_db(db_path, settings=settings)
    out = {}
    for tab in TABS:
        period = tab_period(tab, None, TODAY, TODAY)
        start = time.perf_counter()
        load_tab(tab, period, TODAY, settings)
        out[tab] = (time.perf_counter() - start) * 1000
    print(MARK + json.dumps(out), flush=True)


# -- driving the rounds ------------------------------------------------------------------------
def report(n: int, got: dict[str, Any]) -> None:
    """One round's figures against the targets and the floor."""
    r, f = got["review"], got["floor"]
    ratio = r["key4_ms"] / f["key4_ms"]
    tab_floor = f["tab_ms"]
    print(f"round {n}")
    print(
        f"  key 4 -> board drawn   {r['key4_ms']:7.1f} ms   floor {f['key4_ms']:6.1f} ms "
        f"= {ratio:4.1f}x   (target < 150 ms, < 3x)   raw SQL {f['sql_ms']:5.2f} ms, "
        f"board read {r['read']['board']:5.1f} ms"
    )
    print(f"  tab switch floor {tab_floor:6.1f} ms (a bare app's six DataTable tabs)")
    for tab in TABS[1:]:
        print(
            f"  -> {tab:<9} shown {r['shown'][tab]:6.1f} ms  filled {r['filled'][tab]:7.1f} ms"
            f" ({r['filled'][tab] / tab_floor:4.1f}x)  again {r['again'][tab]:6.1f} ms"
            f" ({r['again'][tab] / tab_floor:4.1f}x)   (read alone {r['read'][tab]:7.1f} ms)"
        )
    print(
        f"  -> board     again {r['again']['board']:6.1f} ms"
        f" ({r['again']['board'] / tab_floor:4.1f}x)"
    )
    print(f"  -> pipeline after a write elsewhere {r['written_ms']:6.1f} ms")
    print(
        "  first read in a fresh process: "
        + ", ".join(f"{t} {got['first'][t]:.0f}" for t in TABS)
        + " ms"
    )
    slow = [t for t in TABS[1:] if r["filled"][t] >= 100] + [
        f"{t} again" for t in TABS if r["again"][t] >= 100
    ]
    print(
        "  every tab switch under 100 ms: "
        + ("met" if not slow else "NOT met (" + ", ".join(slow) + ")")
    )


def main(argv: list[str] | None = None) -> int:
    """Run the rounds, each in a fresh process, and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--reads", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "followup-bench-review"
    )
    parser.add_argument(
        "--look",
        type=float,
        default=0.0,
        help="seconds on the board after key 4 before the first tab switch (default 0: at once)",
    )
    args = parser.parse_args(argv)
    if args.reads:
        first_reads(args.reads)
        return 0
    if args.worker:
        global LOOK_S
        LOOK_S = args.look
        worker(args.worker)
        return 0
    compile_bytecode()  # PYTHONDONTWRITEBYTECODE=1 here: each round would compile the imports
    path, migrated, _size = work_copy(SIZE, cache_dir(None), args.work)
    if migrated is not None:
        print(f"(copied and migrated the {SIZE:,}-account book in {migrated:.1f} s)")
    print(f"{SIZE:,} accounts, terminal {TERMINAL[0]}x{TERMINAL[1]}, {path}")
    if args.look:
        print(f"{args.look:g} s on the board after key 4 before the first tab switch")
    for n in range(1, args.rounds + 1):
        done = subprocess.run(
            [sys.executable, __file__, "--worker", str(path), "--look", str(args.look)],
            capture_output=True,
            text=True,
        )
        if done.returncode:
            sys.stderr.write(done.stderr)
            return 1
        line = next(x for x in done.stdout.splitlines() if x.startswith(MARK))
        got = json.loads(line[len(MARK) :])
        reads = subprocess.run(
            [sys.executable, __file__, "--reads", str(path)], capture_output=True, text=True
        )
        if reads.returncode:
            sys.stderr.write(reads.stderr)
            return 1
        line = next(x for x in reads.stdout.splitlines() if x.startswith(MARK))
        got["first"] = json.loads(line[len(MARK) :])
        report(n, got)
    return 0


if __name__ == "__main__":
    sys.exit(main())
