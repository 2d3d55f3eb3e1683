"""Picking an account by typing part of its name: the search behind the account picker.

Names are matched as everywhere else (`db.lookup.named_accounts`: case, width
and accents folded, Chinese by pinyin or initials), best first; when they are
fewer than the limit, names holding the typed characters in order follow ("nwl"
finds "Northwind Logistics"), shortest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from peewee import SQL, NodeList, fn

from followup_tui.core.base.text import search_key
from followup_tui.db.lookup import named_accounts
from followup_tui.db.models import Account

LIKE_ESCAPE = "\\"


def _live() -> Any:
    return Account.archived == False  # noqa: E712


def _rows(query: Any) -> list[tuple[int, str]]:
    return [(int(i), str(n)) for i, n in cast(Iterable[tuple[int, str]], query.tuples())]


def _subsequence_pattern(key: str) -> str:
    """A LIKE pattern matching the characters of `key` in order, gaps allowed."""
    chars = [ch for ch in key if not ch.isspace()]
    special = {"%", "_", LIKE_ESCAPE}
    escaped = [LIKE_ESCAPE + ch if ch in special else ch for ch in chars]
    return "%" + "%".join(escaped) + "%"


def search_accounts(text: str, limit: int = 30) -> list[tuple[int, str]]:
    """Up to `limit` live accounts as (id, name) for what was typed, best matches first."""
    key = " ".join(search_key(text).split())
    if not key:
        return _rows(
            Account.select(Account.id, Account.name)
            .where(_live())
            .order_by(Account.search_key, Account.id)
            .limit(limit)
        )
    hits, _ = named_accounts(text, limit)
    found = [(h.thing.id, h.thing.name) for h in hits]
    if len(found) >= limit:
        return found
    seen = [i for i, _ in found] or [0]
    # The operator, not SQLite's like() function: PostgreSQL has only the operator.
    loose = NodeList(
        (Account.search_key, SQL("LIKE"), _subsequence_pattern(key), SQL("ESCAPE"), LIKE_ESCAPE)
    )
    more = _rows(
        Account.select(Account.id, Account.name)
        .where(_live() & loose & Account.id.not_in(seen))
        .order_by(fn.length(Account.search_key), Account.search_key, Account.id)
        .limit(limit - len(found))
    )
    return found + more
