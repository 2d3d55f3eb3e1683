"""After a start the queue screen places the coming days ahead; their first start reads it."""

from __future__ import annotations

import datetime as dt

from followup_tui.core.queue.queue_items import queue_to_dict
from followup_tui.db import queue_placement
from followup_tui.db.connection import db
from followup_tui.db.queue_data import queue_and_inputs
from followup_tui.screens import due_queue
from followup_tui.screens.due_queue import DueQueueScreen
from tests.support import make_app

FRIDAY = dt.date(2026, 11, 27)
MONDAY = dt.date(2026, 11, 30)


def kept_days() -> list[dt.date]:
    rows = db.execute_sql("SELECT day FROM queue_placed ORDER BY day").fetchall()
    return [dt.date.fromordinal(r[0]) for r in rows]


async def test_a_friday_start_places_saturday_and_monday_ahead(
    settings, demo_db, monkeypatch
) -> None:
    monkeypatch.setattr(due_queue, "PREPARE_AFTER_SECONDS", 0.05)
    app = make_app(settings, demo_db, today=FRIDAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, DueQueueScreen)
        assert kept_days() == [FRIDAY, FRIDAY + dt.timedelta(days=1), MONDAY]

    placings: list[tuple[dt.date, int]] = []
    place = queue_placement.queue_keys

    def counting(states, day, settings):  # type: ignore[no-untyped-def]
        states = list(states)
        placings.append((day, len(states)))
        return place(states, day, settings)

    monkeypatch.setattr(queue_placement, "queue_keys", counting)
    monday = make_app(settings, demo_db, today=MONDAY)
    async with monday.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = monday.screen
        assert isinstance(screen, DueQueueScreen) and screen.queue is not None
        on_monday = [n for day, n in placings if day == MONDAY]
        assert sum(on_monday) < 5, "Monday's first start read Friday's placement back"
        assert queue_to_dict(screen.queue) == queue_to_dict(queue_and_inputs(MONDAY, settings)[1])
    # What it placed again was kept after its first frame: the next start places nothing.
    placings.clear()
    again = make_app(settings, demo_db, today=MONDAY)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.screen.queue is not None
        assert [n for day, n in placings if day == MONDAY] == []


async def test_a_day_placed_anew_is_kept_once_the_frame_is_out(settings, demo_db) -> None:
    from tests.support import TODAY

    with db.atomic():
        db.execute_sql("DELETE FROM queue_placed")
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DueQueueScreen) and app.screen.queue is not None
        assert TODAY in kept_days(), "the next start today reads it back"
