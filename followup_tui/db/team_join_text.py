"""Ids written inside a record's text, renumbered as a rep's book joins the team's server.

Most references are columns (`db.team_join` follows them), but a few records keep ids
in their text: a draft's key ("call:account:12:contact:7") and its saved state (a
close-out's person and follow-up, a call's picked value), and a deal review's snapshot
of the sheet (its people, strengths, landmines and actions by id, which the next review
diffs against). They are renumbered here with the same maps.

An id the map lacks (a record deleted since the text was written) becomes its negative:
no server record has it, so it still matches nothing, as it matched nothing in the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from followup_tui.core.call.close_out_draft import CloseOutDraft
from followup_tui.core.call.value_offers import ValueDraft

# table name -> {file id: server id}
IdMaps = Mapping[str, Mapping[int, int]]

_CONTEXT_ID = re.compile(r"(account|contact):(\d+)")
# A call's value offers by key prefix (`core.call.value_offers`): the table each id is of.
_OFFER_TABLES = {
    "action": "best_action",
    "news": "activity",
    "price": "deal",
    "point": "talking_point",
    "owed": "activity",
    "question": "activity",
    "theirs": "activity",
}
# A review snapshot's lists and, in each entry, the table of each id it holds.
_SNAPSHOT_IDS = {
    "influences": {"id": "influence", "contact_id": "contact"},
    "bullets": {"id": "bullet", "influence_id": "influence"},
    "actions": {"id": "best_action"},
    "landmines": {"id": "landmine", "bullet_id": "bullet", "influence_id": "influence"},
}


def _mapper(maps: IdMaps) -> Callable[[str, int], int]:
    def moved(table: str, old: int) -> int:
        return maps.get(table, {}).get(old, -old)

    return moved


def draft_context(context: str, maps: IdMaps) -> str | None:
    """A draft's key with its account and person renumbered; None when its account is
    not in the maps (a draft of no account the server will hold: left out)."""
    moved = _mapper(maps)
    accounts = [int(n) for kind, n in _CONTEXT_ID.findall(context) if kind == "account"]
    if any(n not in maps.get("account", {}) for n in accounts):
        return None
    return _CONTEXT_ID.sub(lambda m: f"{m[1]}:{moved(m[1], int(m[2]))}", context)


def draft_text(text: str, maps: IdMaps) -> str:
    """A draft's text with the ids of a saved state renumbered (a close-out's person and
    follow-up, a call value's offer); a note's text is left as typed."""
    moved = _mapper(maps)
    closing = CloseOutDraft.from_text(text)
    if closing is not None:
        return replace(
            closing,
            contact_id=None if closing.contact_id is None else moved("contact", closing.contact_id),
            follow_up_id=(
                None if closing.follow_up_id is None else moved("follow_up", closing.follow_up_id)
            ),
        ).to_text()
    value = ValueDraft.from_text(text)
    prefix, _, rest = value.offer_key.partition(":")
    table = _OFFER_TABLES.get(prefix)
    if table is None or value.empty:
        return text
    first, sep, tail = rest.partition(":")
    if not first.isdigit():
        return text
    key = f"{prefix}:{moved(table, int(first))}{sep}{tail}"
    return replace(value, offer_key=key).to_text()


def review_snapshot(snapshot: str, maps: IdMaps) -> str:
    """A review's snapshot with the sheet's ids renumbered; text that is not a snapshot
    is left as it is."""
    try:
        data: Any = json.loads(snapshot)
    except ValueError:
        return snapshot
    if not isinstance(data, dict):
        return snapshot
    moved = _mapper(maps)
    for section, ids in _SNAPSHOT_IDS.items():
        for entry in data.get(section) or ():
            if not isinstance(entry, dict):
                continue
            for key, table in ids.items():
                value = entry.get(key)
                if isinstance(value, int) and not isinstance(value, bool):
                    entry[key] = moved(table, value)
    return json.dumps(data, ensure_ascii=False)
