"""Finding an account from what a person typed: an id, a name, or part of one.

Names are compared by their stored `search_key` (NFKC-folded, case-folded), so
full-width and half-width forms and upper and lower case all match.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from functools import reduce
from typing import Any, NamedTuple, cast

from peewee import fn

from followup_tui.core.base.records import BestActionRec
from followup_tui.core.base.text import search_key
from followup_tui.db.models import Account, BestAction, Deal, FollowUp


class AccountHit(NamedTuple):
    """An account a typed name matched: its id, name, and (by id) its state."""

    id: int
    name: str
    archived: bool = False
    quadrant: str | None = None


class OpenFollowUp(NamedTuple):
    """An account's open follow-up: the one a contact now would close."""

    id: int
    purpose: str
    contact_id: int | None
    due: dt.date | None = None


def account_by_id(account_id: int) -> AccountHit | None:
    """The account with this id, archived or not, or None."""
    row = (
        Account.select(Account.id, Account.name, Account.archived, Account.quadrant)
        .where(Account.id == account_id)
        .tuples()
        .first()
    )
    return AccountHit(row[0], row[1], bool(row[2]), row[3]) if row else None


def _live(query_filter: Any, limit: int | None) -> tuple[list[AccountHit], int]:
    """Live accounts matching a condition, by name: up to `limit` of them, and how many in all."""
    base = Account.select(Account.id, Account.name).where(
        (Account.archived == False) & query_filter  # noqa: E712
    )
    total = base.count()
    rows = base.order_by(Account.sort_key, Account.id)
    if limit is not None:
        rows = rows.limit(limit)
    found = cast(Iterable[tuple[int, str]], rows.tuples())
    return [AccountHit(rid, name) for rid, name in found], total


def accounts_named(text: str, limit: int | None = None) -> tuple[list[AccountHit], int]:
    """Live accounts whose whole name is `text` (folded): usually one, more across owners."""
    return _live(Account.search_key == search_key(text.strip()), limit)


def accounts_containing(text: str, limit: int | None = None) -> tuple[list[AccountHit], int]:
    """Live accounts whose name contains `text` (folded), and how many there are in all."""
    # instr, not LIKE: a typed % or _ is a character here, not a wildcard.
    return _live(fn.instr(Account.search_key, search_key(text.strip())) > 0, limit)


def accounts_sharing(pieces: Sequence[str], limit: int) -> list[AccountHit]:
    """Live accounts whose name contains the most of `pieces`, best first (for suggestions)."""
    if not pieces:
        return []
    # How many of the pieces each name contains; capped so a long typo stays one cheap scan.
    used = pieces[:40]
    score = reduce(operator.add, (fn.instr(Account.search_key, p) > 0 for p in used))
    # A third of the pieces at least: one shared trigram ("ent" in "Nonexistent" and
    # "Adventure") is chance, not a likeness worth suggesting.
    least = max(1, -(-len(used) // 3))
    query = (
        Account.select(Account.id, Account.name, score.alias("score"))
        .where((Account.archived == False) & (score >= least))  # noqa: E712
        .order_by(score.desc(), Account.sort_key, Account.id)
        .limit(limit)
        .tuples()
    )
    rows = cast(Iterable[tuple[int, str, int]], query)
    return [AccountHit(rid, name) for rid, name, _ in rows]


def open_follow_up(account_id: int) -> OpenFollowUp | None:
    """The account's soonest open follow-up, or None."""
    row = (
        FollowUp.select(FollowUp.id, FollowUp.purpose, FollowUp.contact, FollowUp.due)
        .where((FollowUp.account == account_id) & (FollowUp.done == False))  # noqa: E712
        .order_by(FollowUp.due, FollowUp.id)
        .tuples()
        .first()
    )
    return OpenFollowUp(row[0], row[1], row[2], row[3]) if row else None


def overdue_best_action(account_id: int, today: dt.date) -> BestActionRec | None:
    """The best action the queue shows on the account's due row, or None.

    The same rule as the queue's: the earliest (then lowest id) undone best action
    of the account's open deals that is due on or before `today`.
    """
    row = (
        BestAction.select(
            BestAction.id, BestAction.deal, BestAction.who, BestAction.what, BestAction.due
        )
        .join(Deal)
        .where(
            (Deal.account == account_id)
            & (Deal.outcome == "open")
            & (BestAction.done == False)  # noqa: E712
            & BestAction.due.is_null(False)
            & (BestAction.due <= today)
        )
        .order_by(BestAction.due, BestAction.id)
        .tuples()
        .first()
    )
    return BestActionRec(row[0], row[1], row[2], row[3], row[4]) if row else None


def next_step_due(account_id: int) -> dt.date | None:
    """The account's next scheduled contact: its earliest open follow-up or undone best
    action of an open deal, any day - what the queue's cooling rule looks ahead to."""
    follow_up = (
        FollowUp.select(FollowUp.due)
        .where((FollowUp.account == account_id) & (FollowUp.done == False))  # noqa: E712
        .order_by(FollowUp.due)
        .first()
    )
    action = (
        BestAction.select(BestAction.due)
        .join(Deal)
        .where(
            (Deal.account == account_id)
            & (Deal.outcome == "open")
            & (BestAction.done == False)  # noqa: E712
            & BestAction.due.is_null(False)
        )
        .order_by(BestAction.due)
        .first()
    )
    dues = [row.due for row in (follow_up, action) if row is not None]
    return min(dues) if dues else None
