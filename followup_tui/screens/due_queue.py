"""The due queue (key 1, the first screen): who to follow up now, and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from followup_tui.core.queue.queue_items import (
    DueQueue,
    QueueItem,
    QueueRows,
    order_for_work_through,
)
from followup_tui.db import follow_ups as writes
from followup_tui.db.accounts import contact_record, count_accounts
from followup_tui.db.database import thread_connection
from followup_tui.db.lookup import open_follow_up
from followup_tui.db.queue_data import QueueInputs, load_queue_inputs
from followup_tui.db.queue_store import catch_up, fast_queue, states_ready, written_since
from followup_tui.screens.base import AppScreen
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.queue_rows import (
    Line,
    line_payload,
    outside_hours_note,
    plan_columns,
    plan_lines,
    queue_columns,
    queue_lines,
    render_line,
)
from followup_tui.widgets.virtual_table import Column, Row, VirtualTable

if TYPE_CHECKING:
    from followup_tui.core.queue.planning import PlanEntry
    from followup_tui.screens.close_out import CloseOutResult
    from followup_tui.screens.date_prompt import DateAnswer

VIEWS = ("queue", "week", "month", "quarter")  # the queue, then `planning.HORIZONS`
# Lines the table asks for at a time: a tall terminal's screenful. A queue row is
# made (its account's records read) when first drawn, so the first frame makes
# these and no more.
PAGE_ROWS = 48
WATCH_SECONDS = 5.0  # how often the shown queue looks for other processes' writes
# Keys that act on a queue row; the week/month/quarter plans have none of them.
QUEUE_ONLY = frozenset({"done", "snooze", "reschedule", "work_through"})


class DueQueueScreen(AppScreen[None]):
    """Overdue, today, no next step, cooling, dormant to revive, buying season ahead."""

    CSS_PATH = "due_queue.tcss"
    PALETTE_CATEGORY = "Queue"
    BINDINGS = [
        Binding(
            "enter",
            "open",
            "Call",
            id="queue.open",
            tooltip="Open the call script for this follow-up",
            priority=True,
        ),
        Binding(
            "d",
            "done",
            "Done",
            id="queue.done",
            tooltip="Log the contact: outcome, note and the next follow-up",
        ),
        Binding(
            "s",
            "snooze",
            "Snooze",
            id="queue.snooze",
            tooltip="Move the follow-up to tomorrow or a date you type",
        ),
        Binding(
            "r",
            "reschedule",
            "Reschedule",
            id="queue.reschedule",
            tooltip="Give the follow-up a new date (or schedule a first next step)",
        ),
        Binding(
            "g",
            "work_through",
            "Work through",
            id="queue.work_through",
            tooltip="Close out the queue top to bottom, one account after another",
        ),
        Binding(
            "w",
            "cycle_view",
            "Plan",
            id="queue.plan",
            tooltip="Switch between the queue and the week, month and quarter plans",
        ),
        Binding(
            "f5",
            "reload",
            "Reload",
            show=False,
            id="queue.reload",
            tooltip="Build the queue again from the database",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "queue"
        self.lines: list[Line] = []
        self.queue: DueQueue | None = None
        self.inputs: QueueInputs | None = None
        self.walk: Sequence[QueueItem] = ()
        self._last_cursor = 0
        self._healing = False
        self._queue_place: tuple[int, str] | None = None


    def compose(self) -> ComposeResult:
        """Counts, the rows, the highlighted row's reasons, an empty state."""
        yield Header()
        yield Static(id="queue-counts")
        yield VirtualTable(self._columns(), id="queue-table", page_size=PAGE_ROWS)
        yield Static(id="queue-why")
        yield Static(id="queue-empty")
        yield Footer()

    def on_mount(self) -> None:
        """Build the queue for today."""
        self.sub_title = self.fapp.settings.word("due_queue")
        self.action_reload()
        self.query_one(VirtualTable).focus()
        self.set_interval(WATCH_SECONDS, self._watch_writes)

    def _watch_writes(self) -> None:
        """Catch up on what another process wrote (a `followup note` in another shell).

        One indexed read every few seconds, while the queue is the screen shown;
        on return to it the resume catches up anyway.
        """
        if self.queue is not None and self.app.screen is self and written_since():
            self._catch_up()

    def _columns(self) -> list[Column]:
        return queue_columns(self.fapp.settings)

    def _plan_columns(self) -> list[Column]:
        return plan_columns(self.fapp.settings)

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
        return fast_queue(app.today(), app.settings, now_utc=app.now_utc())

    def _catch_up(self) -> None:
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
            self._catch_up()

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

    def _show(self, keep: int | None = None) -> None:
        """Draw the view; the cursor stays on its row's account and section where it still
        is, else at its index (the next row, after a row left), or at `keep`."""
        table = self.query_one(VirtualTable)
        place = self._place() if keep is None else None
        cursor = table.cursor if keep is None else keep
        self.lines = self._queue_lines() if self.view == "queue" else self._plan_lines()
        lines = self.lines
        if place is not None:
            cursor = self._line_of(place, cursor)

        def fetch(offset: int, limit: int) -> list[Row]:
            return [self._row(n, lines[n]) for n in range(offset, min(offset + limit, len(lines)))]

        table.set_columns(self._columns() if self.view == "queue" else self._plan_columns())
        table.set_source(len(lines), fetch, cursor=cursor)
        self._show_counts()
        self._skip_header(1)

    def _place(self) -> tuple[int, str] | None:
        """The queue row under the cursor, as (account id, section), without making it."""
        cursor = self.query_one(VirtualTable).cursor
        if not 0 <= cursor < len(self.lines) or self.lines[cursor][0] != "item":
            return None
        rows, n = cast(tuple[QueueRows, int], self.lines[cursor][1])
        return rows.keys[n][3], rows.section

    def _line_of(self, place: tuple[int, str], default: int) -> int:
        """The line of that account in that section, or `default` if it is not there."""
        for i, (kind, payload) in enumerate(self.lines):
            if kind == "item":
                rows, n = cast(tuple[QueueRows, int], payload)
                if rows.section == place[1] and rows.keys[n][3] == place[0]:
                    return i
        return default

    def _queue_lines(self) -> list[Line]:
        assert self.queue is not None
        return queue_lines(self.queue)

    def _plan_inputs(self) -> QueueInputs:
        """What the plans read (follow-ups, best actions, deals), read when first shown."""
        if self.inputs is None:
            self.inputs = load_queue_inputs(history=False)
        return self.inputs

    def _plan_lines(self) -> list[Line]:
        from followup_tui.core.queue.planning import plan  # the plans are read when first shown

        i = self._plan_inputs()
        return plan_lines(
            plan(
                self.fapp.today(),
                self.view,
                i.accounts,
                i.follow_ups,
                best_actions=i.best_actions,
                deals=i.deals,
            ),
            self.fapp.settings,
        )

    def _row(self, n: int, line: Line) -> Row:
        row = render_line(n, line, self.fapp.settings)
        if line[0] == "item" and not self._healing and getattr(line_payload(line), "stale", False):
            # A place kept for an account written to by another process: read it again.
            self._healing = True
            self.call_after_refresh(self._heal)
        return row

    def _show_counts(self) -> None:
        assert self.queue is not None
        if self.view != "queue":
            text = self._word("plan_status").format(view=self._word(f"horizon_{self.view}"))
        else:
            text = "  ".join(f"{s.title} {len(s.items)}" for s in self.queue.sections)
        self.query_one("#queue-counts", Static).update(text)
        empty = not self.lines
        self.set_class(empty, "-empty")
        if empty:
            self.query_one("#queue-empty", Static).update(self._empty_text())

    def _empty_text(self) -> str:
        if not count_accounts():
            # The queue has no add key: say where accounts are added.
            return self.fapp.settings.word("queue_no_accounts").format(db=self.fapp.db_path)
        if self.view != "queue":
            return self._word("nothing_planned").format(view=self._word(f"horizon_{self.view}"))
        assert self.queue is not None
        cooling = len(self.queue.section("cooling").items)
        return self._word("queue_empty").format(n=cooling)

    # -- the highlighted row ---------------------------------------------------------
    def current(self) -> QueueItem | None:
        """The queue item under the cursor (None on headers and plan rows)."""
        table = self.query_one(VirtualTable)
        if not 0 <= table.cursor < len(self.lines):
            return None
        line = self.lines[table.cursor]
        return cast(QueueItem, line_payload(line)) if line[0] == "item" else None

    def _skip_header(self, step: int) -> None:
        table = self.query_one(VirtualTable)
        n = table.cursor
        while 0 <= n < len(self.lines) and self.lines[n][0] == "header":
            n += step
        if 0 <= n < len(self.lines) and n != table.cursor:
            table.cursor = n

    @on(VirtualTable.Highlighted, "#queue-table")
    def highlighted(self, event: VirtualTable.Highlighted) -> None:
        """Say why the highlighted row is here, and how its priority was reached."""
        table = self.query_one(VirtualTable)
        if 0 <= table.cursor < len(self.lines) and self.lines[table.cursor][0] == "header":
            # Headings are not rows to act on: step over them the way the cursor went.
            step = 1 if table.cursor >= self._last_cursor else -1
            if table.cursor + step >= len(self.lines) or table.cursor + step < 0:
                step = -step
            self._last_cursor = table.cursor
            table.cursor += step
            return
        self._last_cursor = table.cursor
        item = self.current()
        why = self.query_one("#queue-why", Static)
        if item is None:
            why.update("")
            return
        text = Text(item.account_name, style="bold")
        # Beside the name, on the line that always shows: the table's ☾ says no more.
        note = ""
        if item.callable_now is False:
            contact = contact_record(item.contact_id) if item.contact_id is not None else None
            note = outside_hours_note(item, contact, self.fapp.settings)
        if note:
            text.append("  " + note, style="italic")
        text.append(
            self._word("priority_line").format(priority=f"{item.priority:.0f}"), style="dim"
        )
        text.append(self._word("priority_sep").join(item.priority_explained), style="dim")
        text.append("\n" + self._word("list_sep").join(item.reasons))
        why.update(text)

    # -- actions ---------------------------------------------------------------------
    def action_open(self) -> None:
        """Open the call script for the row, a queue row or a plan's step alike."""
        from followup_tui.screens.call_script import CallScriptScreen

        item = self.current()
        account_id = item.account_id if item is not None else self._account_id()
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
            entry = cast("PlanEntry", self.lines[self.query_one(VirtualTable).cursor][1])
            follow_up = entry.id if entry.kind == "follow_up" else None
            screen = CallScriptScreen(account_id, follow_up_id=follow_up)
        # Whatever was written there (a call logged, the account edited) is this account's.
        self.app.push_screen(screen, lambda _: self._catch_up())

    def _account_id(self) -> int | None:
        table = self.query_one(VirtualTable)
        if not 0 <= table.cursor < len(self.lines):
            return None
        line = self.lines[table.cursor]
        if line[0] == "header":
            return None
        return line_payload(line).account_id  # type: ignore[attr-defined]

    def close_out(self, item: QueueItem, then=None) -> None:  # type: ignore[no-untyped-def]
        """Ask for outcome, note and next date; write them in one transaction."""
        # The flow's dialogs are imported on first use: start-up need not pay for them.
        from followup_tui.screens.contact_flow import ContactTarget, close_out, host, proposal_for

        purpose = item.follow_up.purpose if item.follow_up is not None else ""
        if not purpose and (ahead := open_follow_up(item.account_id)) is not None:
            purpose = ahead.purpose  # the step still ahead, which this contact replaces

        def done(result: CloseOutResult | None) -> None:
            if result is not None:
                self._catch_up()
            if then is not None:
                then(result)

        app = host(self)
        target = ContactTarget(
            item.account_id,
            item.account_name,
            item.contact_id,
            item.contact_name or "",
            item.follow_up.id if item.follow_up else None,
        )
        # An overdue best action on the row: the dialog asks whether this contact did
        # it (ticked unless nobody was reached), so it is never closed unseen.
        close_out(
            app,
            target,
            proposal_for(app, item.account_id, item.quadrant),
            purpose=purpose,
            action=item.best_action,
            keep_draft=True,
            then=done,
        )

    def action_done(self) -> None:
        """Log the contact of the highlighted row."""
        item = self.current()
        if item is not None:
            self.close_out(item)

    def action_snooze(self) -> None:
        """Move the row's follow-up and overdue best action to tomorrow, or a typed date."""
        from followup_tui.screens.date_prompt import DatePrompt

        item = self.current()
        if item is None or (item.follow_up is None and item.best_action is None):
            # A row not there for a due step (Cooling, say) may still have one set: name
            # its day, since r on this row offers and moves that step.
            ahead = open_follow_up(item.account_id) if item is not None else None
            if ahead is not None and ahead.due is not None:
                said = self._word("nothing_due_to_snooze").format(day=ahead.due.isoformat())
            else:
                said = self._word("nothing_to_snooze")
            self.notify(said, severity="warning")
            return
        follow_up, action = item.follow_up, item.best_action
        today = self.fapp.today()

        def chosen(answer: DateAnswer | None) -> None:
            if answer is not None:
                # Both, or the row would stay in Overdue for the one left behind.
                if follow_up is not None:
                    writes.snooze(follow_up.id, answer.day)
                if action is not None:
                    writes.defer_best_action(action.id, answer.day)
                day = answer.day.isoformat()
                self.notify(self._word("snoozed").format(name=item.account_name, day=day))
                self._catch_up()

        self.app.push_screen(
            DatePrompt(
                self._word("snooze_until").format(name=item.account_name),
                today,
                earliest=today + dt.timedelta(days=1),
            ),
            chosen,
        )

    def action_reschedule(self) -> None:
        """Give the follow-up a new date, or schedule a first next step."""
        from followup_tui.screens.date_prompt import DatePrompt

        item = self.current()
        if item is None:
            return
        today = self.fapp.today()
        from followup_tui.screens.contact_flow import host, proposal_for

        proposal = proposal_for(host(self), item.account_id, item.quadrant)
        purpose = item.follow_up.purpose if item.follow_up else ""
        if not purpose and (ahead := open_follow_up(item.account_id)) is not None:
            purpose = ahead.purpose  # the step a new date replaces
        action = item.best_action

        def chosen(answer: DateAnswer | None) -> None:
            if answer is None:
                return
            if item.follow_up is not None:
                writes.reschedule(item.follow_up.id, answer.day, answer.purpose)
            else:
                writes.schedule(
                    item.account_id, answer.day, answer.purpose, contact_id=item.contact_id
                )
            if action is not None:
                # The row's overdue best action moves with it, as with snooze.
                writes.defer_best_action(action.id, answer.day)
            day = answer.day.isoformat()
            self.notify(self._word("next_step_on").format(name=item.account_name, day=day))
            self._catch_up()

        self.app.push_screen(
            DatePrompt(
                self._word("next_step_with").format(name=item.account_name),
                today,
                proposal.date.isoformat(),
                purpose=purpose,
                earliest=today,
            ),
            chosen,
        )

    def focused_account_id(self) -> int | None:
        """The account under the cursor, for the app's quick note."""
        return self._account_id()

    def action_work_through(self) -> None:
        """Close out every row in turn; escape stops."""
        if self.queue is None:
            return
        self.walk = order_for_work_through(self.queue)
        if not self.walk:
            self.notify(self._word("nothing_to_work"))
            return
        self._walk_next(0)

    def _walk_next(self, index: int) -> None:
        if index >= len(self.walk):
            self.notify(self._word("worked_through"))
            return
        item = self.walk[index]
        at, total = index + 1, len(self.walk)
        text = self._word("work_through_at").format(i=at, n=total, name=item.account_name)
        self.notify(text, timeout=3)

        def after(result: CloseOutResult | None) -> None:
            if result is not None:
                self._walk_next(index + 1)
            else:
                self.notify(self._word("work_through_stopped").format(i=at, n=total))

        self.close_out(item, then=after)

    def action_cycle_view(self) -> None:
        """Queue -> week -> month -> quarter -> queue."""
        if self.queue is None:
            return  # still building
        if self.view == "queue":
            self._queue_place = self._place()
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self._show(keep=0)
        if self.view == "queue" and self._queue_place is not None:
            # Back from the plans: on the row the rep left.
            self.query_one(VirtualTable).cursor = self._line_of(self._queue_place, 0)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The plans are for reading ahead: the queue's row keys leave the footer there."""
        return self.view == "queue" or action not in QUEUE_ONLY
