"""`followup due` in Chinese: a best action's purpose reads '我：...', as the app and reasons do."""

from __future__ import annotations

from pathlib import Path

from followup_tui.cli.main import main
from tests.cli.engines import Db


def due_text(demo_db: Db, capsys, config: str | None) -> str:
    args = ["--db", str(demo_db)] + (["--config", config] if config else [])
    capsys.readouterr()
    assert main([*args, "due", "--date", "2026-11-22", "--all"]) == 0
    return capsys.readouterr().out


def test_a_best_action_row_uses_the_full_width_colon(demo_db: Db, tmp_path: Path, capsys) -> None:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    out = due_text(demo_db, capsys, str(config))
    assert "我: " not in out
    head = out.split("北京京华制药", 1)[1].split("\n")[0]  # its row: the Purpose column
    assert "我：给 IT 经理演示本地部署方案" in head, head


def test_english_keeps_the_ascii_colon(demo_db: Db, capsys) -> None:
    out = due_text(demo_db, capsys, None)
    assert "Coach: Get a copy of the scoring sheet" in out
    assert "我: 给 IT 经理演示本地部署方案" in out
