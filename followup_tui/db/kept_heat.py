"""Heat an import keeps: a document's heat becomes the account's heat on the import day.

An export writes each account's heat on its day (`heats_on`); an import replays
the histories it wrote, and where the replay does not give the document's value
on the import day, the account gets a heat anchor (`core.accounts.heat_anchor`)
holding it. So a value the document holds is never silently replaced, and a plain
round trip sets no anchor at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from followup_tui.core.accounts.heat_anchor import anchor_to_keep
from followup_tui.core.base.config import Settings
from followup_tui.db.accounts import heats_on
from followup_tui.db.heat_cache import mark_heat_current, refresh_heat
from followup_tui.db.models import db


def keep_heat(document_heat: Mapping[int, float], day: dt.date, settings: Settings) -> list[int]:
    """Anchor each account whose heat in the document its history does not give on `day`.

    Replays every account (its stored heat then matches `settings`), compares, writes
    the anchors and replays the anchored accounts again so that stored heat and the
    queue's states (through their triggers) follow them. Returns the anchored ids.
    Runs inside the import's transaction.
    """
    refresh_heat(settings)
    mark_heat_current(settings)
    if not document_heat:
        return []
    shown = heats_on(day, dict(settings.heat.decay_per_day))
    # The value holds the document's contacts; one logged later on `day` earns on top.
    held = dict(db.execute_sql("SELECT account_id, max(id) FROM activity GROUP BY account_id"))
    anchors = []
    for account_id, value in document_heat.items():
        anchor = anchor_to_keep(value, shown[account_id], day)
        if anchor is not None:
            after = held.get(account_id, 0)
            anchors.append((anchor[1], anchor[0].isoformat(), after, account_id))
    db.cursor().executemany(
        "UPDATE account SET heat_anchor = ?, heat_anchor_on = ?, heat_anchor_after = ? "
        "WHERE id = ?",
        anchors,
    )
    anchored = [account_id for *_, account_id in anchors]
    refresh_heat(settings, anchored)
    return anchored


def count_anchored() -> int:
    """How many accounts have a heat anchor."""
    return int(
        db.execute_sql("SELECT count(*) FROM account WHERE heat_anchor IS NOT NULL").fetchone()[0]
    )
