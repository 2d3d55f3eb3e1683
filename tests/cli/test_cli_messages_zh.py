"""`followup sheet`, `review`, `due` and the unexpected error speak the configured language.

QA (issue 14): under `language: zh` these said "no deal matches", "give --year",
"no database at" and "unexpected error" in English, where `followup note` and
`followup find` answered in Chinese.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.cli import main as cli
from followup_tui.cli.main import main


@pytest.fixture
def zh(tmp_path: Path) -> list[str]:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    return ["--config", str(config)]


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("followup: ") and err.count("\n") >= 1
    return err


def test_sheet_says_in_chinese_that_no_deal_matches(demo_db: Path, zh: list[str], capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(demo_db), *zh, "sheet", "zorblax"]) == 2
    err = _err(capsys)
    assert "没有商机匹配 'zorblax'" in err and "个商机中" in err and "no deal" not in err


def test_sheet_lists_several_deals_in_chinese(demo_db: Path, zh: list[str], capsys) -> None:
    capsys.readouterr()
    # Every demo deal's account has a vowel in its pinyin or name: "a" names them all.
    assert main(["--db", str(demo_db), *zh, "sheet", "a", "--limit", "2"]) == 2
    err = _err(capsys)
    assert "个商机；请用编号指定一个：" in err and "……另有" in err
    assert "matches" not in err and "more" not in err
    capsys.readouterr()
    assert main(["--db", str(demo_db), *zh, "sheet", " "]) == 2
    assert "DEAL 为空" in _err(capsys)


def test_sheet_present_with_json_is_refused_in_chinese(
    demo_db: Path, zh: list[str], capsys
) -> None:
    capsys.readouterr()
    args = ["--db", str(demo_db), *zh, "sheet", "huawei", "--present", "--format", "json"]
    assert main(args) == 2
    assert "--present 只用于打印讲义" in _err(capsys)


def test_review_says_its_periods_in_chinese(demo_db: Path, zh: list[str], capsys) -> None:
    capsys.readouterr()
    db = ["--db", str(demo_db), *zh, "review"]
    assert main([*db, "year-end", "--month", "2026-11", "--date", "2026-11-22"]) == 2
    assert "请用 --year，而不是 --month" in _err(capsys)
    assert main([*db, "board", "--year", "abc"]) == 2
    assert "--year：不是年份（YYYY，如 2026）：'abc'" in _err(capsys)
    assert main([*db, "--month", "2027-05", "--date", "2026-11-22"]) == 2
    assert "--month 2027-05 在 2026-11-22 还没有开始" in _err(capsys)


def test_due_without_a_database_says_so_in_chinese(tmp_path: Path, zh: list[str], capsys) -> None:
    missing = tmp_path / "none.db"
    assert main(["--db", str(missing), *zh, "due"]) == 2
    err = _err(capsys)
    assert f"{missing} 处没有数据库" in err and "no database" not in err
    assert not missing.exists()
    # In English as before, from the same vocabulary.
    assert main(["--db", str(missing), "due"]) == 2
    assert f"no database at {missing}; run `followup demo`" in _err(capsys)


def test_an_unexpected_error_is_one_chinese_sentence(
    tmp_path: Path, zh: list[str], monkeypatch, capsys
) -> None:
    def boom(args, settings):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(cli.COMMANDS, "due", boom)
    assert main(["--db", str(tmp_path / "x.db"), *zh, "due"]) == 1
    err = _err(capsys)
    assert err.startswith("followup: 意外错误：RuntimeError('disk on fire')")
    assert "--debug" in err and "Traceback" not in err and "unexpected" not in err
