"""The printed handout: golden files for a demo deal in each language, and the presentation copy.

Regenerate after a deliberate change with `FOLLOWUP_UPDATE_GOLDEN=1 pytest
tests/cli/test_sheet_handout.py` and read the diff: it is what a manager holds in the meeting.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from followup_tui.cli.main import main

GOLDEN = Path(__file__).parent.parent / "golden"
DEALS = {"en": "Northwind", "zh": "mingyuan"}  # an English and a Chinese demo deal
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,:;?()]|[,:;?()][\u4e00-\u9fff]")


def handout(
    demo_db: Path, tmp_path: Path, language: str, capsys: pytest.CaptureFixture[str], *more: str
) -> str:
    config = tmp_path / f"{language}.yaml"
    config.write_text(f"language: {language}\nrep:\n  name: Lin Wei\n", encoding="utf-8")
    capsys.readouterr()
    argv = ["--db", str(demo_db), "--config", str(config), "sheet", DEALS[language]]
    assert main([*argv, "--date", "2026-11-22", *more]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("present", [False, True], ids=["full", "present"])
def test_the_handout_matches_its_golden_file(
    demo_db: Path,
    tmp_path: Path,
    language: str,
    present: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = handout(demo_db, tmp_path, language, capsys, *(["--present"] if present else []))
    golden = (
        GOLDEN / f"sheet_{DEALS[language].lower()}_{language}{'_present' if present else ''}.md"
    )
    if os.environ.get("FOLLOWUP_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_handout_opens_with_the_overview_and_ends_with_the_history(
    demo_db: Path, tmp_path: Path, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = handout(demo_db, tmp_path, language, capsys)
    lines = out.splitlines()
    if language == "en":
        assert lines[2] == "As of: 2026-11-22 · Rep: Lin Wei"
        order = [
            "## Overview",
            "### Position",
            "### Influence map",
            "### Top landmines",
            "### Next best actions",
            "## The sheet, section by section",
            "## Where do we stand?",
            "## Review history",
        ]
    else:
        assert lines[2] == "截至：2026-11-22 · 销售：Lin Wei"
        order = [
            "## 一页概览",
            "### 定位",
            "### 影响力地图",
            "### 主要地雷",
            "### 下一步最佳行动",
            "## 蓝表各部分",
            "## 我们在客户心中排第几？",
            "## 复盘记录",
        ]
    at = [lines.index(heading) for heading in order]
    assert at == sorted(at)
    assert "```text" in out and "▲" in out  # the position drawn on its scale
    # each signal once: its question appears in one table row only
    question = (
        "Does the customer ask us many questions?"
        if language == "en"
        else "客户是否问了我们很多问题？"
    )
    assert out.count(question) == 1


def test_the_history_carries_the_reviewers_comments(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = handout(demo_db, tmp_path, "en", capsys)
    history = out[out.index("## Review history") :]
    assert (
        "| Grace Chen | 78/100 | Contender | Coach is solid; the IT manager is the soft spot."
        in history
    )


def test_chinese_handout_uses_full_width_punctuation(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = handout(demo_db, tmp_path, "zh", capsys)
    mixed = [line for line in out.splitlines() if HALF_WIDTH.search(line)]
    assert not mixed, mixed


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_presentation_copy_masks_what_presentation_mode_masks(
    demo_db: Path, tmp_path: Path, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    full = handout(demo_db, tmp_path, language, capsys)
    shown = handout(demo_db, tmp_path, language, capsys, "--present")
    if language == "en":
        secrets = [
            "+3 ■■■",  # a rating
            "| Growth |",  # a mode
            "Wants the rollout in the board report",  # a personal win
            "(Project Engineer) | Coach |",  # the coach marker
            "Confident (+2)",  # the position
            "Coach is solid",  # a review comment
            "Olivia Brooks is in Even Keel mode",  # a landmine naming a person
            "**Verdict: First choice**",
            "Emma Collins",  # the coach: left out of the map and everything else
            "Pays in 30 days",  # the fit notes, hidden on the screen too
        ]
        kept = ["| Economic Buyer |", "### Top landmines", "## Review history", "| Grace Chen |"]
        kept += ["| Me | Run the dock-door", "| Me + GM |"]  # who does an action, but the coach
    else:
        secrets = ["没有经济购买者就没有订单", "**结论：陪标替补**", "■", "潘东"]
        kept = ["### 主要地雷", "| 王经理 |", "| 我 | 准备二期"]
    for secret in secrets:
        assert secret in full, secret
        assert secret not in shown, secret
    for structure in kept:
        assert structure in shown, structure
    assert "•••" in shown


def test_present_is_for_the_handout_only(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    argv = ["--db", str(demo_db), "sheet", "Northwind", "--format", "json", "--present"]
    assert main(argv) == 2
    assert "--present masks the printed handout" in capsys.readouterr().err
