"""After a write to one account, rebuilding its rows gives the queue a full rebuild gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.queue.planning import plan
from followup_tui.core.queue.queue_builder import merge_queue
from followup_tui.core.queue.queue_items import queue_to_dict
from followup_tui.db import follow_ups as writes
from followup_tui.db.accounts import save_account, set_archived
from followup_tui.db.models import Account, FollowUp
from followup_tui.db.queue_data import load_queue_inputs, queue_and_inputs
from followup_tui.db.queue_store import refresh_accounts
from tests.support import TODAY


def _open_follow_up(account_id: int) -> int | None:
    row = FollowUp.get_or_none((FollowUp.account == account_id) & (FollowUp.done == False))  # noqa: E712
    return row.id if row else None


def _log(account_id: int, settings: Settings) -> None:
    writes.log_contact(
        writes.ContactLog(
            account_id=account_id,
            outcome="meeting_booked",
            notes="约好下周演示",
            follow_up_id=_open_follow_up(account_id),
            next_due=TODAY + dt.timedelta(days=9),
            next_purpose="演示",
        ),
        settings,
        at=dt.datetime(2026, 11, 22, 2, 0),
    )


def _snooze(account_id: int, settings: Settings) -> None:
    fu = _open_follow_up(account_id)
    if fu is None:
        writes.schedule(account_id, TODAY + dt.timedelta(days=3), "回访")
    else:
        writes.snooze(fu, TODAY + dt.timedelta(days=30))


def _flip_class(account_id: int, settings: Settings) -> None:
    account = Account.get_by_id(account_id)
    save_account({"need": "weak" if account.need == "strong" else "strong"}, account_id)


def _archive(account_id: int, settings: Settings) -> None:
    set_archived(account_id, True)


WRITES: dict[str, Callable[[int, Settings], None]] = {
    "log a call": _log,
    "snooze or schedule": _snooze,
    "change class": _flip_class,
    "archive": _archive,
}


@pytest.mark.parametrize("write", WRITES)
def test_refreshing_one_account_equals_a_full_rebuild(settings, demo_db, write: str) -> None:
    _, queue = queue_and_inputs(TODAY, settings)
    # The first rows of every section: the accounts a rep works first.
    touched = list(dict.fromkeys(s.items[0].account_id for s in queue.sections if s.items))
    assert len(touched) >= 3
    for account_id in touched:
        WRITES[write](account_id, settings)
        queue = refresh_accounts(queue, [account_id], settings)
    full_inputs, full = queue_and_inputs(TODAY, settings)
    assert queue_to_dict(queue) == queue_to_dict(full)
    # The plans are read again when shown, without histories: the same plans.
    plans = load_queue_inputs(history=False)
    for horizon in ("week", "month", "quarter"):
        mine = plan(
            TODAY,
            horizon,
            plans.accounts,
            plans.follow_ups,
            best_actions=plans.best_actions,
            deals=plans.deals,
        )
        theirs = plan(
            TODAY,
            horizon,
            full_inputs.accounts,
            full_inputs.follow_ups,
            best_actions=full_inputs.best_actions,
            deals=full_inputs.deals,
        )
        assert mine == theirs


def test_queues_of_different_days_do_not_merge(settings, demo_db) -> None:
    _, today = queue_and_inputs(TODAY, settings)
    _, tomorrow = queue_and_inputs(TODAY + dt.timedelta(days=1), settings)
    with pytest.raises(ValueError, match="different days"):
        merge_queue(today, tomorrow, [1])
