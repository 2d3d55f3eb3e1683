"""The due queue (key 1, the first screen): who to follow up now, and why."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from followup_tui.core.queue.queue_items import DueQueue, QueueItem, QueueRows
from followup_tui.core.queue.queue_lines import (
    Line,
    Place,
    headings,
    line_of,
    line_payload,
    loaded,
    place_of,
    queue_lines,
)
from followup_tui.db.database import thread_connection
from followup_tui.db.queue_data import QueueInputs, load_queue_inputs
from followup_tui.db.queue_store import (
    catch_up,
    fast_queue,
    prepare_days,
    states_ready,
    written_since,
)
from followup_tui.screens.base import AppScreen, styled_as_current
from followup_tui.screens.queue_keys import QUEUE_BINDINGS, QUEUE_ONLY
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.one_line import OneLine
from followup_tui.widgets.queue_rows import (
    counts_text,
    empty_text,
    outside_hours_note,
    plan_lines,
    priority_text,
    why_text,
)
from followup_tui.widgets.queue_table import QueueTable
from followup_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from followup_tui.core.queue.planning import PlanEntry

VIEWS = ("queue", "week", "month", "quarter")  # the queue, then `planning.HORIZONS`
# Lines loaded at a time: a tall terminal's screenful. A queue row is made (its
# account's records read) when about to be shown, so the first frame makes these
# and no more.
PAGE_ROWS = 48
WATCH_SECONDS = 5.0  # how often the shown queue looks for other processes' writes
# After a start, the coming days are placed ahead (in a thread) so that tomorrow's
# first start reads its placement back: late enough to leave the first keys alone.
PREPARE_AFTER_SECONDS = 3.0


class DueQueueScreen(AppScreen[None]):
    """Overdue, today, no next step, cooling, dormant to revive, buying season ahead."""

    CSS_PATH = "due_queue.tcss"
    PALETTE_CATEGORY = "Queue"
    BINDINGS = QUEUE_BINDINGS

    def __init__(self) -> None:
        super().__init__()
        self.view = "queue"
        self.lines: list[Line] = []
        self.queue: DueQueue | None = None
        self.inputs: QueueInputs | None = None
        self._healing = False
        self._queue_place: Place | None = None
        self._prepared: dt.date | None = None  # the day whose coming days were placed
        styled_as_current(self)

    def compose(self) -> ComposeResult:
        """Counts, the rows, the highlighted row's detail, an empty state.

        The detail gives each thing its own line, so none pushes another out: the
        reasons in full, the account and its priority, then a calling-hours note.
        """
        yield TitleBar()
        yield Static(id="queue-counts")
        yield QueueTable(self.fapp.settings, id="queue-table", page_size=PAGE_ROWS)
        with Vertical(id="queue-detail"):
            yield Static(id="queue-why", markup=False)
            yield OneLine(id="queue-priority", markup=False)
            yield OneLine(id="queue-hours", markup=False)
        yield Static(id="queue-empty")
        yield Footer()

    def on_mount(self) -> None:
        """Build the queue for today."""
        self.sub_title = self.fapp.settings.word("due_queue")
        self.action_reload()
        self.query_one(QueueTable).focus()
        self.set_interval(WATCH_SECONDS, self._watch_writes)

    def _watch_writes(self) -> None:
        """Catch up on what another process wrote (a `followup note` in another shell).

        One indexed read every few seconds, while the queue is the screen shown;
        on return to it the resume catches up anyway.
        """
        if self.queue is not None and self.app.screen is self and written_since():
            self.catch_up()

    def _word(self, key: str) -> str:
        """A word of the vocabulary in the configured language."""
        return self.fapp.settings.word(key)

    # -- building --------------------------------------------------------------------
    def action_reload(self) -> None:
        """Read the database and build the queue for today.

        With the stored queue states current (see `db.queue_state`) the queue
        takes milliseconds even for a large book, and is built inline, in the
        first frame. When many states must be written first (the first start
        after an upgrade or a change of settings) it builds in a thread, so
        the screen and its keys answer at once, with progress shown.
        """
        self.inputs = None
        if states_ready(self.fapp.settings):
            self._built(self._build())
            return
        self.query_one("#queue-counts", Static).update(self._word("queue_building"))
        self.run_worker(self._build_in_thread, thread=True, exclusive=True, group="queue")

    def _build(self) -> DueQueue:
        app = self.fapp
        # A day placed anew is written for the next start once this one's frame is out.
        return fast_queue(
            app.today(), app.settings, now_utc=app.now_utc(), keep_later=app.after_first_frame
        )

    def catch_up(self) -> None:
        """After writes: rebuild the rows of the accounts written to, keeping the cursor's place.

        Those are the accounts written to since the queue was read, here, on
        another screen or by another process. The whole queue is rebuilt when
        there is none yet (still building), the day has turned since it was
        built, or thousands of accounts were written to (an import).
        """
        app = self.fapp
        if self.queue is None or self.queue.today != app.today():
            self.action_reload()
            return
        queue = catch_up(self.queue, app.settings, now_utc=app.now_utc())
        if queue is None:
            self.action_reload()
            return
        if queue is not self.queue:
            self.queue = queue
            self.inputs = None  # the plans read it again when next shown
            self._show()

    def on_screen_resume(self) -> None:
        """Back from another screen or dialog: show what was written there meanwhile."""
        if self.queue is not None:
            self.catch_up()

    def _heal(self) -> None:
        self._healing = False
        self.on_screen_resume()

    def _build_in_thread(self) -> None:
        # Peewee connections belong to a thread: this one opens and closes its own.
        with thread_connection():
            queue = self._build()
        self.app.call_from_thread(self._built, queue)

    def _built(self, queue: DueQueue) -> None:
        self.queue = queue
        self._show()
        if self._prepared != queue.today:
            self._prepared = queue.today
            self.set_timer(PREPARE_AFTER_SECONDS, self._prepare_days)

    def _prepare_days(self) -> None:
        """Place the coming days ahead, in a thread (see `queue_store.prepare_days`)."""
        self.run_worker(self._prepare_in_thread, thread=True, exclusive=True, group="prepare")

    def _prepare_in_thread(self) -> None:
        app = self.fapp
        with thread_connection():
            prepare_days(app.today(), app.settings)

    def _show(self, keep: int | None = None) -> None:
        """Draw the view; the cursor stays on its row's account and section where it still
        is, else at its index (the next row, after a row left), or at `keep`."""
        table = self.query_one(QueueTable)
        place = place_of(self.lines, table.cursor) if keep is None else None
        cursor = table.cursor if keep is None else keep
        assert self.queue is not None
        heading = self.fapp.settings.word("queue_heading")
        self.lines = (
            queue_lines(self.queue, heading) if self.view == "queue" else self._plan_lines()
        )
        if place is not None:
            cursor = line_of(self.lines, place, cursor)
        table.show(
            self.view,
            len(self.lines),
            cursor=cursor,
            today=self.queue.today,
            headings=headings(self.lines),
        )
        self._show_counts()
        self._load_shown()

    # -- loading the lines the table shows -------------------------------------------
    def _load_shown(self) -> None:
        """Give the table the lines in view before it draws them; the rest of their pages
        once the frame is out (a row is made when shown: the first frame waits for fewer)."""
        table = self.query_one(QueueTable)
        for start, stop in table.wanted(in_view=True):
            self._load(start, stop)
        if table.wanted():
            # After the frame: at start, after the first one (Textual also draws one it
            # throws away while starting, and call_after_refresh alone would follow that).
            self.fapp.after_first_frame(partial(self.call_after_refresh, self._load_pages))

    def _load_pages(self) -> None:
        table = self.query_one(QueueTable)
        for start, stop in table.wanted():
            self._load(start, stop)

    @on(QueueTable.RowsWanted, "#queue-table")
    def rows_wanted(self, event: QueueTable.RowsWanted) -> None:
        """Lines scrolled into view before they were loaded: a page, read at once."""
        self._load(event.start, event.end)

    def _load(self, start: int, stop: int) -> None:
        """Make the queue items of these lines (reading their accounts) and give them."""
        table = self.query_one(QueueTable)
        lines = self.lines
        wanted = [n for n in range(start, min(stop, len(lines))) if not table.has(n)]
        # Each section's rows among them made at once, and only those.
        spans: dict[int, tuple[QueueRows, int, int]] = {}
        for n in wanted:
            kind, payload = lines[n]
            if kind == "item":
                rows, at = cast(tuple[QueueRows, int], payload)
                first, last = spans.get(id(rows), (rows, at, at))[1:]
                spans[id(rows)] = (rows, min(first, at), max(last, at))
        for rows, first, last in spans.values():
            rows.make(first, last + 1)
        got = {n: loaded(lines[n]) for n in wanted}
        stale = any(kind == "item" and getattr(p, "stale", False) for kind, p in got.values())
        if stale and not self._healing:
            # A place kept for an account written to by another process: read it again.
            self._healing = True
            self.call_after_refresh(self._heal)
        table.give(got)

    def _plan_lines(self) -> list[Line]:
        from followup_tui.core.queue.planning import plan  # the plans are read when first shown

        if self.inputs is None:  # follow-ups, best actions, deals: read when first shown
            self.inputs = load_queue_inputs(history=False)
        i, today = self.inputs, self.fapp.today()
        found = plan(
            today,
            self.view,
            i.accounts,
            i.follow_ups,
            best_actions=i.best_actions,
            deals=i.deals,
            season_marks=self._season_marks(),
        )
        return plan_lines(found, self.fapp.settings)

    def _season_marks(self) -> list[tuple[int, dt.date, str]]:
        """The queue's buying seasons nobody was contacted in, as dated plan steps."""
        assert self.queue is not None
        text = self.fapp.settings.word("plan_season_mark")
        return [
            (item.account_id, item.season_mark, text)
            for section in self.queue.sections
            if section.id in ("overdue", "today", "buying_season")
            for item in section.items
            if item.season_mark is not None
        ]

    def _count_line(self) -> None:
        """Each section's count, in words that fit the line (it spans the screen)."""
        assert self.queue is not None
        line = self.query_one("#queue-counts", Static)
        width = self.app.size.width - line.styles.padding.width
        line.update(counts_text(self.queue, self.view, self.fapp.settings, width))

    def on_resize(self) -> None:
        """A narrower or wider terminal: the counts in words that fit it."""
        if self.queue is not None:
            self._count_line()

    def _show_counts(self) -> None:
        assert self.queue is not None
        settings = self.fapp.settings
        self._count_line()
        empty = not self.lines
        self.set_class(empty, "-empty")
        if empty:
            from followup_tui.db.accounts import count_accounts  # the models: not every start

            # The queue has no add key: with no accounts, say where they are added.
            cooling = len(self.queue.section("cooling").items)
            said = empty_text(self.view, settings, count_accounts(), cooling, self.fapp.db_path)
            self.query_one("#queue-empty", Static).update(said)

    # -- the highlighted row ---------------------------------------------------------
    def current(self) -> QueueItem | None:
        """The queue item under the cursor (None on headers and plan rows)."""
        line = self._line()
        return cast(QueueItem, line_payload(line)) if line and line[0] == "item" else None

    def _line(self) -> Line | None:
        cursor = self.query_one(QueueTable).cursor
        return self.lines[cursor] if 0 <= cursor < len(self.lines) else None

    @on(QueueTable.Highlighted, "#queue-table")
    def highlighted(self, event: QueueTable.Highlighted) -> None:
        """Say why the highlighted row is here, how its priority was reached, when to call."""
        self._load_shown()
        item = self.current()
        why, priority, hours = (
            self.query_one(f"#queue-{part}", Static) for part in ("why", "priority", "hours")
        )
        if item is None:
            for part in (why, priority, hours):
                part.update("")
            return
        settings = self.fapp.settings
        contact = None
        if item.callable_now is False and item.contact_id is not None:
            from followup_tui.db.accounts import contact_record  # the models: not every start

            contact = contact_record(item.contact_id)  # for its calling hours
        why.update(why_text(item, settings))
        priority.update(priority_text(item, settings))
        hours.update(outside_hours_note(item, contact, settings))

    # -- actions ---------------------------------------------------------------------
    def action_open(self) -> None:
        """Open the call script for the row, a queue row or a plan's step alike."""
        from followup_tui.screens.call_script import CallScriptScreen

        item = self.current()
        account_id = item.account_id if item is not None else self.focused_account_id()
        if account_id is None:
            return
        if item is not None:
            screen: Screen = CallScriptScreen(
                item.account_id,
                contact_id=item.contact_id,
                follow_up_id=item.follow_up.id if item.follow_up else None,
            )
        else:
            # A plan's step: the footer says Call, so enter prepares that call.
            entry = cast("PlanEntry", self.lines[self.query_one(QueueTable).cursor][1])
            follow_up = entry.id if entry.kind == "follow_up" else None
            screen = CallScriptScreen(account_id, follow_up_id=follow_up)
        # Whatever was written there (a call logged, the account edited) is this account's.
        self.app.push_screen(screen, lambda _: self.catch_up())

    def focused_account_id(self) -> int | None:
        """The account under the cursor (for the app's quick note too)."""
        line = self._line()
        if line is None or line[0] == "header":
            return None
        return line_payload(line).account_id  # type: ignore[attr-defined]

    def action_done(self) -> None:
        """Log the contact of the highlighted row."""
        from followup_tui.screens.queue_flows import close_out_row

        item = self.current()
        if item is not None:
            close_out_row(self, item)

    def action_snooze(self) -> None:
        """Move the row's follow-up and overdue best action to tomorrow, or a typed date."""
        from followup_tui.screens.queue_flows import snooze

        snooze(self, self.current())

    def action_reschedule(self) -> None:
        """Give the follow-up a new date, or schedule a first next step."""
        from followup_tui.screens.queue_flows import reschedule

        item = self.current()
        if item is not None:
            reschedule(self, item)

    def action_work_through(self) -> None:
        """Close out every row in turn; escape stops."""
        from followup_tui.screens.queue_flows import work_through

        if self.queue is not None:
            work_through(self)

    def action_cycle_view(self) -> None:
        """Queue -> week -> month -> quarter -> queue."""
        if self.queue is None:
            return  # still building
        table = self.query_one(QueueTable)
        if self.view == "queue":
            self._queue_place = place_of(self.lines, table.cursor)
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self._show(keep=0)
        if self.view == "queue" and self._queue_place is not None:
            # Back from the plans: on the row the rep left.
            table.cursor = line_of(self.lines, self._queue_place, 0)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The plans are for reading ahead: the queue's row keys leave the footer there."""
        return self.view == "queue" or action not in QUEUE_ONLY
