"""Text cut short in a table ends flush: '采购…', not '采购 …', when a wide character misses."""

from __future__ import annotations

import re

import pytest
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult

from followup_tui.widgets.cells import truncate_cell
from followup_tui.widgets.virtual_table import Column, VirtualTable
from tests.support import make_app
from tests.ui.test_zh_ui import screen_text

PURPOSE = "确认电表夜班安装日期，拿到采购订单"
# A wide character (CJK or full-width punctuation) and then a space before the ellipsis.
GAP = re.compile(r"[\u3000-\u9fff\uff00-\uffef] …")


def cut(text: str | Text, width: int) -> Text:
    out = text.copy() if isinstance(text, Text) else Text(text)
    truncate_cell(out, width)
    return out


def test_a_wide_character_that_misses_leaves_the_ellipsis_flush() -> None:
    assert cut(PURPOSE, 16).plain == "确认电表夜班安…"  # 15 cells: the caller pads after it
    assert cut(PURPOSE, 15).plain == "确认电表夜班安…"
    assert cut("Fabrikam（厦门）精密有限公司", 14).plain == "Fabrikam（厦…"
    assert cut("Fabrikam（厦门）精密有限公司", 10).plain == "Fabrikam…"
    for width in range(1, 40):
        out = cut(PURPOSE, width)
        assert out.cell_len <= width and not GAP.search(out.plain), (width, out.plain)


def test_english_is_cut_as_before() -> None:
    for text in ("Agree the go-live date for DC 1", "Northwind Logistics", "ab"):
        for width in range(1, 35):
            before = Text(text)
            before.truncate(width, overflow="ellipsis")
            assert cut(text, width).plain == before.plain, (text, width)
    assert cut("short", 10).plain == "short"  # what fits is left alone


def test_styles_stay_on_the_text_kept() -> None:
    text = Text("红色")
    text.append("蓝色文字", style="blue")
    out = cut(text, 6)
    assert out.plain == "红色…"
    assert not any(span.style == "blue" and span.start < 2 for span in out.spans)


class OneTable(App[None]):
    """A table alone, to read the line it draws."""

    def compose(self) -> ComposeResult:
        yield VirtualTable([Column("purpose", "Purpose", 16), Column("n", "N", 3, "right")])


async def test_the_table_pads_after_the_ellipsis() -> None:
    app = OneTable()
    async with app.run_test(size=(40, 5)):
        table = app.query_one(VirtualTable)
        line = table._line([PURPOSE, "12"], [16, 3], Style()).text
        assert line.startswith("确认电表夜班安…   12"), repr(line)


@pytest.mark.parametrize("size", [(94, 40), (129, 40), (150, 40)])
async def test_the_queue_shows_no_gap_before_an_ellipsis(settings, demo_db, size) -> None:
    """The QA report: '确认电表夜班安装日期，拿到采购 …' and 'Fabrikam（厦门）精密有 …'."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "…" in text, "the demo's queue cuts some text at this width"
        assert not GAP.search(text), GAP.findall(text)
