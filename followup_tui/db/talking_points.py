"""The rep's talking points: kept, changed and removed from the app, offered on calls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from followup_tui.core.call.value_offers import TalkingPoint as PointRec
from followup_tui.core.keeping.edit_merge import refuse_changed
from followup_tui.db.connection import retried
from followup_tui.db.models import TalkingPoint, db


def _record(row: TalkingPoint) -> PointRec:
    return PointRec(row.id, row.text_en, row.text_zh, row.kind, row.expires_on)


def list_points(today: dt.date | None = None) -> list[PointRec]:
    """Every talking point (only the unexpired ones when `today` is given), newest first."""
    query = TalkingPoint.select().order_by(TalkingPoint.id.desc())
    if today is not None:
        query = query.where(TalkingPoint.expires_on.is_null() | (TalkingPoint.expires_on >= today))
    return [_record(row) for row in query]


class Saved(NamedTuple):
    """A talking point written: its id, and whether an edited one had been deleted
    elsewhere meanwhile and was added again."""

    id: int
    added_again: bool = False


@retried
def save_point(point: PointRec, base: Mapping[str, object] | None = None) -> Saved:
    """Add a talking point (id 0) or change one.

    With `base` (the point as its form opened on it), a point changed elsewhere since
    is not overwritten: `EditConflict`, and nothing is written. A point deleted
    elsewhere meanwhile is added again: the rep's text is not dropped.
    """
    values = {
        TalkingPoint.kind: point.kind,
        TalkingPoint.text_en: point.en.strip(),
        TalkingPoint.text_zh: point.zh.strip(),
        TalkingPoint.expires_on: point.expires_on,
    }
    with db.atomic():
        if point.id:  # checked against the form's base, then written: no write between
            db.lock_rows("talking_point", "id = ?", (point.id,))
        stored = TalkingPoint.get_or_none(TalkingPoint.id == point.id) if point.id else None
        if stored is None:  # new, or deleted elsewhere meanwhile: the rep's text is kept
            return Saved(int(TalkingPoint.insert(values).execute()), bool(point.id))
        if base is not None:
            refuse_changed(base, point.fields(), _record(stored).fields())
        TalkingPoint.update(values).where(TalkingPoint.id == point.id).execute()
        return Saved(point.id)


def delete_point(point_id: int) -> None:
    """Remove a talking point for good."""
    with db.atomic():
        TalkingPoint.delete().where(TalkingPoint.id == point_id).execute()
