"""The queue's table draws only rows the screen loaded: drawing never reads the database."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest

from followup_tui.core.queue import queue_items
from followup_tui.core.queue.queue_lines import line_payload
from followup_tui.db.models import db
from followup_tui.screens import due_queue
from followup_tui.widgets.queue_table import QueueTable
from followup_tui.widgets.virtual_table import VirtualTable
from tests.support import make_app


class Drawing:
    """Marks the table's own code running (drawing, moving its cursor, taking a source),
    and notes every database read or row made meanwhile."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.depth = 0
        self.reads: list[str] = []
        for name in ("render_line", "watch_cursor", "set_source", "set_columns"):
            monkeypatch.setattr(VirtualTable, name, self._marked(getattr(VirtualTable, name)))
        execute = db.execute_sql

        def read(sql: str, *args: Any, **kwargs: Any) -> Any:
            if self.depth:
                self.reads.append(sql)
            return execute(sql, *args, **kwargs)

        monkeypatch.setattr(db, "execute_sql", read)
        fill = queue_items.QueueRows._fill

        def made(rows: queue_items.QueueRows, start: int, count: int) -> None:
            if self.depth:
                self.reads.append(f"rows {start}..{start + count} of {rows.section} made")
            fill(rows, start, count)

        monkeypatch.setattr(queue_items.QueueRows, "_fill", made)

    def _marked(self, method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)  # Textual reads a watcher's parameters
        def run(*args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1

        return run


def shown_text(table: VirtualTable, y: int) -> str:
    return "".join(segment.text for segment in table.render_line(y))


async def test_drawing_the_queue_never_reads_the_database(settings, demo_db, monkeypatch) -> None:
    # Small pages on a short terminal: every move and scroll reaches rows not loaded yet.
    monkeypatch.setattr(queue_items, "LOAD_CHUNK", 2)
    monkeypatch.setattr(due_queue, "PAGE_ROWS", 4)
    drawing = Drawing(monkeypatch)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 14)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(QueueTable)
        for keys in (["down"] * 7, ["pagedown"], ["end"], ["home"], ["pagedown", "pagedown"]):
            await pilot.press(*keys)
            await pilot.pause()
            item = screen.current()
            assert item is not None and item.account_name[:10] in shown_text(
                table, table.cursor - int(table.scroll_y) + 1
            )
        # Scrolled without the cursor (the mouse wheel): the rows come a moment later.
        table.scroll_to(y=table.row_count - 3, animate=False, immediate=True)
        await pilot.pause()
        await pilot.pause()
        last = screen.lines[-1]
        assert last[0] == "item"
        name = line_payload(last).account_name  # type: ignore[attr-defined]
        assert name[:10] in shown_text(table, table.row_count - int(table.scroll_y))
        for _ in range(4):  # the plans, and back
            await pilot.press("w")
            await pilot.pause()
            await pilot.press("pagedown")
            await pilot.pause()
    assert drawing.depth == 0
    assert not drawing.reads, drawing.reads


@pytest.mark.parametrize(("size", "page"), [((130, 40), None), ((140, 14), 4)])
async def test_the_first_frame_has_its_rows_loaded_before_it_is_drawn(
    settings, demo_db, monkeypatch, size, page
) -> None:
    """The screen loads what the first frame shows: no row is drawn blank and asked for."""
    if page is not None:
        monkeypatch.setattr(due_queue, "PAGE_ROWS", page)
    asked: list[int] = []
    want = QueueTable._want

    def noted(table: QueueTable, index: int) -> None:
        asked.append(index)
        want(table, index)

    monkeypatch.setattr(QueueTable, "_want", noted)
    app = make_app(settings, demo_db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = app.screen.query_one(QueueTable)
        assert table.row_count and not asked, asked
        assert all(table.has(n) for n in range(min(table.row_count, table.size.height - 1)))


async def test_the_cursor_steps_over_headings_the_way_it_goes(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(QueueTable)
        heads = [n for n, (kind, _) in enumerate(screen.lines) if kind == "header"]
        assert heads[0] == 0 and table.cursor == 1 and len(heads) > 1
        table.cursor = heads[1] + 1
        await pilot.press("up")
        assert table.cursor == heads[1] - 1
        await pilot.press("down")
        assert table.cursor == heads[1] + 1
        await pilot.press("home")
        assert table.cursor == 1, "on the first row, not its heading"
        await pilot.press("up")
        assert table.cursor == 1


@pytest.mark.parametrize("view_keys", [(), ("w",)])
async def test_home_brings_back_the_first_heading(settings, demo_db, view_keys) -> None:
    """After paging down, home shows the first section's title above its first row,
    in the queue and in the plans."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*view_keys)
        await pilot.pause()
        table = app.screen.query_one(QueueTable)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert table.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor == 1 and table.scroll_y == 0
        await pilot.press("pagedown", "up", "up", "up", "pageup", "up")
        await pilot.pause()
        assert table.cursor == 1 and table.scroll_y == 0, "up to the top shows the heading"
