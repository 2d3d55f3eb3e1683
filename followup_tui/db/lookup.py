"""Finding an account from what a person typed: an id, a name, or part of one.

Names are matched by `core.accounts.naming` (the rule the app's "Go to" uses too):
case, width and accents folded, Chinese names by pinyin whole or by initials.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from functools import reduce
from typing import NamedTuple, cast

from peewee import Case, fn

from followup_tui.core.accounts.naming import (
    NamedThing,
    NameHit,
    best_named,
    forms_of,
    ranked,
    typed_words,
)
from followup_tui.core.base.records import BestActionRec
from followup_tui.db.connection import db
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


def named_accounts(text: str, limit: int | None = None) -> tuple[list[NameHit], int]:
    """Live accounts whose name answers `text` (`naming.name_rank`), best first: up to
    `limit` of them, and how many in all.

    SQLite keeps the names holding every word (one pass over the stored forms);
    Python ranks those.
    """
    words = typed_words(text)
    if not words:
        return [], 0
    # instr, not LIKE: a typed % or _ is a character here, not a wildcard.
    holds = " AND ".join("instr(name_forms, ?) > 0" for _ in words)
    rows = db.execute_sql(
        f"SELECT id, name, name_forms FROM account WHERE NOT archived AND {holds} "
        "ORDER BY sort_key, id",
        words,
    ).fetchall()
    hits = ranked(words, [NamedThing(rid, name, forms_of(forms)) for rid, name, forms in rows])
    return (hits if limit is None else hits[:limit]), len(hits)


def accounts_by_name(text: str) -> list[NameHit]:
    """The live accounts `text` names (see `naming.best_named`), best first."""
    hits, _ = named_accounts(text)
    return best_named(hits)


def accounts_sharing(pieces: Sequence[str], limit: int) -> list[AccountHit]:
    """Live accounts whose name contains the most of `pieces`, best first (for suggestions)."""
    if not pieces:
        return []
    # How many of the pieces each name contains; capped so a long typo stays one cheap scan.
    used = pieces[:40]
    # 1 or 0 as a CASE: PostgreSQL adds no booleans (a team's server, #19).
    held = (Case(None, ((fn.instr(Account.search_key, p) > 0, 1),), 0) for p in used)
    score = reduce(operator.add, held)
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
