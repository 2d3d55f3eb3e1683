"""The account a write is about, locked before the write reads anything of it.

Everything a rep writes hangs on an account: its people, notes, follow-ups, deals and
their sheets, plans. What a write reads and derives (the summary columns, the stored
heat, a step's place, whether a form's record changed since it opened) is the
account's, so one lock serializes them all: a write takes its account's row lock
first (`Database.lock_rows`), and every other write to that account waits until it
commits, then reads what it left. One lock, always the account's, taken first and in
id order: two writes never hold one each of two that the other wants.

On a file this costs nothing: the write transaction already holds the file.
"""

from __future__ import annotations

import json
from typing import Any

from followup_tui.db.connection import db

# Past this many ids, a list is one JSON parameter (the server's `json_each`, as
# SQLite's): a server takes at most 65,535 parameters; fewer are looked up one by one.
_LISTED = 100
# The account of a row, by its table: a query of one `?`, the row's id.
_ACCOUNT_OF = {
    "account": "?",
    "contact": "SELECT account_id FROM contact WHERE id = ?",
    "follow_up": "SELECT account_id FROM follow_up WHERE id = ?",
    "deal": "SELECT account_id FROM deal WHERE id = ?",
    "action_plan": "SELECT account_id FROM action_plan WHERE id = ?",
    "plan_step": "SELECT p.account_id FROM action_plan p "
    "JOIN plan_step s ON s.plan_id = p.id WHERE s.id = ?",
    **{
        table: f"SELECT d.account_id FROM deal d JOIN {table} x ON x.deal_id = d.id WHERE x.id = ?"
        for table in ("influence", "landmine", "bullet", "best_action")
    },
}


def _id(row: Any) -> int:
    """A row's id, given as its id or as the row (a form's link may be either)."""
    return int(getattr(row, "id", row))


def lock_accounts(*accounts: Any) -> None:
    """Hold these accounts (ids or rows; None: none) against other writers until the
    transaction ends."""
    if not db.is_server:
        return
    ids = sorted({_id(a) for a in accounts if a is not None})
    if ids:
        db.lock_rows("account", *_in(ids))


def _in(ids: list[int]) -> tuple[str, list[object]]:
    """`id IN (...)` of these ids, and its parameters."""
    if len(ids) <= _LISTED:
        return f"id IN ({', '.join('?' * len(ids))})", list(ids)
    return "id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]


def lock_account_of(table: str, row: Any) -> None:
    """Hold the account of `table`'s row (its id, or the row; a deal's, a step's, ...)
    until the transaction ends; nothing when there is no such row (None, or gone: the
    write finds it so)."""
    if row is not None and db.is_server:
        db.lock_rows("account", f"id IN ({_ACCOUNT_OF[table]})", (_id(row),))
