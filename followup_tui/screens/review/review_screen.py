"""The review screen (key 4): one tab per review, for the monthly sales meeting.

Each tab reads through `db.review_reads`, the calls `followup review` prints, so
the screen and the command line never disagree. Only the tab shown is read: the
board (one small query) at once, the others in a thread with their own
connection, the tab saying it is reading meanwhile. A review read is kept per
period and day, so going back to a tab draws it without reading again, as long as
nothing was written to the book since (`db.review_stamp`: a write made here, on
another screen, or by another process): else the tab is read again, never drawn
as it was.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane, Tabs
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from followup_tui.core.review.board import BoardEntry
    from followup_tui.core.review.year_end import YearEnd, YearEndRow
    from followup_tui.db.undo import Change

from followup_tui.core.review.periods import Period
from followup_tui.core.review.review_view import TABS, as_of, step_period, tab_period
from followup_tui.core.review.review_words import PROPOSAL_WORDS, TITLE_WORDS
from followup_tui.db.database import thread_connection
from followup_tui.db.review_stamp import Stamp, book_stamp
from followup_tui.db.review_team import is_manager
from followup_tui.screens import undo_flow
from followup_tui.screens.base import AppScreen, styled_as_current
from followup_tui.screens.key_words import keys_of
from followup_tui.screens.review.board_tab import BoardTab
from followup_tui.screens.review.panes import (
    ActivityTab,
    HealthTab,
    HeatTab,
    PipelineTab,
    ReviewTab,
    YearEndTab,
)
from followup_tui.screens.review.review_data import TabData, load_tab
from followup_tui.screens.review.team_tab import TEAM, TeamTab, team_panes
from followup_tui.widgets.footer import SteadyFooter
from followup_tui.widgets.page_tabs import PageTabs
from followup_tui.widgets.title_bar import TitleBar
from followup_tui.widgets.virtual_table import VirtualTable

NARROW = 100  # columns below which charts and their tables stack
# After a tab is switched to or drawn, how long the reads ahead and the drawing of
# hidden tabs hold off: a rep going through the tabs is never slowed by them.
QUIET_S = 0.3
# Read on the screen's own thread: one small query, drawn in the first frame.
INLINE = frozenset({"board"})
TAB_CLASSES: dict[str, type[ReviewTab]] = {
    "board": BoardTab,
    "pipeline": PipelineTab,
    "health": HealthTab,
    "year-end": YearEndTab,
    "heat": HeatTab,
    "activity": ActivityTab,
    TEAM: TeamTab,  # a manager's, on a team's server (#19)
}
PERIOD_KEY_IDS = ("month", "quarter", "year", "earlier", "later")  # review.<id>
KIND_WORDS = {"month": "rs_kind_month", "quarter": "rs_kind_quarter", "year": "rs_kind_year"}


class BoardFirstFooter(SteadyFooter):
    """The screen's footer, whose keys come in the frame after key 4's first one.

    Shown for the first time, the screen hears its bindings change on each of its two
    resumes (Textual's mode switch sends two) and the footer would build its keys in
    the frame that shows the board: 10-20 ms of key 4. Held until that frame is out,
    they come in the next, as the app's first frame leaves them to the one after.
    """

    held = True  # until the screen's first frame is out (`ReviewScreen._first_frame_out`)

    def bindings_changed(self, screen: Screen) -> None:
        """Not while held: the release announces the bindings once."""
        if not self.held:
            super().bindings_changed(screen)

    def release(self) -> None:
        """The first frame is out: the keys, in the next."""
        self.held = False
        self.bindings_changed(self.screen)


def pane_id(tab: str) -> str:
    """The tab pane's id: 'tab-year-end'."""
    return f"tab-{tab}"


class ReviewScreen(AppScreen[None]):
    """The reviews: 5+5+5 board, pipeline, health, year-end, heat and activity."""

    CSS_PATH = ["review_screen.tcss", "team_tab.tcss"]
    PALETTE_CATEGORY = "Reviews"
    BINDINGS = [
        # The period's keys: out of the footer too, so the app's keys fit 80 columns in
        # either language; the period line names them.
        Binding(
            "m",
            "kind('month')",
            "Month",
            id="review.month",
            tooltip="Look at a month",
            show=False,
        ),
        Binding(
            "t",
            "kind('quarter')",
            "Quarter",
            id="review.quarter",
            tooltip="Look at a quarter",
            show=False,
        ),
        Binding(
            "y", "kind('year')", "Year", id="review.year", tooltip="Look at a year", show=False
        ),
        Binding(
            "left_square_bracket",
            "step(-1)",
            "Earlier",
            key_display="[",
            id="review.earlier",
            tooltip="The period before",
            show=False,
        ),
        Binding(
            "right_square_bracket",
            "step(1)",
            "Later",
            key_display="]",
            id="review.later",
            tooltip="The period after (up to today's)",
            show=False,
        ),
        # A tab's own keys: out of the footer, which stays the same on every tab (a
        # footer redrawn on each switch cost most of it); each tab's line names them.
        Binding(
            "s",
            "sort",
            "Sort",
            id="review.sort",
            tooltip="Sort the pipeline another way",
            show=False,
        ),
        Binding(
            "enter",
            "open_deal",
            "Blue sheet",
            id="review.open",
            tooltip="Open the blue sheet of the deal under the cursor",
            show=False,
        ),
        Binding(
            "d",
            "mark('done')",
            "Done",
            id="review.done",
            tooltip="Mark the plan step done",
            show=False,
        ),
        Binding(
            "x",
            "mark('missed')",
            "Missed",
            id="review.missed",
            tooltip="Mark the plan step missed",
            show=False,
        ),
        Binding(
            "a",
            "add_step",
            "Add step",
            id="review.add_step",
            tooltip="Add a step to the plan of the account under the cursor",
            show=False,
        ),
        Binding(
            "e",
            "edit_step",
            "Edit step",
            id="review.edit_step",
            tooltip="Change the plan step under the cursor: who, how, when, why, what for",
            show=False,
        ),
        Binding(
            "g",
            "edit_plan",
            "Goals and months",
            id="review.edit_plan",
            tooltip="Change the goals and monthly expected amounts of the account's plan",
            show=False,
        ),
        Binding(
            "c",
            "confirm",
            "Confirm",
            id="review.confirm",
            tooltip="Keep the proposed year-end verdict for the account under the cursor",
            show=False,
        ),
        Binding(
            "v",
            "change",
            "Change",
            id="review.change",
            tooltip="Keep another year-end verdict: move up, breaking in, drop, in turn",
            show=False,
        ),
        Binding(
            "u",
            "undo",
            "Undo",
            id="review.undo",
            tooltip="Undo the last plan edit, mark or verdict",
            show=False,
        ),
        Binding(
            "w",
            "team",
            "Team",
            id="review.team",
            tooltip="Show every rep's board, pipeline and activity side by side (managers)",
            show=False,
        ),
        Binding(
            "f5",
            "reload",
            "Reload",
            show=False,
            id="review.reload",
            tooltip="Read the tab shown again from the database",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None  # None: each tab's own kind of period
        self.day: dt.date | None = None  # a day in the period looked at (None: today)
        self.kept: dict[tuple[str, str, object], TabData] = {}
        # The book's stamp taken before each kept read: drawn again only while it holds.
        self._stamps: dict[tuple[str, str, object], Stamp | None] = {}
        # Each tab's stamp as it was last shown: a read from then on is new enough to draw.
        self._visits: dict[str, Stamp | None] = {}
        # Reads under way (the tab's own or the read ahead), by key: a tab shown meanwhile
        # waits for that read instead of starting another.
        self._reading: set[tuple[str, str, object]] = set()
        self._lock = threading.Lock()
        # Bumped when a write drops a tab: a read begun before it is not kept.
        self._generation: dict[str, int] = {}
        # Until when the rep is taken to be busy (switching tabs): the reads ahead and
        # the drawing of hidden tabs wait, so they never slow the tab being shown.
        self._busy_until = 0.0
        self._user_reads = 0  # reads of a tab the rep asked for, under way
        self._tabs: dict[str, ReviewTab] = {}
        self._after_frame: list[Callable[[], object]] = []
        # Before Textual checks it as the mode starts (see `styled_as_current`): else it
        # parses every stylesheet and restyles every screen a second time on key 4.
        styled_as_current(self)
        self._css_read_quietly()
        self._stale = False  # a sheet opened from here may have changed the pipeline
        self._shown = False  # the screen's first frame is out
        self._tabbed: TabbedContent | None = None

    def _css_read_quietly(self) -> None:
        """Give the app this screen's stylesheet before Textual loads it with the screen.

        Textual, finding a screen's CSS file new, parses every stylesheet again and
        restyles every widget of every screen (the queue's, the list's): most of what key
        4 cost above its floor. Every rule here is under `ReviewScreen`, so no widget
        shown already is touched by it: read now, it is parsed with the other sources
        when next needed and applied to this screen's widgets as they mount.
        """
        try:
            stylesheet = self.app.stylesheet
        except Exception:  # built outside a running app (a test): Textual loads it
            return
        for path in self.css_path:
            if not stylesheet.has_source(str(path), ""):
                stylesheet.read(path)

    # -- composing and showing -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Title, the period line, the tabs, the footer."""
        settings = self.fapp.settings
        yield TitleBar()
        yield Static(id="review-period")
        with PageTabs(id="review-tabs"):
            for n, tab in enumerate(TABS):
                with TabPane(settings.word("rev_" + TITLE_WORDS[tab]), id=pane_id(tab)):
                    if n == 0:  # the others are made when first shown
                        yield self._made(tab)
            yield from team_panes(settings, manager=is_manager())
        # Compact (keys a space apart): the app's keys fit 80 columns in either language.
        # At every width: a key starts compact in Textual, so the footer costs less made so.
        # Steady: a switch of tabs moves the focus twice, each a change of bindings, and the
        # keys shown stay the same.
        yield BoardFirstFooter(compact=True)

    async def on_mount(self) -> None:
        """The first tab, read at once."""
        self.sub_title = self.word("rs_title")
        await self.show_tab(self.active_tab())
        self.after_frame(self._first_frame_out)

    def _first_frame_out(self) -> None:
        self._shown = True
        self.query_one(BoardFirstFooter).release()

    def on_resize(self) -> None:
        """Narrow (80x24): each chart above its numbers rather than beside them."""
        self.set_class(self.size.width < NARROW, "-narrow")

    def _made(self, tab: str) -> ReviewTab:
        widget = TAB_CLASSES[tab](self.fapp.settings, id=f"review-{tab}")
        self._tabs[tab] = widget
        return widget

    def active_tab(self) -> str:
        """The tab shown."""
        # Kept: Textual asks `check_action` of every binding each time it gathers the
        # active bindings (the footer, the keys named in a line), and each asked this.
        tabbed = self._tabbed
        if tabbed is None:
            tabbed = self._tabbed = self.query_one(TabbedContent)
        active = tabbed.active
        return active.removeprefix("tab-") if active else TABS[0]

    def tab(self, tab: str) -> ReviewTab:
        """A tab's widget (made when the tab was first shown)."""
        return self._tabs[tab]

    def drawn(self, tab: str) -> TabData | None:
        """What a tab shows now (None: not read yet, or not made yet)."""
        widget = self._tabs.get(tab)
        return widget.data if widget is not None else None

    def period(self, tab: str) -> Period:
        """The period a tab shows now."""
        today = self.fapp.today()
        return tab_period(tab, self.kind, self.day or today, today)

    @on(TabbedContent.TabActivated, "#review-tabs")
    async def tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Another tab is shown: draw it, reading it first if need be."""
        self._busy_until = time.monotonic() + QUIET_S
        self.refresh_bindings()
        await self.show_tab((event.pane.id or "").removeprefix("tab-"))

    async def show_tab(self, tab: str) -> None:
        """Draw `tab` from what was read, or read it (in a thread unless it is quick)."""
        if tab not in TAB_CLASSES:
            return
        if tab not in self._tabs:
            # Made on first sight: six tabs of tables and charts styled up front
            # would be most of key 4's first frame.
            await self.query_one(f"#{pane_id(tab)}", TabPane).mount(self._made(tab))
        period = self.period(tab)
        self._show_period(tab, period)
        key = self._key(tab, period)
        widget = self.tab(tab)
        stamp = self._visits[tab] = book_stamp()
        kept = self.kept.get(key)
        written = False
        if kept is not None:
            if stamp is not None and self._stamps.get(key) == stamp:
                if widget.data is not kept:
                    widget.show(kept)
                self._focus_table(widget)
                return
            # The book was written since it was read: every tab kept is of before.
            self._drop_kept()
            written = True
        if tab in INLINE:
            data = load_tab(tab, period, self.fapp.today(), self.fapp.settings)
            self._loaded(data, stamp=stamp)
            return
        if written or widget.data is None or widget.data.period != period:
            # A tab read again after its own write here keeps showing what it had (the
            # rep just made that change); one written elsewhere says it is reading.
            widget.reading()
        if self._claim(key):
            # Once the tab is on screen: a thread reading holds the interpreter most of
            # the time, and the frame that shows the tab would wait for it.
            generation = self._generation.get(tab, 0)
            self.call_after_refresh(self._read, tab, period, generation, stamp)
        # else being read already (read ahead): drawn when that read is handed over

    def _key(self, tab: str, period: Period) -> tuple[str, str, object]:
        return (tab, period.label, as_of(period, self.fapp.today()))

    def _claim(self, key: tuple[str, str, object]) -> bool:
        """Mark `key` as being read; False when a read of it is under way already."""
        with self._lock:
            if key in self._reading:
                return False
            self._reading.add(key)
            return True

    def _drop_kept(self) -> None:
        """Forget every tab read (the book was written since): each is read again."""
        self.kept.clear()
        self._stamps.clear()

    @work(thread=True, group="review-read")
    def _read(self, tab: str, period: Period, generation: int, stamp: Stamp | None) -> None:
        """Read one tab on a connection of this thread's own; hand it to the screen.

        `stamp`: the book's, taken on the screen's thread before the read began."""
        with self._lock:
            self._user_reads += 1
        try:
            with thread_connection():
                data = load_tab(tab, period, self.fapp.today(), self.fapp.settings)
        finally:
            with self._lock:
                self._reading.discard(self._key(tab, period))
                self._user_reads -= 1
        # Kept even when the rep has moved on: going back to the tab draws it at once.
        # (Cancelled only as the screen goes: nobody to hand it to.)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, data, generation, stamp)

    def read_ahead(self) -> None:
        """Read the other tabs in the background, one after the other, as a rep looks at
        the board: each tab is then drawn as soon as it is shown. A tab the rep opens
        first is read at once by its own read; the read ahead skips it."""
        wanted = [(t, self.period(t)) for t in TABS if t not in INLINE]
        gens = {t: self._generation.get(t, 0) for t, _p in wanted}
        self._read_ahead(wanted, gens)

    @work(thread=True, group="review-ahead")
    def _read_ahead(self, wanted: list[tuple[str, Period]], gens: dict[str, int]) -> None:
        worker = get_current_worker()
        today, settings = self.fapp.today(), self.fapp.settings
        with thread_connection():
            for tab, period in wanted:
                key = self._key(tab, period)
                # The rep switching tabs, or waiting for a tab being read: theirs first.
                while not worker.is_cancelled and (
                    time.monotonic() < self._busy_until or self._user_reads
                ):
                    time.sleep(0.05)
                if worker.is_cancelled:
                    return
                if key in self.kept or not self._claim(key):
                    continue
                # Taken on the screen's thread, on its connection, before the read: what
                # is drawn later is compared with it.
                stamp = self.app.call_from_thread(book_stamp)
                try:
                    data = load_tab(tab, period, today, settings)
                finally:
                    with self._lock:
                        self._reading.discard(key)
                if worker.is_cancelled:
                    return
                self.app.call_from_thread(self._loaded, data, gens[tab], stamp)

    def _loaded(
        self, data: TabData, generation: int | None = None, stamp: Stamp | None = None
    ) -> None:
        """A tab read: keep it, and draw it if it is still the one wanted.

        `stamp`: the book's before the read. A read of before a write is neither kept
        nor drawn on the tab shown since that write: the tab is read again."""
        if generation is not None and generation != self._generation.get(data.tab, 0):
            return  # read before a write changed it: another read follows
        now = book_stamp()
        if stamp is None or stamp != now:
            if data.tab == self.active_tab() and stamp != self._visits.get(data.tab):
                # A read ahead begun before a write the rep's visit comes after.
                with self._lock:
                    self._reading.discard(data.key)
                self.call_later(self.show_tab, data.tab)
                return
            if data.tab != self.active_tab():
                return  # a read ahead of before a write: read when shown
        self.kept[data.key] = data
        self._stamps[data.key] = stamp
        # A pipeline of thousands of deals is a great many long-lived objects: frozen,
        # the collector's full passes stop walking them (tens of ms on a later key).
        gc.freeze()
        if data.period != self.period(data.tab):
            return
        if data.tab == self.active_tab():
            # The rep has a new tab to look at and may go on at once: no read ahead yet.
            self._busy_until = time.monotonic() + QUIET_S
            widget = self.tab(data.tab)
            widget.show(data)
            self._focus_table(widget)
        else:  # read ahead: drawn while hidden, so showing it is only the switch
            self.call_after_refresh(self._draw_ahead, data)

    async def _draw_ahead(self, data: TabData) -> None:
        """Make and fill a hidden tab from what was read ahead (unless shown or drawn since)."""
        if data.tab == self.active_tab() or self.kept.get(data.key) is not data:
            return
        wait = self._busy_until - time.monotonic()
        if wait > 0:  # not while the rep is switching: a key would wait for this
            self.set_timer(wait, lambda: self.call_later(self._draw_ahead, data))
            return
        if data.tab not in self._tabs:
            await self.query_one(f"#{pane_id(data.tab)}", TabPane).mount(self._made(data.tab))
        widget = self.tab(data.tab)
        if widget.data is None or widget.data.period == data.period:
            widget.show(data)

    def _focus_table(self, widget: ReviewTab) -> None:
        tables = widget.query(VirtualTable)
        if tables and not widget.has_class("-message"):
            tables.first().focus()

    def _show_period(self, tab: str, period: Period) -> None:
        today = self.fapp.today()
        word = self.word
        line = word("rs_period_line").format(
            kind=word(KIND_WORDS[period.kind]),
            period=period.label,
            day=as_of(period, today).isoformat(),
        )
        shown = keys_of(self, [f"review.{k}" for k in PERIOD_KEY_IDS])
        keys = word("rs_period_keys").format(
            **{k: shown[f"review.{k}"] or k[0] for k in PERIOD_KEY_IDS}
        )
        self.query_one("#review-period", Static).update(Text.assemble(line, "  ·  ", (keys, "dim")))

    # -- keys ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Sorting and opening a sheet are the pipeline's."""
        tab = self.active_tab()
        if action == "sort":
            return tab in ("pipeline", TEAM)
        if action == "open_deal":
            return tab == "pipeline"
        if action in ("mark", "add_step", "edit_step", "edit_plan"):
            return tab == "board"
        if action in ("confirm", "change"):
            return tab == "year-end"
        if action == "undo":
            return tab in ("board", "year-end")
        if action == "team":
            return bool(self.query(f"#{pane_id(TEAM)}"))
        return True

    def action_team(self) -> None:
        """Show the team view (a manager's); the tab bar takes the focus from the pane going
        out of sight, as `PageTabs.action_step` does (else the pane takes it back)."""
        tabs = self.query_one(PageTabs)
        tabs.query_one(Tabs).focus()
        tabs.active = pane_id(TEAM)

    async def action_kind(self, kind: str) -> None:
        """Look at months, quarters or years (health keeps quarters, year-end years)."""
        self.kind = kind
        await self.show_tab(self.active_tab())

    async def action_step(self, step: int) -> None:
        """The period before or after; never one that has not started."""
        today = self.fapp.today()
        tab = self.active_tab()
        current = self.period(tab)
        day = step_period(current.kind, current.start, step)
        if day > today:
            self.notify(self.word("rs_future"), severity="warning")
            return
        self.day = day
        await self.show_tab(tab)

    def action_sort(self) -> None:
        """The pipeline's (or the team's) next sort order."""
        from followup_tui.core.review.pipeline_sort import next_sort

        if self.active_tab() == TEAM:
            self.query_one(TeamTab).next_order()
            return
        pipeline = self.query_one(PipelineTab)
        pipeline.order = next_sort(pipeline.order)
        pipeline.resort()

    def action_open_deal(self) -> None:
        """Open the blue sheet of the deal under the cursor."""
        deal_id = self.query_one(PipelineTab).current_deal()
        if deal_id is None:
            return
        from followup_tui.screens.sheet.blue_sheet import BlueSheetScreen

        self._stale = True
        self.app.push_screen(BlueSheetScreen(deal_id))

    @on(BoardTab.Drawn)
    def board_drawn(self) -> None:
        """The plan of the account under the board's cursor, after the frame with the slots;
        then the other tabs read ahead."""

        async def plan() -> None:
            await self.query_one(BoardTab).show_current_plan()
            self.call_after_refresh(self.read_ahead)

        self.after_frame(plan)

    def after_frame(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the frame being made is shown.

        A mode's first frame is held for Textual's short batch of a screen switch
        (`App.delay_update`): work queued meanwhile would run before that frame.
        """
        if self.app._batch_count:  # Textual's, private: the frame is held while above 0
            self._after_frame.append(callback)
        else:
            self.call_after_refresh(callback)

    def release_held_frame(self) -> None:
        """The held frame is drawn (see `AppScreen`); then what waited for it."""
        super().release_held_frame()
        waiting, self._after_frame = self._after_frame, []
        for callback in waiting:
            self.call_after_refresh(callback)

    @on(VirtualTable.Selected, "#pipeline-table")
    def deal_selected(self) -> None:
        """Enter on a deal opens its blue sheet."""
        self.action_open_deal()

    async def action_reload(self) -> None:
        """Read the tab shown again."""
        self.forget(self.active_tab())
        await self.show_tab(self.active_tab())

    def forget(self, *tabs: str) -> None:
        """Drop what was read of these tabs (a write changed them)."""
        for key in [k for k in self.kept if k[0] in tabs]:
            del self.kept[key]
            self._stamps.pop(key, None)
        for tab in tabs:
            self._generation[tab] = self._generation.get(tab, 0) + 1
        with self._lock:  # a read under way is of before the write: a new one may start
            self._reading -= {k for k in self._reading if k[0] in tabs}

    async def on_screen_resume(self, event: ScreenResume) -> None:
        """Back on the screen (from a blue sheet, a dialog, another screen): the tab shown
        is drawn again if the book was written meanwhile (else it stays as it is).

        Until the first frame is out (Textual's mode switch sends two resumes as the
        screen mounts) its widgets are not styled again: they were as they mounted, and
        Textual would style every one of them on each resume. The tab is drawn again as
        ever: mounting drew it, and unless the book was written since, that is kept."""
        if not self._shown:
            event.refresh_styles = False
        if self._stale:  # a blue sheet opened from here: its deal's rows may have moved
            self._stale = False
            self.forget("pipeline", "health")
        await self.show_tab(self.active_tab())

    # -- writes: plan steps and year-end verdicts -------------------------------------------
    async def action_mark(self, status: str) -> None:
        """Mark the plan step under the cursor done or missed (again: back to open)."""
        from followup_tui.db.action_plans import mark_step

        step = self.query_one(BoardTab).current_step()
        if step is None:
            self.notify(self.word("rs_no_step"), severity="warning")
            return
        wanted = "open" if step.status == status else status
        change = mark_step(step.step_id, wanted, self.fapp.today())
        undo_flow.record(self, change)
        said = self.word(f"rs_step_{wanted}")
        self.notify(self.word("rs_step_marked").format(step=step.how, status=said))
        await self._reread("board")

    def _board_account(self) -> BoardEntry | None:
        """The account under the board's cursor (None: an empty slot, said so)."""
        board = self.query_one(BoardTab)
        entry = board.entry(self.query_one("#board-table", VirtualTable).cursor_row_id)
        if entry is None:
            self.notify(self.word("rs_no_account"), severity="warning")
        return entry

    def _plan_year(self) -> int:
        return self.period("board").start.year

    def action_add_step(self) -> None:
        """A new step for the plan of the account under the cursor."""
        from followup_tui.screens.review.plan_forms import StepForm

        entry = self._board_account()
        if entry is None:
            return
        account_id, year = entry.account.account_id, self._plan_year()

        def save(values: dict[str, str] | None) -> None:
            from followup_tui.db.action_plans import new_step
            from followup_tui.screens.edit_conflict import save_new

            if values is not None:
                save_new(
                    self,
                    entry.account.name,
                    values,
                    form.labels,
                    lambda: new_step(account_id, year, **values)[1],
                    self._plan_written,
                )

        form = StepForm(entry.account.name, year)
        self.app.push_screen(form, save)

    def action_edit_step(self) -> None:
        """Change the step under the steps' cursor."""
        from followup_tui.screens.review.plan_forms import StepForm

        step = self.query_one(BoardTab).current_step()
        if step is None:
            self.notify(self.word("rs_no_step"), severity="warning")
            return
        entry = self._board_account()
        if entry is None:
            return

        def save(values: dict[str, str] | None) -> None:
            from followup_tui.core.review.action_plan import step_fields
            from followup_tui.db.action_plans import change_step
            from followup_tui.screens.edit_conflict import save_edit

            def write(chosen: dict[str, Any], base: dict[str, Any] | None) -> Change | None:
                return change_step(step.step_id, chosen, base=base)

            if values is not None:
                opened = step_fields(step)
                name = entry.account.name
                save_edit(self, name, values, opened, form.labels, write, self._plan_written)

        form = StepForm(entry.account.name, step.year, step)
        self.app.push_screen(form, save)

    def action_edit_plan(self) -> None:
        """Change the goals and monthly milestones of the account under the cursor."""
        from followup_tui.screens.review.plan_forms import PlanEdit, PlanForm

        entry = self._board_account()
        if entry is None:
            return
        account_id, year, plan = entry.account.account_id, self._plan_year(), entry.plan

        def save(edit: PlanEdit | None) -> None:
            from followup_tui.core.review.action_plan import milestones_of, plan_fields
            from followup_tui.db.action_plans import edit_plan
            from followup_tui.screens.edit_conflict import save_edit

            def write(
                chosen: dict[str, Any], base: dict[str, Any] | None
            ) -> tuple[Change | None, Change | None]:
                return edit_plan(account_id, year, chosen, base=base)

            if edit is not None:
                # Two undo steps, each said: the goals, then the months.
                values = plan_fields(edit.goals, milestones_of(edit.milestones))
                opened = plan_fields(plan.goals, plan.milestones)
                name = entry.account.name
                save_edit(self, name, values, opened, form.labels, write, self._plan_written)

        form = PlanForm(entry.account.name, year, plan.goals, plan.milestones)
        self.app.push_screen(form, save)

    def _plan_written(self, changes: Change | tuple[Change | None, ...] | None) -> None:
        """A plan's write landed (or was settled): say it and draw the board again."""
        made = changes if isinstance(changes, tuple) else (changes,)
        self.call_later(self._plan_saved, *made)

    async def _plan_saved(self, *changes: Change | None) -> None:
        """Keep the plan's changes for undo, say what they did, draw the board again."""
        made = [c for c in changes if c is not None]
        for change in made:
            undo_flow.record(self, change)
        said = "; ".join(undo_flow.what(self, c) for c in made)
        self.notify(
            self.word("rs_plan_saved").format(what=said) if made else self.word("rs_plan_same")
        )
        if made:
            await self._reread("board")

    def _year_end_row(self) -> YearEndRow | None:
        account = self.query_one(YearEndTab).current_account()
        data = self.tab("year-end").data
        if account is None or data is None:
            return None
        y: YearEnd = data.result  # type: ignore[assignment]
        return next((r for r in y.rows if r.account_id == account), None)

    async def action_confirm(self) -> None:
        """Keep the proposed verdict for the account under the cursor."""
        row = self._year_end_row()
        if row is not None:
            await self._keep_verdict(row, row.proposal)

    async def action_change(self) -> None:
        """Keep the next verdict after the one kept (or proposed)."""
        from followup_tui.core.review.year_end import PROPOSALS

        row = self._year_end_row()
        if row is not None:
            now = row.verdict or row.proposal
            await self._keep_verdict(row, PROPOSALS[(PROPOSALS.index(now) + 1) % len(PROPOSALS)])

    async def _keep_verdict(self, row: YearEndRow, verdict: str) -> None:
        from followup_tui.db.review_verdicts import confirm_year_end

        data = self.tab("year-end").data
        assert data is not None
        year = data.period.start.year
        change = confirm_year_end(
            row.account_id, year, verdict, self.fapp.today(), proposal=row.proposal
        )
        undo_flow.record(self, change)
        said = self.word("rev_" + PROPOSAL_WORDS[verdict])
        self.notify(
            self.word("rs_verdict_kept").format(name=row.account_name, verdict=said, year=year)
        )
        await self._reread("year-end")

    async def action_undo(self) -> None:
        """Undo the last change of the session (a mark, a verdict, an edit elsewhere)."""
        if undo_flow.undo_last(self) is not None:
            await self._reread(self.active_tab())

    async def _reread(self, tab: str) -> None:
        """Read a tab again after a write, keeping its cursors."""
        self.forget(tab)
        await self.show_tab(self.active_tab())
