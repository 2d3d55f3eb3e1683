"""The queue a rep can trust, on screen: one row per account, and every count agrees."""

from __future__ import annotations

import re

from followup_tui.core.queue.queue_items import QueueItem
from followup_tui.core.queue.queue_lines import line_payload
from followup_tui.screens.due_queue import DueQueueScreen
from tests.support import make_app

SIZE = (140, 40)


def shown_items(screen: DueQueueScreen) -> list[QueueItem]:
    """Every queue row the screen lists, in order."""
    found = [line_payload(line) for line in screen.lines if line[0] == "item"]
    return [item for item in found if isinstance(item, QueueItem)]


async def test_each_account_is_one_row_and_the_counts_agree(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DueQueueScreen)
        items = shown_items(screen)
        ids = [item.account_id for item in items]
        assert items and len(ids) == len(set(ids)), "an account listed twice"
        # The counts line says what the sections hold, and they add up to the rows.
        counts = str(screen.query_one("#queue-counts").render())
        numbers = [int(n) for n in re.findall(r"(\d+)", counts)]
        assert sum(numbers) == len(items)
        by_section = {s.id: len(s.items) for s in screen.queue.sections}
        assert sum(by_section.values()) == len(items)
        # Another reason an account has rides on its one row as a badge.
        assert any(item.also for item in items)
        assert all(item.section not in item.also for item in items)
        # The week plan's Overdue heading counts the same accounts as the queue.
        await pilot.press("w")
        headers = [str(p) for kind, p in screen.lines if kind == "header"]
        overdue = next(h for h in headers if h.startswith("Overdue"))
        assert overdue == f"Overdue ({by_section['overdue']})"
