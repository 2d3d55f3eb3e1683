"""Chinese text on the blue sheet takes full-width punctuation: "结论：", not "结论: "."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.core.base.vocabulary import shipped_words
from tests.ui.test_zh_ui import SIZE, make_app, screen_text, zh  # noqa: F401 (zh is a fixture)

# A half-width , : ; ? ( ) touching a Chinese character (digits like 1,280,000 are fine).
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,:;?()]|[,:;?()][\u4e00-\u9fff]")


def strings(value: object) -> Iterator[str]:
    """Every string inside nested dicts and tuples."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings(item)


def test_chinese_sheet_words_use_full_width_punctuation(zh: Settings) -> None:  # noqa: F811
    # The sheet's word tables (sheet_text, sheet_view, landmines, position, completeness)
    # are the vocabulary's bluesheet_, landmine_, verdict_ and completeness_ keys now.
    tables = (zh.data["vocabulary"]["zh"],)
    mixed = [text for table in tables for text in strings(table) if HALF_WIDTH.search(text)]
    assert not mixed, mixed


def test_english_sheet_words_keep_their_punctuation() -> None:
    english = shipped_words("en", "bluesheet_")
    assert english["colon"] == ": "
    assert english["aside"] == " ({text})"


async def test_blue_sheet_reads_as_chinese(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")  # the first deal: 产线改造 MES 授权扩容
        await pilot.pause()
        text = screen_text(app)
        assert "结论：" in text and "完整度：" in text and "当前阶段：" in text, text
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert "得分0，中期阶段，8个信号中2个未知" in text, text
        assert "（进行中 · 漏斗之中）" in text, text
        assert not HALF_WIDTH.search(text.replace("2026-", "")), HALF_WIDTH.findall(text)


async def test_the_deal_form_reads_as_chinese(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    """A tmux pass: '新商机: 苏州…', '客户: …' and '(CNY)' took half-width colons and brackets."""
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a", *"hengtong", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "新商机：苏州恒通精密" in text and "客户：苏州恒通精密" in text, text
        assert "（CNY）" in text and "下周五" in text, text
        assert not HALF_WIDTH.search(text.replace("2026-", "")), HALF_WIDTH.findall(text)
