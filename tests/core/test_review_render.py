"""Review tables printed: CJK columns aligned by cells, safe CSV, the review lines checked."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.base.config import load_settings
from followup_tui.core.base.errors import ConfigError
from followup_tui.core.base.text import display_width
from followup_tui.core.review.review_config import review_config
from followup_tui.core.review.review_render import (
    csv_report,
    markdown_report,
    safe_cell,
    table_text,
)
from followup_tui.core.review.review_tables import Table

TABLE = Table(
    "Deals",
    ("Account", "Amount"),
    (("北京明远科技", "1,000.00"), ("Northwind", "20.00"), ("=HYPERLINK(1)", "-3.00")),
    frozenset({1}),
)


def test_text_aligns_chinese_by_cells() -> None:
    lines = table_text(TABLE)
    body = lines[1:]
    # Every line but the title ends its second column at the same cell.
    widths = {display_width(line) for line in body}
    assert len(widths) == 1, body
    assert lines[3] == "北京明远科技   1,000.00"


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1+2", "'+1+2"),
        ("@cmd", "'@cmd"),
        ("-2+3", "'-2+3"),
        ("\tx", "'\tx"),
        ("-1,200.00", "-1,200.00"),  # a number stays a number
        ("Northwind", "Northwind"),
    ],
)
def test_safe_cell(cell: str, expected: str) -> None:
    assert safe_cell(cell) == expected


@given(st.text(max_size=20))
def test_no_csv_cell_starts_a_formula(text: str) -> None:
    rows = list(csv.reader(io.StringIO(csv_report(Table("t", ("h",), ((text,),))))))
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "@"):
                pytest.fail(f"formula cell {cell!r}")


def test_markdown_escapes_pipes() -> None:
    out = markdown_report("T", [Table("x", ("a",), (("a|b",),))])
    assert "| a\\|b |" in out


def test_review_lines_are_checked_at_load(tmp_path: Path) -> None:
    assert review_config(load_settings(None)).funnel_weight["best_few"] == 0.8
    for bad, key in (
        ("review:\n  funnel_weight:\n    in: 1.5\n", "review.funnel_weight.in"),
        ("review:\n  stalled_days: 0\n", "review.stalled_days"),
        ("review:\n  move_up_min_orders: 0\n", "review.move_up_min_orders"),
        ("review:\n  goal_percent: 0\n", "review.goal_percent"),
    ):
        path = tmp_path / "config.yaml"
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
            load_settings(path)
    path.write_text("review:\n  verdict_weight:\n    contender: 0.5\n", encoding="utf-8")
    assert review_config(load_settings(path)).verdict_weight["contender"] == 0.5
