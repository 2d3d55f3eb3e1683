"""The file kept safe: broken files refused untouched, online backups, restores, daily backups."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.vocabulary import shipped_words
from followup_tui.core.keeping.backup_days import backup_name
from followup_tui.db.database import close_database, open_database
from followup_tui.db.file_refusal import backups_folder, damaged_marker
from followup_tui.db.file_safety import check_file, daily_backup, online_backup, restore_file
from followup_tui.db.models import Account

DAY = dt.date(2026, 11, 22)


def book(path: Path, accounts: int = 40) -> Path:
    """A followup file with `accounts` accounts, closed."""
    open_database(path)
    for n in range(accounts):
        Account.create(name=f"客户 {n}", quadrant="B")
    close_database()
    return path


def names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM account ORDER BY id")]
    finally:
        con.close()


def corrupt(path: Path) -> None:
    """Overwrite a page in the middle of the file with garbage, as a failing disk would."""
    con = sqlite3.connect(path)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def test_a_truncated_file_is_refused_untouched_naming_the_newest_backup(tmp_path: Path) -> None:
    path = book(tmp_path / "book.db")
    backup = online_backup(path, backups_folder(path) / backup_name("book", DAY))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before, files = path.read_bytes(), sorted(tmp_path.iterdir())
    with pytest.raises(FollowupError) as refused:
        open_database(path)
    assert refused.value.said.key == "file_truncated"
    # The command as printed puts the backup back into this file, not the default one.
    assert f"`followup --db {path} restore {backup}`" in refused.value.message
    zh = refused.value.worded(shipped_words("zh").__getitem__)
    assert "不完整" in zh and str(backup) in zh
    assert path.read_bytes() == before and sorted(tmp_path.iterdir()) == files


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 a zip", bytes(range(256)) * 40])
def test_not_sqlite_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "book.db"
    path.write_bytes(content)
    if not content:
        open_database(path)  # an empty file is a new database
        close_database()
        return
    with pytest.raises(FollowupError, match="not an SQLite database"):
        open_database(path)
    assert path.read_bytes() == content


def test_online_backup_while_another_process_writes(tmp_path: Path) -> None:
    path = book(tmp_path / "book.db", accounts=5)
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE stream (n INTEGER, pad TEXT)")
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        con = sqlite3.connect(path, timeout=10)
        con.execute("PRAGMA journal_mode = wal")
        n = 0
        while not stop.is_set():
            with con:  # one transaction of two rows: a copy has both or neither
                con.executemany("INSERT INTO stream VALUES (?, ?)", [(n, "x" * 900)] * 2)
            n += 1
            written.append(n)
        con.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [online_backup(path, tmp_path / f"copy{i}.db") for i in range(5)]
    finally:
        stop.set()
        thread.join()
    assert written, "the writer wrote nothing while the copies were made"
    for copy in copies:
        assert check_file(copy).sound
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        # A snapshot: a run of whole transactions from the first, none half-made.
        assert names(copy) == [f"客户 {n}" for n in range(5)]
        con = sqlite3.connect(copy)
        got = [r[0] for r in con.execute("SELECT n FROM stream ORDER BY rowid")]
        con.close()
        assert got == [n // 2 for n in range(len(got))]
    assert not list(tmp_path.glob(".*.partial"))


def test_restore_checks_first_and_keeps_what_it_replaces(tmp_path: Path) -> None:
    path = book(tmp_path / "book.db", accounts=3)
    backup = online_backup(path, tmp_path / "monday.db")
    open_database(path)
    Account.create(name="added after the backup", quadrant="A")
    close_database()
    broken = tmp_path / "broken.db"
    broken.write_bytes(backup.read_bytes()[:5000])
    before = path.read_bytes()
    with pytest.raises(FollowupError) as refused:
        restore_file(broken, path)
    assert refused.value.said.key == "restore_refused" and "cut short" in refused.value.message
    assert path.read_bytes() == before

    kept = restore_file(backup, path)
    assert kept is not None and stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert names(path) == ["客户 0", "客户 1", "客户 2"]
    assert names(kept)[-1] == "added after the backup"


def test_an_open_app_reads_the_restored_book(tmp_path: Path) -> None:
    path = book(tmp_path / "book.db", accounts=2)
    backup = online_backup(path, tmp_path / "b.db")
    open_database(path)  # the app's connection stays open across the restore
    try:
        Account.create(name="later", quadrant="A")
        restore_file(backup, path)
        assert [a.name for a in Account.select().order_by(Account.id)] == ["客户 0", "客户 1"]
    finally:
        close_database()


def test_daily_backup_once_a_day_keeping_the_newest(tmp_path: Path) -> None:
    path = book(tmp_path / "book.db", accounts=2)
    made = [daily_backup(path, DAY + dt.timedelta(days=n), keep=3) for n in range(5)]
    assert all(m is not None for m in made)
    assert daily_backup(path, DAY + dt.timedelta(days=4), keep=3) is None  # today's is there
    left = sorted(p.name for p in backups_folder(path).iterdir())
    assert left == [backup_name("book", DAY + dt.timedelta(days=n)) for n in (2, 3, 4)]
    for name in left:
        assert check_file(backups_folder(path) / name).sound


def test_a_damaged_book_is_found_by_the_daily_check_and_refused_next_start(
    tmp_path: Path,
) -> None:
    path = book(tmp_path / "book.db", accounts=400)
    good = daily_backup(path, DAY, keep=7)
    corrupt(path)
    told: list[object] = []
    assert daily_backup(path, DAY + dt.timedelta(days=1), keep=7, on_damage=told.append) is None
    assert told and damaged_marker(path).exists()
    # The damaged copy is not kept as a backup, and the good one is named at the refusal.
    assert backup_name("book", DAY + dt.timedelta(days=1)) not in {
        p.name for p in backups_folder(path).iterdir()
    }
    before = path.read_bytes()
    with pytest.raises(FollowupError) as refused:
        open_database(path)
    assert refused.value.said.key == "file_damaged" and str(good) in refused.value.message
    assert path.read_bytes() == before
    assert good is not None
    restore_file(good, path)
    assert not damaged_marker(path).exists()
    open_database(path)
    assert Account.select().count() == 400
    close_database()


def test_commits_leave_checkpoints_to_a_thread_and_lose_nothing(tmp_path: Path) -> None:
    """A rep's save never carries a checkpoint (80-120 ms every fiftieth note): with
    `defer_checkpoints` the WAL only grows under commits, `checkpoint_file` copies it
    back into the file, and every row is there after."""
    from followup_tui.db.connection import db
    from followup_tui.db.database import defer_checkpoints
    from followup_tui.db.file_safety import checkpoint_file

    path = book(tmp_path / "book.db", accounts=1)
    open_database(path)
    defer_checkpoints()
    wal = Path(f"{path}-wal")
    for n in range(300):  # well past SQLite's own 1,000-page checkpoint
        with db.atomic():
            Account.create(name=f"Account {n} " + "x" * 3000)
    # SQLite's own would have kept it near 1,000 pages (4 MB) by checkpointing in commits.
    assert wal.stat().st_size > 2000 * 4096
    assert checkpoint_file(path)
    (busy, logged, copied) = (
        sqlite3.connect(path).execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    )
    assert busy == 0 and copied == logged  # nothing left to copy
    close_database()
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM account WHERE name LIKE 'Account %'").fetchone() == (
        300,
    )
    con.close()


def test_a_checkpoint_of_a_file_gone_makes_no_empty_file(tmp_path: Path) -> None:
    from followup_tui.db.file_safety import checkpoint_file

    gone = tmp_path / "gone.db"
    assert checkpoint_file(gone) is False
    assert not gone.exists()


def test_the_backup_named_after_a_restore_is_a_sound_one(tmp_path: Path) -> None:
    """QA: the file a restore set aside (the cut one) is newer than the good backup; a
    second breakage must not name it, or the printed restore command fails."""
    path = book(tmp_path / "book.db")
    backup = online_backup(path, backups_folder(path) / backup_name("book", DAY))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    kept = restore_file(backup, path)  # the cut file, kept beside as .replaced-*.bak
    assert kept is not None and kept.is_file()
    path.write_bytes(bytes(range(256)) * 40)  # broken again
    with pytest.raises(FollowupError) as refused:
        open_database(path)
    assert f"restore {backup}`" in refused.value.message
    assert str(kept) not in refused.value.message
