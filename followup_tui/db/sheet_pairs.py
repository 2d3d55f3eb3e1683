"""Writes that put two sheet items down together: a landmine and the new bullet that disarms it."""

from __future__ import annotations

from typing import Any

from followup_tui.db import sheets
from followup_tui.db.connection import retried
from followup_tui.db.models import db
from followup_tui.db.row_locks import lock_account_of


@retried
def save_landmine_with_bullet(
    landmine: dict[str, Any], bullet: dict[str, Any], landmine_id: int | None = None
) -> tuple[int, int]:
    """Create the bullet, then save the landmine linked to it, in one transaction.

    Returns (landmine id, bullet id); if either write fails neither is kept.
    """
    with db.atomic():
        lock_account_of("deal", bullet.get("deal"))
        bullet_id = sheets.save_bullet(bullet)
        saved = sheets.save_landmine({**landmine, "bullet": bullet_id}, landmine_id)
    return saved, bullet_id
