"""What the tests share besides fixtures: the pinned day and the one app factory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from followup_tui.core.base.config import Settings

TODAY = dt.date(2026, 11, 22)


def make_app(  # type: ignore[no-untyped-def]
    settings: Settings, db: Path, *, today: dt.date = TODAY, now: dt.datetime | None = None
):
    """The app on `db` as of `today`; the present moment unknown unless `now` is given.

    An unknown moment means no row is judged inside or outside calling hours, and
    writes are stamped at noon of that day: nothing depends on the wall clock.
    """
    # Imported here: core and db tests share this module and need no Textual.
    from followup_tui.app import build_app

    return build_app(settings=settings, db_path=db, clock=lambda: today, now=lambda: now)


def still_cursors(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Inputs and text areas keep their cursor on: a blink between two frames makes
    screenshots and snapshot comparisons depend on timing."""
    from textual.reactive import reactive
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        still: reactive[bool] = reactive(False, init=False)
        still.__set_name__(widget, "cursor_blink")
        monkeypatch.setattr(widget, "cursor_blink", still)


def drop_find_index(con) -> None:  # type: ignore[no-untyped-def]
    """Take off what schemas 11, 12 and 15 added (the search index, key people's pinyin)."""
    from followup_tui.db.find_index import HELD, INDEXES

    for event in ("ins", "del", "upd"):
        con.execute(f"DROP TRIGGER IF EXISTS {HELD}_{event}")
    con.execute(f"DROP TABLE IF EXISTS {HELD}_terms")
    con.execute(f"DROP TABLE IF EXISTS {HELD}")
    for index in INDEXES:
        for event in ("ins", "del", "upd"):
            con.execute(f"DROP TRIGGER IF EXISTS {index.name}_{event}")
        con.execute(f"DROP TABLE IF EXISTS {index.name}_terms")
        con.execute(f"DROP TABLE IF EXISTS {index.name}")
    con.execute("DROP TABLE IF EXISTS find_fold")
    con.execute("ALTER TABLE contact DROP COLUMN spoken")
