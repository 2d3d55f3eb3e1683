"""Accents are folded in search: a rep finds Café by typing cafe, on old files too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from followup_tui.core.base.text import name_sort_key, search_key
from followup_tui.db.accounts import namesake, save_account
from followup_tui.db.database import close_database, open_database
from followup_tui.db.models import Account
from tests.support import make_app


def test_search_key_folds_accents_case_and_width_but_keeps_han() -> None:
    assert search_key("Très Grand Café") == "tres grand cafe"
    assert search_key("MÜLLER GmbH") == "muller gmbh"
    assert search_key("Ｃａｆé") == "cafe"
    assert search_key("上海明远 Ｎｏｒｔｈ") == "上海明远 north"
    assert search_key("Đà Nẵng") == "đa nang"  # đ is a letter of its own, not a d with a mark
    assert search_key("  Northwind   Logistics\n") == "northwind logistics"


def test_an_accented_name_and_its_bare_spelling_are_one_name(db_path: Path) -> None:
    save_account({"name": "Café Noir", "relationship": "target"})
    assert namesake("cafe noir") == ("Café Noir", False)
    assert namesake("CAFÉ  NOIR ") == ("Café Noir", False)  # spaces fold too
    assert namesake("Cafe Blanc") is None


async def test_typing_without_accents_finds_accented_names(settings, db_path: Path) -> None:
    save_account({"name": "Très Grand Café", "relationship": "target"})
    save_account({"name": "Tres Amigos", "relationship": "target"})
    app = make_app(settings, db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2", "slash", *"cafe")
        assert [e.name for e in app.screen.rows] == ["Très Grand Café"]
        await pilot.press("escape", "slash", *"tres")
        assert sorted(e.name for e in app.screen.rows) == ["Tres Amigos", "Très Grand Café"]


def test_a_v6_file_gets_accent_free_keys(tmp_path: Path) -> None:
    """Keys stored before the fold are rewritten by the upgrade (a backup is kept)."""
    path = tmp_path / "v6.db"
    open_database(path)
    account_id = save_account({"name": "Très Grand Café", "relationship": "target"})
    close_database()
    con = sqlite3.connect(path)
    con.execute(
        "UPDATE account SET search_key = ?, sort_key = ?, search_text = ? WHERE id = ?",
        ("très grand café", "très grand café\x00très grand café", "très grand café", account_id),
    )
    con.execute("ALTER TABLE account DROP COLUMN name_forms")  # schema 9
    con.execute("ALTER TABLE account DROP COLUMN heat_anchor")  # schema 8
    con.execute("ALTER TABLE account DROP COLUMN heat_anchor_on")
    con.execute("PRAGMA user_version = 6")
    con.commit()
    con.close()
    backup = open_database(path)
    try:
        assert backup is not None and ".v6-" in backup.name
        account = Account.get_by_id(account_id)
        assert account.search_key == "tres grand cafe"
        assert account.sort_key == name_sort_key("Très Grand Café")
        assert account.search_text.startswith("tres grand cafe")
    finally:
        close_database()
