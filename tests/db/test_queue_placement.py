"""Kept placements: read back, placed again for the accounts written since, made ahead.

Whatever a placement was kept, patched or prepared from, the queue `fast_queue`
gives must stay the queue a full build gives: on every day of a walk through the
demo, with writes between, across weekends, and for any sequence of writes, day
changes and preparations hypothesis finds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.base.config import Settings
from followup_tui.core.queue.queue_items import queue_to_dict
from followup_tui.db import follow_ups as writes
from followup_tui.db import queue_placement
from followup_tui.db.connection import db
from followup_tui.db.models import Account, Activity, FollowUp, Purchase
from followup_tui.db.queue_data import queue_and_inputs
from followup_tui.db.queue_store import fast_queue, fingerprint, prepare_days, refresh_states
from tests.support import TODAY


def reference(day: dt.date, settings: Settings) -> dict:
    return queue_to_dict(queue_and_inputs(day, settings)[1])


def placed(day: dt.date, settings: Settings) -> dict:
    return queue_to_dict(fast_queue(day, settings))


@pytest.fixture
def placings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[dt.date, int]]:
    """Each placing of states: (the day, how many states were placed)."""
    seen: list[tuple[dt.date, int]] = []
    place = queue_placement.queue_keys

    def counting(states, day, settings):  # type: ignore[no-untyped-def]
        states = list(states)
        seen.append((day, len(states)))
        return place(states, day, settings)

    monkeypatch.setattr(queue_placement, "queue_keys", counting)
    return seen


def _open_follow_up(account_id: int) -> int | None:
    row = FollowUp.get_or_none((FollowUp.account == account_id) & (FollowUp.done == False))  # noqa: E712
    return row.id if row else None


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(3, 0))


def _log(account_id: int, day: dt.date, settings: Settings) -> None:
    writes.log_contact(
        writes.ContactLog(
            account_id=account_id,
            outcome="reached",
            notes="谈了新报价",
            follow_up_id=_open_follow_up(account_id),
            next_due=day + dt.timedelta(days=6),
            next_purpose="跟进报价",
        ),
        settings,
        at=_at(day),
    )


def _no_answer(account_id: int, day: dt.date, settings: Settings) -> None:
    Activity.create(account=account_id, occurred_at=_at(day), kind="call", outcome="no_answer")


def _snooze(account_id: int, day: dt.date, settings: Settings) -> None:
    fu = _open_follow_up(account_id)
    if fu is None:
        writes.schedule(account_id, day - dt.timedelta(days=2), "补上")
    else:
        writes.snooze(fu, day + dt.timedelta(days=12))


def _bought(account_id: int, day: dt.date, settings: Settings) -> None:
    # Bought in this month two years running: a usual month, a season to come.
    for years in (1, 2):
        on = day.replace(year=day.year - years) + dt.timedelta(days=20)
        Purchase.create(account=account_id, purchased_on=on, amount=Decimal("5000"))


def _dormant(account_id: int, day: dt.date, settings: Settings) -> None:
    Account.update(relationship="dormant").where(Account.id == account_id).execute()


def _raw(account_id: int, day: dt.date, settings: Settings) -> None:
    # Another tool, behind the app's back: the triggers see it.
    db.execute_sql("DELETE FROM follow_up WHERE account_id = ?", (account_id,))


WRITES: dict[str, Callable[[int, dt.date, Settings], None]] = {
    "log": _log,
    "no answer": _no_answer,
    "snooze": _snooze,
    "bought": _bought,
    "dormant": _dormant,
    "raw": _raw,
}


def _accounts() -> list[int]:
    return [a.id for a in Account.select(Account.id).order_by(Account.id)]


def test_a_kept_placement_places_again_only_the_accounts_written_since(
    settings, demo_db, placings
) -> None:
    first = placed(TODAY, settings)
    assert first == reference(TODAY, settings)
    assert len(placings) == 1 and placings[0][1] > 10, "the first queue places every state"
    assert placed(TODAY, settings) == first
    assert len(placings) == 1, "the second queue of the day read the placement back"
    account_id = fast_queue(TODAY, settings).section("overdue").items.keys[0][3]
    _log(account_id, TODAY, settings)
    assert placed(TODAY, settings) == reference(TODAY, settings)
    assert placings[1:] == [(TODAY, 1)], "only the account written to was placed again"
    # Another process's write, not yet seen by any queue: placed again all the same.
    _raw(account_id, TODAY, settings)
    assert placed(TODAY, settings) == reference(TODAY, settings)
    assert [n for _, n in placings[2:]] == [1]
    tomorrow = TODAY + dt.timedelta(days=1)
    assert placed(tomorrow, settings) == reference(tomorrow, settings)
    assert placings[-1][0] == tomorrow and placings[-1][1] > 10, "nothing kept for tomorrow"


def test_many_accounts_placed_again_are_kept_patched(
    settings, demo_db, placings, monkeypatch
) -> None:
    monkeypatch.setattr(queue_placement, "KEEP_PATCHED", 2)
    placed(TODAY, settings)
    for account_id in _accounts()[:5]:
        _log(account_id, TODAY, settings)
    assert placed(TODAY, settings) == reference(TODAY, settings)
    again = len(placings)
    assert placed(TODAY, settings) == reference(TODAY, settings)
    assert len(placings) == again, "the patched placement was kept: nothing to place"


def test_a_walk_through_the_demo_reads_each_day_placed_the_day_before(
    settings, demo_db, placings
) -> None:
    """Each day a start, some writes, the coming days prepared; the next start reads
    its placement back and places only what changed. Fridays jump to Monday."""
    accounts = _accounts()
    kinds = list(WRITES)
    day = TODAY
    placed(day, settings)
    read_back = 0
    for step in range(45):
        for n in range(step % 3):  # a few writes most days
            write = WRITES[kinds[(step + n) % len(kinds)]]
            write(accounts[(7 * step + n) % len(accounts)], day, settings)
        prepared = prepare_days(day, settings)
        assert prepared[-1].weekday() < 5 and (day.weekday() != 4 or len(prepared) == 2), day
        day += dt.timedelta(days=3 if day.weekday() == 4 else 1)
        count = len(placings)
        assert placed(day, settings) == reference(day, settings), day
        fresh = [n for d, n in placings[count:] if d == day]
        assert len(fresh) <= 1
        if not fresh or fresh[0] < len(accounts) // 2:  # read back, a few placed again
            read_back += 1
    assert read_back == 45, "every first start read the placement made the day before"


def test_a_placement_made_from_states_rewritten_meanwhile_is_not_kept(settings, demo_db) -> None:
    fast_queue(TODAY, settings)  # states current
    tomorrow = TODAY + dt.timedelta(days=1)
    generation = queue_placement.generation()
    stale = queue_placement.queue_keys(
        queue_placement.placing_states(tomorrow.toordinal()), tomorrow, settings
    )
    # Another window writes and rewrites a state between the read and the keep.
    _log(_accounts()[0], TODAY, settings)
    refresh_states(TODAY, settings)
    queue_placement._keep(
        tomorrow.toordinal(), fingerprint(settings), stale, generation, [], oldest=TODAY.toordinal()
    )
    assert not db.execute_sql(
        "SELECT 1 FROM queue_placed WHERE day = ?", (tomorrow.toordinal(),)
    ).fetchone()
    assert placed(tomorrow, settings) == reference(tomorrow, settings)


def test_other_settings_forget_every_placement(tmp_path, settings, demo_db, placings) -> None:
    from followup_tui.core.base.config import load_settings

    placed(TODAY, settings)
    prepare_days(TODAY, settings)
    config = tmp_path / "other.yaml"
    config.write_text("heat:\n  cooling_window_days: 12\n", encoding="utf-8")
    other = load_settings(config)
    assert placed(TODAY, other) == reference(TODAY, other)
    tomorrow = TODAY + dt.timedelta(days=1)
    count = len(placings)
    assert placed(tomorrow, settings) == reference(tomorrow, settings)
    assert placings[count][1] > 10, "the day prepared under the first settings is not trusted"


_steps = st.lists(
    st.one_of(
        st.tuples(st.just("write"), st.sampled_from(list(WRITES)), st.integers(0, 40)),
        st.tuples(st.just("days"), st.integers(1, 4)),
        st.tuples(st.just("prepare")),
        st.tuples(st.just("queue")),
    ),
    min_size=1,
    max_size=8,
)


@hsettings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=_steps)
def test_any_sequence_of_writes_days_and_preparing_keeps_the_queue_exact(
    settings, demo_db, steps: list[tuple[Any, ...]]
) -> None:
    accounts = _accounts()
    # Each example goes on from the file the one before left: begin from its last day.
    row = db.execute_sql("SELECT max(day) FROM queue_placed").fetchone()
    day = max(TODAY, dt.date.fromordinal(row[0]) if row and row[0] else TODAY)
    for step in steps:
        if step[0] == "write":
            WRITES[step[1]](accounts[step[2] % len(accounts)], day, settings)
        elif step[0] == "days":
            day += dt.timedelta(days=step[1])
        elif step[0] == "prepare":
            prepare_days(day, settings)
        else:
            assert placed(day, settings) == reference(day, settings), (day, steps)
    assert placed(day, settings) == reference(day, settings), (day, steps)
