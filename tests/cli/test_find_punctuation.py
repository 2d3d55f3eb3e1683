"""A name is named with or without the punctuation inside its words, in the CLI and the app."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from followup_tui.cli.main import main
from followup_tui.db.accounts import save_account
from followup_tui.db.contacts import save_contact
from followup_tui.db.lookup import accounts_by_name
from followup_tui.db.models import Activity
from tests.support import make_app


def test_note_find_and_lookup_take_a_name_without_its_apostrophe(db_path: Path, capsys) -> None:
    margie = save_account({"name": "Margie's Travel"})
    save_account({"name": "Margaret Shipping"})
    assert [h.thing.id for h in accounts_by_name("margies")] == [margie]
    assert main(["--db", str(db_path), "note", "margies", "Sent the brochure",
                 "--today", "2026-11-22"]) == 0  # fmt: skip
    assert Activity.get().account_id == margie
    capsys.readouterr()
    assert main(["--db", str(db_path), "find", "margies", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["account_id"], h["place"]) for h in hits] == [(margie, "name")]
    # A key person's name too, and several words with a note's.
    save_contact({"name": "Pat O'Brien"}, margie)
    assert main(["--db", str(db_path), "find", "obrien", "brochure", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["account_id"], h["place"]) for h in hits] == [(margie, "activity")]


async def test_the_list_filter_finds_a_name_without_its_apostrophe(settings, db_path: Path) -> None:
    save_account({"name": "Margie's Travel"})
    save_account({"name": "Contoso"})
    app = make_app(settings, db_path, today=dt.date(2026, 11, 22))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"margies")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [e.name for e in app.screen.rows] == ["Margie's Travel"]
