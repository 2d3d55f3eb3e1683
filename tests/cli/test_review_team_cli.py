"""`followup review team` (#19): a manager's, on a team's server; refused elsewhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.db.connection import db
from followup_tui.db.database import close_database, open_database
from tests.cli.test_review_cli import run


def two_reps(path: Path) -> None:
    open_database(path)
    db.execute_sql("UPDATE account SET rep = CASE WHEN id % 3 = 0 THEN 'bo' ELSE 'anna' END")
    close_database()


def test_a_reps_own_file_is_told_the_team_view_is_a_managers(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(demo_db, capsys, "team")
    assert code == 2 and out == ""
    assert "review team" in err and "manager" in err


def test_every_format_as_a_manager(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    two_reps(demo_db)
    monkeypatch.setattr("followup_tui.db.review_team.is_manager", lambda: True)
    code, text, _ = run(demo_db, capsys, "team")
    lines = text.splitlines()
    assert code == 0 and lines[0].startswith("Team · 2026-11 · as of 2026-11-22")
    assert any(line.lstrip().startswith("anna") for line in lines)
    assert any(line.lstrip().startswith("Team total") for line in lines)
    code, md, _ = run(demo_db, capsys, "team", "--format", "md")
    assert code == 0 and md.startswith("# Team") and "| anna" in md
    code, doc, _ = run(demo_db, capsys, "team", "--format", "json")
    data = json.loads(doc)
    assert code == 0 and data["tab"] == "team"
    assert [r["rep"] for r in data["reps"]] == ["anna", "bo"] and data["total"]["rep"] is None
    deals = [r["pipeline"]["open_deals"] for r in data["reps"]]
    assert data["total"]["pipeline"]["open_deals"] == sum(deals) > 0
    code, pipeline, _ = run(demo_db, capsys, "pipeline", "--format", "json")
    assert sum(deals) == len(json.loads(pipeline)["deals"])
    code, sheet, _ = run(demo_db, capsys, "team", "--format", "csv")
    rows = list(csv.reader(io.StringIO(sheet)))
    assert code == 0 and [r[0] for r in rows] == ["Rep", "anna", "bo", "Team total"]
    assert len({len(r) for r in rows}) == 1


def test_the_help_lists_team(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["review", "--help"])
    assert "team" in capsys.readouterr().out
