"""The queue built from stored heat for quiet accounts equals the full replay."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from followup_tui.config import load_settings
from followup_tui.db.heat_cache import ensure_heat_current, heat_is_current
from followup_tui.db.queue_data import due_queue, load_queue_inputs
from followup_tui.due_queue import build_queue
from followup_tui.queue_items import queue_to_dict


def full_replay(day: dt.date, settings) -> dict:
    i = load_queue_inputs(until=day)  # no settings: every history, no seeds
    assert i.heat_seeds is None
    return queue_to_dict(
        build_queue(
            day,
            settings,
            i.accounts,
            i.contacts,
            i.follow_ups,
            i.activities,
            i.deals,
            i.purchases,
            i.best_actions,
        )
    )


@pytest.mark.parametrize("days_back", [0, 3, 12, 40])
def test_seeded_queue_equals_the_full_replay(settings, demo_db, days_back: int) -> None:
    day = TODAY - dt.timedelta(days=days_back)
    assert heat_is_current(settings)
    seeded = load_queue_inputs(until=day, settings=settings)
    assert seeded.heat_seeds, "the demo has accounts quiet for more than a week"
    assert queue_to_dict(due_queue(day, settings)) == full_replay(day, settings)


def test_changed_heat_settings_replay_stored_heat(tmp_path, demo_db) -> None:
    config = tmp_path / "hot.yaml"
    config.write_text("heat:\n  decay_per_day:\n    D: 4\n", encoding="utf-8")
    changed = load_settings(config)
    assert not heat_is_current(changed)
    i = load_queue_inputs(until=TODAY, settings=changed)
    assert i.heat_seeds is None, "stale stored heat must not seed the queue"
    assert ensure_heat_current(changed)
    assert heat_is_current(changed)
    assert queue_to_dict(due_queue(TODAY, changed)) == full_replay(TODAY, changed)
