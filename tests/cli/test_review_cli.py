"""`followup review`: every tab in every format on the demo, Chinese alignment, bad input."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.core.base.text import display_width
from followup_tui.core.review.review_tables import TABS


def run(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", str(db), "review", *args, "--date", "2026-11-22"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("tab", TABS)
def test_every_tab_in_every_format(
    demo_db: Path, capsys: pytest.CaptureFixture[str], tab: str
) -> None:
    code, text, _ = run(demo_db, capsys, tab)
    assert code == 0 and "as of 2026-11-22" in text.splitlines()[0]
    code, md, _ = run(demo_db, capsys, tab, "--format", "md")
    assert code == 0 and md.startswith("# ") and "\n## " in md and "|---" in md
    code, doc, _ = run(demo_db, capsys, tab, "--format", "json")
    data = json.loads(doc)
    assert code == 0 and data["tab"] == tab and data["as_of"] == "2026-11-22"
    code, sheet, _ = run(demo_db, capsys, tab, "--format", "csv")
    rows = list(csv.reader(io.StringIO(sheet)))
    assert code == 0 and len({len(r) for r in rows}) == 1  # one table, square
    for cell in (c for r in rows for c in r):
        assert cell[:1] not in ("=", "+", "@"), cell


def test_pipeline_is_the_default_tab_and_month(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, default, _ = run(demo_db, capsys, "--format", "json")
    _, named, _ = run(demo_db, capsys, "pipeline", "--month", "2026-11", "--format", "json")
    assert default == named
    data = json.loads(default)
    assert data["period"] == {
        "kind": "month",
        "label": "2026-11",
        "start": "2026-11-01",
        "end": "2026-11-30",
    }
    weighted = [d for d in data["deals"] if d["amount"] is not None]
    assert all(float(d["weighted"]) <= float(d["amount"]) for d in weighted)
    by_funnel = sum(t["count"] for t in data["by_funnel"])
    assert by_funnel == len(data["deals"]) == sum(t["count"] for t in data["by_verdict"])


def test_defaults_of_health_and_year_end(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    health = json.loads(run(demo_db, capsys, "health", "--format", "json")[1])
    assert health["period"]["label"] == "2026-Q4"
    assert [q["quarter"] for q in health["quarters"]] == [
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]
    year = json.loads(run(demo_db, capsys, "year-end", "--format", "json")[1])
    assert year["period"]["label"] == "2026" and year["year"] == 2026
    assert all(0 <= a["reorder_rate"] <= 1 for a in year["accounts"])
    last = json.loads(run(demo_db, capsys, "year-end", "--year", "2025", "--format", "json")[1])
    assert last["year"] == 2025 and last["as_of"] == "2025-12-31"


def test_board_lists_three_tiers(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(demo_db, capsys, "board", "--format", "json")[1])
    assert [t["tier"] for t in data["tiers"]] == [
        "big_below_potential",
        "some_business",
        "no_business",
    ]
    for t in data["tiers"]:
        assert len(t["accounts"]) + t["empty_slots"] - t["over_by"] == data["slots"]


def test_chinese_columns_line_up(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    code, text, _ = run(demo_db, capsys, "--config", str(config), "board")
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == "5+5+5看板 · 2026-11 · 截至2026-11-22"
    table = lines[lines.index("三个梯队") + 1 :]
    table = table[: table.index("")]
    rows = table[2:]
    # Flags are empty on every row: each row ends where its right-aligned Actual column
    # ends, at the same cell, though the names before it mix Chinese and Latin letters.
    assert any(display_width(r) != len(r) for r in rows)
    assert any("Contoso Retail" in r for r in rows)
    assert len({display_width(r) for r in rows}) == 1, rows
    assert "大客户未达潜力" in text and "（空）" not in text
    code, md, _ = run(demo_db, capsys, "--config", str(config), "health", "--format", "md")
    assert "（落后）" in md and " （" not in md


@pytest.mark.parametrize(
    "args, flag",
    [
        (("--month", "2026-13"), "--month"),
        (("--quarter", "2026-Q5"), "--quarter"),
        (("--year", "20x6"), "--year"),
        (("year-end", "--month", "2026-11"), "--year"),
        (("--month", "2027-01"), "--month"),
    ],
)
def test_bad_input_exits_2_naming_the_flag(
    demo_db: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], flag: str
) -> None:
    code, out, err = run(demo_db, capsys, *args)
    assert code == 2 and out == ""
    assert flag in err


def test_bad_tab_or_format_is_usage(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (("nope",), ("--format", "xlsx"), ("--month", "2026-11", "--year", "2026")):
        with pytest.raises(SystemExit) as exc:
            run(demo_db, capsys, *args)
        assert exc.value.code == 2


def test_board_shows_plans_and_months_in_every_format(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(run(demo_db, capsys, "board", "--format", "json")[1])
    assert data["year"] == 2026 and len(data["board"]["months"]) == 12
    accounts = [a for t in data["tiers"] for a in t["accounts"]]
    assert len(accounts) == 15 and all(len(a["months"]) == 12 for a in accounts)
    steps = [s for a in accounts for s in a["plan"]["steps"]]
    statuses = {s["status"] for s in steps}
    assert statuses == {"open", "done", "missed"} and any(s["late"] for s in steps)
    assert all(s["marked_on"] for s in steps if s["status"] != "open")
    for t in data["tiers"]:
        for i in range(12):
            got = sum(float(a["months"][i]["actual"]) for a in t["accounts"])
            assert float(t["months"][i]["actual"]) == pytest.approx(got)
    first = accounts[0]
    assert first["status"] in ("ahead", "on_track", "behind", "no_plan")
    assert first["months"][11]["status"] == "upcoming"  # December, judged on 22 November

    name, how = first["name"], first["plan"]["steps"][0]["how"]
    _, text, _ = run(demo_db, capsys, "board")
    assert f"{name}: action plan" in text and how in text
    assert f"{name}: expected against actual by month" in text and "2026-12" in text
    _, md, _ = run(demo_db, capsys, "board", "--format", "md")
    assert f"## {name}: action plan" in md and f"| {how} |" in md
    _, sheet, _ = run(demo_db, capsys, "board", "--format", "csv")
    rows = list(csv.reader(io.StringIO(sheet)))
    kinds = [r[0] for r in rows[1:]]
    assert rows[0][0] == "Kind" and {"month", "goal", "step"} == set(kinds)
    assert kinds.count("step") == len(steps) and kinds.count("month") == 12 * (15 + 3)
    assert any(how in r for r in rows)


def test_year_end_reads_back_kept_verdicts(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    from followup_tui.db.review_verdicts import confirm_year_end

    before = json.loads(run(demo_db, capsys, "year-end", "--year", "2025", "--format", "json")[1])
    row = before["accounts"][0]
    assert row["verdict"] is None and before["revisits"] == []
    other = next(p for p in ("move_up", "breaking_in", "drop") if p != row["proposal"])
    confirm_year_end(row["id"], 2025, other, dt.date(2025, 12, 30), proposal=row["proposal"])
    after = json.loads(run(demo_db, capsys, "year-end", "--year", "2025", "--format", "json")[1])
    assert after["accounts"][0]["verdict"] == other
    nxt = json.loads(run(demo_db, capsys, "year-end", "--format", "json")[1])
    assert [(r["id"], r["verdict"]) for r in nxt["revisits"]] == [(row["id"], other)]
    _, text, _ = run(demo_db, capsys, "year-end")
    assert "Verdicts of 2025 to act on this year" in text and row["name"] in text


@pytest.mark.parametrize("language", ["en", "zh"])
def test_handout_draws_the_charts_in_text(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    """The Markdown handout: each chart in a fenced text block above its table's numbers,
    every line of a chart as wide as the others, month names on the board's lines."""
    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    wanted = {"board": "lines", "pipeline": 1, "health": 2, "heat": 1, "activity": 1}
    for tab, count in wanted.items():
        code, md, _ = run(demo_db, capsys, "--config", str(config), tab, "--format", "md")
        assert code == 0
        blocks = md.split("```text\n")[1:]
        if tab == "board":  # the whole board, each tier and each of the 15 accounts
            assert len(blocks) == 1 + 3 + 15
        else:
            assert len(blocks) == count, tab
        for block in blocks:
            chart = block[: block.index("\n```")].splitlines()
            assert all(display_width(line) <= 76 for line in chart)
            if tab == "board":  # the y axis in one cell on every line, Chinese or not
                axis = [line for line in chart if any(c in line for c in "┤│└")]
                cells = {display_width(re.split("[┤│└]", line)[0]) for line in axis}
                assert len(axis) == 9 and len(cells) == 1, chart  # 8 lines and the axis
        # The chart sits under its table's heading, before the table.
        first = md.index("```text")
        assert md.rindex("\n## ", 0, first) < first < md.index("|---", first)
    _, board, _ = run(demo_db, capsys, "--config", str(config), "board", "--format", "md")
    months = "1月 2月 3月" if language == "zh" else "Jan Feb Mar"
    assert all(m in board for m in months.split())
    assert "●" in board and "·" in board
