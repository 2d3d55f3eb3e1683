"""Each rep's days in their own zone on a shared server: the session's time zone is the
process's (`db.server.process_zone`), set as a connection opens and followed after."""

from __future__ import annotations

import time

import pytest

from followup_tui.db.connection import db
from followup_tui.db.server import local_day_sql, process_zone


def _zone(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("TZ", raising=False)
    else:
        monkeypatch.setenv("TZ", value)
    time.tzset()


@pytest.mark.parametrize(
    ("tz", "name"),
    [
        ("Asia/Shanghai", "Asia/Shanghai"),
        (":Europe/Paris", "Europe/Paris"),
        ("/usr/share/zoneinfo/America/New_York", "America/New_York"),
        ("", "UTC"),
    ],
)
def test_the_process_zone_as_the_server_names_it(
    monkeypatch: pytest.MonkeyPatch, tz: str, name: str
) -> None:
    _zone(monkeypatch, tz)
    try:
        assert process_zone() == name
    finally:
        monkeypatch.undo()
        time.tzset()


def _local_day(stamp: str) -> str:
    sql = f"SELECT {local_day_sql('CAST(? AS TIMESTAMP)')}"
    return str(db.execute_sql(sql, (stamp,)).fetchone()[0])


def test_a_connection_reads_days_in_its_process_zone(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert db.execute_sql("SHOW TimeZone").fetchone()[0] == "UTC"  # the tests' TZ
    late = "2026-11-01 20:30:00"  # UTC: already the 2nd in Shanghai and Kolkata
    assert _local_day(late) == "2026-11-01"
    try:
        for zone, day in (("Asia/Shanghai", "2026-11-02"), ("America/New_York", "2026-11-01"),
                          ("Asia/Kolkata", "2026-11-02")):  # fmt: skip
            _zone(monkeypatch, zone)
            assert _local_day(late) == day, zone
            assert db.execute_sql("SHOW TimeZone").fetchone()[0] == zone
        # A spec the server cannot read: the offset the zone has now.
        _zone(monkeypatch, "Nowhere/Atlantis")
        _local_day(late)
        assert db.execute_sql("SHOW TimeZone").fetchone()[0] == "UTC-00:00"
    finally:
        monkeypatch.undo()
        time.tzset()
