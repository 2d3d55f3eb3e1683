"""Import keeps or refuses (issue 13, item 10): heat, derived fields and repeated keys."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from followup_tui.cli.main import main
from followup_tui.core.base.config import Settings
from followup_tui.core.queue.queue_items import queue_to_dict
from followup_tui.db.accounts import heats_on
from followup_tui.db.database import SCHEMA_VERSION, close_database, open_database
from followup_tui.db.heat_cache import heat_is_current
from followup_tui.db.kept_heat import count_anchored
from followup_tui.db.models import Account, db
from followup_tui.db.queue_data import due_queue, load_queue_inputs
from followup_tui.db.queue_store import fast_queue, written_since
from followup_tui.db.transfer import export_document
from tests.support import TODAY

PINNED = TODAY.isoformat()
KEPT = 77.0


def rates(settings: Settings) -> dict[str, float]:
    return dict(settings.heat.decay_per_day)


def cli(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def exported(demo_db: Path, tmp_path: Path, capsys) -> tuple[dict[str, Any], Path]:
    """The demo exported through the command line on the pinned day, and the file."""
    out = tmp_path / "demo.json"
    assert cli(demo_db, "export", "--date", PINNED, "-o", str(out)) == 0
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8")), out


def book(settings: Settings) -> tuple[dict[int, float], dict[str, Any]]:
    """What a rep sees of the open database's heat today: the list's and the queue's."""
    return heats_on(TODAY, rates(settings)), queue_to_dict(due_queue(TODAY, settings))


def test_a_plain_round_trip_keeps_every_heat_and_sets_no_anchor(
    demo_db: Path, settings: Settings, tmp_path: Path, capsys
) -> None:
    before = book(settings)
    doc, out = exported(demo_db, tmp_path, capsys)
    assert {a["id"]: a["heat"] for a in doc["accounts"]} == {
        k: round(v, 4) for k, v in before[0].items()
    }
    copy = tmp_path / "copy.db"
    assert cli(copy, "import", str(out), "--date", PINNED) == 0
    assert "Heat kept" not in capsys.readouterr().err
    open_database(copy)
    assert count_anchored() == 0
    assert heat_is_current(settings), "replayed by the import, not at the first open"
    after = book(settings)
    assert after[0] == pytest.approx(before[0], abs=1e-9)
    assert after[1] == before[1]


def import_with_heat(
    demo_db: Path, tmp_path: Path, capsys, value: object = KEPT
) -> tuple[int, Path]:
    """The demo exported, one account's heat edited, imported into a new file: (its id, file)."""
    doc, _ = exported(demo_db, tmp_path, capsys)
    account = next(a for a in doc["accounts"] if a["name"] == "华为技术")
    assert account["heat"] != value
    account["heat"] = value
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    copy = tmp_path / "edited.db"
    assert cli(copy, "import", str(edited), "--date", PINNED) == 0
    err = capsys.readouterr().err
    assert f"Heat kept as the document gives it on {PINNED} for 1 account " in err
    open_database(copy)
    return int(account["id"]), copy


def test_a_heat_the_history_does_not_give_is_kept_as_an_anchor(
    demo_db: Path, settings: Settings, tmp_path: Path, capsys
) -> None:
    account_id, _ = import_with_heat(demo_db, tmp_path, capsys)
    row = Account.get_by_id(account_id)
    assert (row.heat_anchor, row.heat_anchor_on) == (KEPT, TODAY)
    assert count_anchored() == 1
    (rec,) = load_queue_inputs(account_ids=[account_id]).accounts
    assert rec.heat_anchor is not None and rec.heat_anchor[:2] == (TODAY, KEPT)
    others = load_queue_inputs().accounts
    assert [a.id for a in others if a.heat_anchor is not None] == [account_id]
    assert heat_is_current(settings)
    # An anchor written later marks the account's queue state for rewriting.
    fast_queue(TODAY, settings)
    assert written_since() == []
    Account.update(heat_anchor=50.0).where(Account.id == account_id).execute()
    assert written_since() == [account_id]


def test_the_kept_heat_is_the_accounts_heat_on_the_import_day(
    demo_db: Path, settings: Settings, tmp_path: Path, capsys
) -> None:
    account_id, _ = import_with_heat(demo_db, tmp_path, capsys)
    assert heats_on(TODAY, rates(settings))[account_id] == pytest.approx(KEPT)
    shown = [
        item["heat"]
        for section in queue_to_dict(due_queue(TODAY, settings))["sections"]
        for item in section["items"]
        if item["account"]["id"] == account_id
    ]
    assert shown and all(h == pytest.approx(KEPT, abs=0.05) for h in shown)
    tomorrow = heats_on(TODAY + dt.timedelta(days=1), rates(settings))[account_id]
    assert tomorrow < KEPT, "it cools from there"
    # And the next export gives it back as it was kept.
    assert {a["id"]: a["heat"] for a in export_document(TODAY, settings)["accounts"]}[
        account_id
    ] == KEPT


@pytest.mark.parametrize(
    ("index", "value", "problem"),
    [
        (3, "hot", "$.accounts[3].heat: expected a number"),
        (1, 120, "$.accounts[1].heat: must be 0 to 100"),
        (0, -0.5, "$.accounts[0].heat: must be 0 to 100"),
        (2, True, "$.accounts[2].heat: expected a number"),
        (4, float("nan"), "$.accounts[4].heat: expected a number"),
        (5, None, "$.accounts[5].heat: must not be null"),
    ],
)
def test_a_bad_heat_is_refused_with_its_path_and_nothing_is_written(
    demo_db: Path, tmp_path: Path, capsys, index: int, value: object, problem: str
) -> None:
    doc, _ = exported(demo_db, tmp_path, capsys)
    doc["accounts"][index]["heat"] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")  # NaN as `NaN`
    target = tmp_path / "new.db"
    assert cli(target, "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "import rejected, nothing was written (1 problem)" in err
    assert problem in err
    assert not target.exists()


def test_derived_heat_fields_are_refused_not_dropped(demo_db: Path, tmp_path: Path, capsys) -> None:
    doc, _ = exported(demo_db, tmp_path, capsys)
    assert "heat_anchor" not in doc["accounts"][0], "derived: never exported"
    doc["accounts"][0]["heat_anchor"] = 50.0
    doc["accounts"][1]["heat_anchor_on"] = PINNED
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert cli(tmp_path / "new.db", "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "$.accounts[0]: unknown field 'heat_anchor' (derived, recomputed on import" in err
    assert "$.accounts[1]: unknown field 'heat_anchor_on' (derived" in err


def test_a_key_given_twice_is_refused_not_dropped(tmp_path: Path, capsys) -> None:
    """JSON readers keep the last of a repeated key: the first value would vanish unseen."""
    text = (
        '{"format": "followup-export", "version": 1,'
        ' "accounts": [{"id": 1, "name": "Apex", "heat": 70, "name": "Zeta", "heat": 20}],'
        ' "follow_ups": [], "follow_ups": []}'
    )
    bad = tmp_path / "twice.json"
    bad.write_text(text, encoding="utf-8")
    target = tmp_path / "new.db"
    assert cli(target, "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "(3 problems)" in err
    assert "$.follow_ups: given more than once" in err
    assert "$.accounts[0].name: given more than once" in err
    assert "$.accounts[0].heat: given more than once" in err
    assert not target.exists()


def test_schema_7_files_gain_the_anchor_and_its_trigger(tmp_path: Path) -> None:
    path = tmp_path / "v7.db"
    open_database(path)
    apex = Account.create(name="Apex")
    close_database()
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE account DROP COLUMN name_forms")  # schema 9
    con.execute("ALTER TABLE account DROP COLUMN heat_anchor")
    con.execute("ALTER TABLE account DROP COLUMN heat_anchor_on")
    con.execute("DROP TRIGGER queue_dirty_account_upd")
    con.execute(  # as schema 7 made it
        "CREATE TRIGGER queue_dirty_account_upd AFTER UPDATE OF name, quadrant, relationship, "
        "archived, rejection_count, stop_reason ON account BEGIN INSERT INTO queue_dirty "
        "(account_id) SELECT NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM queue_dirty WHERE account_id = NEW.id); END"
    )
    con.execute("DELETE FROM queue_dirty")
    con.execute("PRAGMA user_version = 7")
    con.commit()
    con.close()
    backup = open_database(path)
    try:
        assert backup is not None and ".v7-" in backup.name
        assert SCHEMA_VERSION >= 8
        assert Account.get_by_id(apex.id).heat_anchor is None
        Account.update(heat_anchor=40.0, heat_anchor_on=TODAY).where(
            Account.id == apex.id
        ).execute()
        assert db.execute_sql("SELECT account_id FROM queue_dirty").fetchall() == [(apex.id,)]
        assert Account.get_by_id(apex.id).heat_anchor_on == TODAY
    finally:
        close_database()


def test_a_contact_logged_on_the_import_day_earns_on_the_kept_heat(
    demo_db: Path, settings: Settings, tmp_path: Path, capsys
) -> None:
    # QA: after an import a call reached the same day left heat frozen at the kept
    # value, and the account showed as cooling a minute after the call.
    account_id, copy = import_with_heat(demo_db, tmp_path, capsys)
    name = Account.get_by_id(account_id).name
    close_database()
    assert cli(copy, "note", name, "met them", "--outcome", "meeting_booked", "--date", PINNED) == 0
    capsys.readouterr()
    open_database(copy)
    shown = heats_on(TODAY, rates(settings))[account_id]
    assert shown == pytest.approx(KEPT + 30 * (100 - KEPT) / 50)  # the taper above 50
    rows = [
        item
        for section in queue_to_dict(due_queue(TODAY, settings))["sections"]
        for item in section["items"]
        if item["account"]["id"] == account_id
    ]
    assert all(row["heat"] == pytest.approx(shown, abs=0.05) for row in rows)
    assert all(row["heat_trend"] != "falling" for row in rows)
