"""'Go to: 华为技术' in the command palette: any account, from any screen, by name or pinyin.

Accounts are named by the rule the CLI names them by (`db.lookup.named_accounts`),
so what `followup note huawei` finds, the palette finds too. The search runs in
a thread: at 100,000 accounts it is a pass over the stored name forms, and the
palette stays responsive to the next key meanwhile.
"""

from __future__ import annotations

import asyncio
from typing import cast

from textual.command import Hit, Hits, Provider

from followup_tui.core.accounts.naming import CONTAINS, EXACT, PREFIX, NameHit
from followup_tui.db.database import thread_connection
from followup_tui.db.lookup import named_accounts
from followup_tui.screens.base import Workbench

SHOWN = 8  # accounts offered at once: the palette's list shows about that many
# The palette lists hits of every provider by score: a whole name is as good as a
# command's name typed in full, a name merely holding the words comes after commands
# that match well.
SCORES = {EXACT: 1.0, PREFIX: 0.85, CONTAINS: 0.6}


def _named(query: str) -> list[NameHit]:
    with thread_connection():
        hits, _ = named_accounts(query, SHOWN)
    return hits


class AccountCommands(Provider):
    """One 'Go to' command per account whose name answers what was typed."""

    async def search(self, query: str) -> Hits:
        """Accounts named by `query`, best first."""
        if not query.strip():
            return
        word = cast(Workbench, self.app).settings.word
        for hit in await asyncio.to_thread(_named, query):
            account = hit.thing
            title = word("palette_go_to").format(name=account.name)
            yield Hit(
                SCORES[hit.rank],
                title,
                lambda account_id=account.id: self._open(account_id),
                text=title,
                help=word("palette_go_to_help"),
            )

    def _open(self, account_id: int) -> None:
        """The account's page, over whatever screen the palette was opened on."""
        from followup_tui.screens.account_page import AccountPage

        self.app.push_screen(AccountPage(account_id))
