"""Bad-row reasons come from the vocabulary: in Chinese (full-width punctuation) they name
the file, the line and the column as the English ones do, on stderr and in the side file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.core.base.config import load_settings
from followup_tui.core.transfer.book_rows import Place, RowProblem
from followup_tui.core.transfer.import_words import problem_text
from tests.cli.engines import wrote_nothing

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _zh(tmp_path: Path) -> Path:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    return config


def _bad_deals(tmp_path: Path) -> Path:
    bad = tmp_path / "deals.csv"
    text = (FIXTURES / "hubspot_deals.csv").read_text("utf-8")
    bad.write_text(text.replace("2027-03-15", "2027-02-30").replace("5000,", "five,"), "utf-8")
    return bad


def test_rejected_rows_in_chinese(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _bad_deals(tmp_path)
    args = ["--config", str(_zh(tmp_path)), "--db", cli_db, "import", str(bad)]
    assert main([*args, "--date", "2026-11-22"]) == 2
    err = capsys.readouterr().err
    assert "导入被拒绝，什么也没有写入（2 行有误" in err
    assert f"{bad}，第 3 行，“Amount”列：不是数字：“five”" in err
    assert f"{bad}，第 4 行，“Close Date”列：不是日期：“2027-02-30”" in err
    assert "not a" not in err and "line" not in err
    assert wrote_nothing(cli_db)  # nothing written, not even a new file


def test_the_side_file_gives_the_reason_in_chinese(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _bad_deals(tmp_path)
    args = ["--config", str(_zh(tmp_path)), "--db", cli_db, "import", str(bad), "--skip-bad"]
    assert main([*args, "--date", "2026-11-22"]) == 0
    with (tmp_path / "deals.csv.bad.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert [r[1:4] for r in rows[1:]] == [
        ["3", "Amount", "不是数字：“five”"],
        ["4", "Close Date", "不是日期：“2027-02-30”"],
    ]


@pytest.mark.parametrize(
    ("why", "params", "en", "zh"),
    [
        ("card_no_org", {"name": "张伟"}, "张伟: no organisation", "张伟：名片没有组织（ORG）"),
        ("unknown_account", {"system": "salesforce", "id": "001"}, "id '001'", "编号为“001”"),
        ("role_no_deal", {}, "a buying role for a deal", "购买角色所指的商机"),
    ],
)
def test_every_reason_in_both_languages(
    tmp_path: Path, why: str, params: dict[str, object], en: str, zh: str
) -> None:
    problem = RowProblem(Place("a.csv", 7), why, params)
    english = problem_text(problem, load_settings(None).word)
    chinese = problem_text(problem, load_settings(_zh(tmp_path)).word)
    assert english.startswith("a.csv, line 7: ") and en in english
    assert chinese.startswith("a.csv，第 7 行：") and zh in chinese


def test_an_import_and_the_demo_say_what_they_wrote_in_chinese(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from followup_tui.db.database import close_database

    zh = str(_zh(tmp_path))
    db = cli_db
    assert main(["--config", zh, "--db", str(db), "demo", "--no-open"]) == 0
    close_database()
    assert "演示数据库已写入" in capsys.readouterr().err
    fixture = Path(__file__).parent.parent / "fixtures" / "hubspot_companies.csv"
    assert main(["--config", zh, "--db", str(db), "import", str(fixture)]) == 0
    close_database()
    assert "Imported" not in capsys.readouterr().err
