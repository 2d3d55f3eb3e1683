"""Records met again in another system's file are matched, never doubled: a person by
email, a person without one by name and account, an account by name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from followup_tui.cli.main import main
from tests.cli.engines import rows

FIXTURES = Path(__file__).parent.parent / "fixtures"
DAY = "2026-11-22"


def _rows(db: str, sql: str) -> list[tuple[Any, ...]]:
    return rows(db, sql)


def test_a_spreadsheet_meets_hubspot_records_by_email_and_name(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_db
    assert (
        main(["--db", str(db), "import", str(FIXTURES / "hubspot_deals.csv"), "--date", DAY]) == 0
    )
    people, accounts = (
        _rows(db, "SELECT COUNT(*) FROM contact")[0][0],
        _rows(db, "SELECT COUNT(*) FROM account")[0][0],
    )
    # A rep's own sheet: the same people, no ids; Lucius by his email (with a new title),
    # Miles without an email, by his name at his company.
    sheet = tmp_path / "mine.csv"
    sheet.write_text(
        "Company,Person,Email,Title\n"
        "Wayne Enterprises,Lucius Fox,LUCIUS@wayne.example,CEO\n"
        "Cyberdyne Systems,Miles Dyson,,Director of Special Projects\n",
        "utf-8",
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "Company: account.name\nPerson: person.name\nEmail: person.email\nTitle: person.title\n",
        "utf-8",
    )
    capsys.readouterr()
    args = ["--db", str(db), "import", str(sheet), "--map", str(mapping), "--date", DAY]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "update person 'Lucius Fox' (title)" in out
    assert "update person 'Miles Dyson' (title)" in out
    assert "skip account 'Wayne Enterprises' (unchanged, matched by name)" in out
    assert main(args) == 0
    assert _rows(db, "SELECT COUNT(*) FROM contact")[0][0] == people
    assert _rows(db, "SELECT COUNT(*) FROM account")[0][0] == accounts
    assert _rows(db, "SELECT title FROM contact ORDER BY name") == [
        ("CEO",),
        ("Director of Special Projects",),
    ]
