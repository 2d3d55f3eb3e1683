"""Backups by day, the SQLite header's verdict, and unsafe places: rules on any data."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.keeping.backup_days import (
    backup_day,
    backup_due,
    backup_name,
    backups_kept,
    backups_of,
    to_delete,
)
from followup_tui.core.keeping.file_header import HEADER_SIZE, read_header
from followup_tui.core.keeping.file_places import Mount, parse_mounts, unsafe_place

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
stems = st.text(alphabet="abc-_.客户1", min_size=1, max_size=8)


@given(stems, days)
def test_a_backup_name_gives_back_its_day(stem: str, day: dt.date) -> None:
    assert backup_day(backup_name(stem, day), stem) == day


@given(stems, st.lists(days, unique=True), st.integers(min_value=0, max_value=12))
def test_pruning_keeps_the_newest_and_never_all_gone(
    stem: str, kept_days: list[dt.date], keep: int
) -> None:
    names = [backup_name(stem, d) for d in kept_days] + ["other.db", f"{stem}-notes.txt"]
    gone = to_delete(names, stem, keep)
    left = [n for n in names if n not in gone and backup_day(n, stem) is not None]
    # The newest max(keep, 1) stay, every one older goes, and nothing else is touched.
    assert len(left) == min(len(kept_days), max(keep, 1))
    if left and gone:
        assert min(backup_day(n, stem) for n in left) > max(backup_day(n, stem) for n in gone)  # type: ignore[type-var]
    assert "other.db" not in gone and f"{stem}-notes.txt" not in gone


@given(stems, st.lists(days, unique=True), days)
def test_one_backup_a_day(stem: str, kept_days: list[dt.date], today: dt.date) -> None:
    names = [backup_name(stem, d) for d in kept_days]
    assert backup_due(names, stem, today) == all(d < today for d in kept_days)
    # Once today's is written, none is due again that day.
    assert not backup_due([*names, backup_name(stem, today)], stem, today)


def test_backups_of_another_book_are_not_ours() -> None:
    names = [backup_name("book", dt.date(2026, 1, 1)), backup_name("book-2", dt.date(2026, 1, 2))]
    assert [n for _, n in backups_of(names, "book")] == ["book-2026-01-01.db"]


def test_backups_kept_reads_the_setting() -> None:
    assert backups_kept({"backup": {"keep": 3}}) == 3
    assert backups_kept({}) == 7


def _real_header(tmp_path: Path) -> tuple[bytes, int]:
    path = tmp_path / "x.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.executemany("INSERT INTO t VALUES (?)", [("y" * 500,)] * 50)
    con.commit()
    con.close()
    data = path.read_bytes()
    return data, len(data)


def test_a_whole_file_passes_and_any_cut_is_found(tmp_path: Path) -> None:
    data, size = _real_header(tmp_path)
    assert read_header(data[:HEADER_SIZE], size) == (None, {})
    for cut in (HEADER_SIZE, 4096, size - 4096, size - 1):
        problem, detail = read_header(data[:HEADER_SIZE], cut)
        assert problem == "file_truncated" and detail["size"] == cut


@given(st.binary(min_size=1, max_size=200))
def test_random_bytes_are_never_taken_for_a_whole_file(data: bytes) -> None:
    problem, _ = read_header(data[:HEADER_SIZE], len(data))
    assert problem is not None  # random bytes are never 100 bytes of SQLite header and pages


def test_an_empty_file_is_a_new_database() -> None:
    assert read_header(b"", 0) == (None, {})


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /srv/team/shared nfs4 rw 0 0
//nas/team /mnt/team\\040drive cifs rw 0 0
/dev/sdb1 /srv/team/shared/local ext4 rw 0 0
"""


def test_network_and_synced_places() -> None:
    mounts = parse_mounts(MOUNTS)
    assert Mount("/mnt/team drive", "cifs") in mounts
    assert unsafe_place("/srv/team/shared/book.db", mounts) == "nfs4"
    assert unsafe_place("/mnt/team drive/book.db", mounts) == "cifs"
    # A local disk mounted inside a network share is local again.
    assert unsafe_place("/srv/team/shared/local/book.db", mounts) is None
    assert unsafe_place("/var/lib/rep/followup/followup.db", mounts) is None
    assert unsafe_place("/data/rep/Dropbox/followup.db", mounts) == "Dropbox"
    assert unsafe_place("/data/rep/OneDrive - Acme/followup.db", mounts) == "OneDrive - Acme"
    assert unsafe_place("/data/rep/book.db", []) is None


def test_storage_failures_are_told_from_bugs() -> None:
    import errno

    from followup_tui.core.keeping.storage_errors import storage_reason

    assert storage_reason("database or disk is full") == "storage_full"
    assert storage_reason("attempt to write a readonly database") == "storage_read_only"
    assert storage_reason("unable to open database file") == "storage_unopenable"
    assert storage_reason("database is locked") == "storage_locked"
    assert storage_reason("No space left on device", errno.ENOSPC) == "storage_full"
    assert storage_reason("Permission denied", errno.EACCES) == "storage_read_only"
    assert storage_reason("no such table: account") is None
    assert storage_reason("division by zero", errno.EINVAL) is None


def test_a_servers_refusals_are_told_by_their_sqlstate() -> None:
    from followup_tui.core.keeping.storage_errors import storage_reason

    said = {
        "55P03": "storage_server_busy",  # a lock held past the lock timeout
        "57014": "storage_server_busy",  # a statement past its timeout
        "53300": "storage_server_busy",  # too many connections
        "40P01": "storage_server_clash",  # a deadlock, after the retries
        "40001": "storage_server_clash",
        "57P01": "storage_server_gone",
        "08006": "storage_server_gone",
        "25006": "storage_server_read_only",
        "53100": "storage_full",
        "23505": None,  # a unique violation: the data's, not the server's
        "42P01": None,  # no such table: a bug
    }
    for state, reason in said.items():
        assert storage_reason("any text", None, state) == reason, state
    # The code decides: a bug's message holding "locked" is still a bug.
    assert storage_reason("database is locked", None, "42703") is None


@given(st.text())
def test_no_storage_reason_without_the_storage_saying_so(message: str) -> None:
    from followup_tui.core.keeping.storage_errors import storage_reason

    words = ("full", "readonly", "unable to open", "locked", "i/o")
    if not any(w in message.lower() for w in words):
        assert storage_reason(message) is None


_TEXT = st.text(alphabet=st.sampled_from("ab 生产经理会拖延。😀"), max_size=60)


@given(theirs=_TEXT, mine=_TEXT, width=st.integers(min_value=12, max_value=60))
def test_two_versions_fit_and_their_difference_shows(theirs: str, mine: str, width: int) -> None:
    """The conflict dialog's values: each within its cells, and two different values
    never shown the same (the change is inside what is shown)."""
    from followup_tui.core.base.text import display_width
    from followup_tui.core.keeping.edit_merge import apart

    a, b = apart(theirs, mine, width)
    assert display_width(a) <= width and display_width(b) <= width
    if theirs != mine:
        assert a != b
    else:
        assert a == b


def test_a_change_at_the_end_of_a_long_text_is_shown() -> None:
    from followup_tui.core.keeping.edit_merge import apart

    a, b = apart(
        "生产经理会不会拖延项目的进度和预算审批流程",
        "生产经理会不会拖延项目的进度和预算审批时间",
        20,
    )
    assert (a, b) == ("…预算审批流程", "…预算审批时间")
