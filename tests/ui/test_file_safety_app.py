"""The app keeps the file safe: today's backup after the first frame, a warning on an
unsafe place, a failed backup said without stopping the rep."""

from __future__ import annotations

import datetime as dt
import sqlite3

from followup_tui.core.keeping.backup_days import backup_name
from followup_tui.core.keeping.file_places import Mount
from followup_tui.db import file_safety
from followup_tui.db.file_refusal import backups_folder
from followup_tui.screens import file_keeping
from tests.support import TODAY, make_app


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def test_today_backup_is_made_once_and_old_ones_pruned(settings, demo_db, monkeypatch):
    monkeypatch.setattr(file_keeping, "BACKUP_AFTER_SECONDS", 0.01)
    folder = backups_folder(demo_db)
    folder.mkdir()
    for n in range(1, 10):  # nine older days' backups, beyond the seven kept
        day = TODAY - dt.timedelta(days=n)
        file_safety.online_backup(demo_db, folder / backup_name(demo_db.stem, day))
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        # The rep can go on working while and after it is made.
        await pilot.press("2")
        await pilot.pause()
    names = sorted(p.name for p in folder.iterdir())
    assert names[-1] == backup_name(demo_db.stem, TODAY) and len(names) == 7
    con = sqlite3.connect(folder / names[-1])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM account").fetchone()[0] > 0
    con.close()
    assert not any("backup" in m.lower() for m in messages(app))


async def test_unsafe_place_and_failed_backup_are_said(settings, demo_db, monkeypatch):
    monkeypatch.setattr(file_keeping, "BACKUP_AFTER_SECONDS", 0.01)
    monkeypatch.setattr(
        file_safety,
        "parse_mounts",
        lambda text: [Mount("/", "ext4"), Mount(str(demo_db.parent), "nfs4")],
    )
    backups_folder(demo_db).write_text("a file where the folder should be")
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = messages(app)
        assert any("nfs4" in m and "PostgreSQL" in m for m in said)
        assert any(m.startswith("Today's backup could not be written") for m in said)
        assert app.is_running


async def test_the_app_checkpoints_in_a_thread_not_in_a_save(settings, demo_db, monkeypatch):
    """The app's own commits do not checkpoint (a 100 ms save every fiftieth note); its
    timer copies the WAL back into the file from a thread."""
    from followup_tui.db.connection import db

    monkeypatch.setattr(file_keeping, "CHECKPOINT_SECONDS", 0.05)
    done: list[tuple[object, bool]] = []
    real = file_safety.checkpoint_file

    def checkpoint(path):  # type: ignore[no-untyped-def]
        done.append((path, real(path)))
        return done[-1][1]

    monkeypatch.setattr(file_safety, "checkpoint_file", checkpoint)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert db.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        with db.atomic():
            db.execute_sql("UPDATE account SET phone = '+86 10 0000 0001' WHERE id = 1")
        wal = demo_db.with_name(demo_db.name + "-wal")
        assert wal.stat().st_size > 0
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
    assert done and all(path == demo_db and copied for path, copied in done)
