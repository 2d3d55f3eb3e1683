"""The rep's talking points: kept, changed and removed from the app, offered on calls."""

from __future__ import annotations

import datetime as dt

from followup_tui.core.call.value_offers import TalkingPoint as PointRec
from followup_tui.db.models import TalkingPoint, db


def _record(row: TalkingPoint) -> PointRec:
    return PointRec(row.id, row.text_en, row.text_zh, row.kind, row.expires_on)


def list_points(today: dt.date | None = None) -> list[PointRec]:
    """Every talking point (only the unexpired ones when `today` is given), newest first."""
    query = TalkingPoint.select().order_by(TalkingPoint.id.desc())
    if today is not None:
        query = query.where(TalkingPoint.expires_on.is_null() | (TalkingPoint.expires_on >= today))
    return [_record(row) for row in query]


def save_point(point: PointRec) -> int:
    """Add a talking point (id 0) or change one; its id."""
    values = {
        TalkingPoint.kind: point.kind,
        TalkingPoint.text_en: point.en.strip(),
        TalkingPoint.text_zh: point.zh.strip(),
        TalkingPoint.expires_on: point.expires_on,
    }
    with db.atomic():
        if point.id:
            TalkingPoint.update(values).where(TalkingPoint.id == point.id).execute()
            return point.id
        return int(TalkingPoint.insert(values).execute())


def delete_point(point_id: int) -> None:
    """Remove a talking point for good."""
    with db.atomic():
        TalkingPoint.delete().where(TalkingPoint.id == point_id).execute()
