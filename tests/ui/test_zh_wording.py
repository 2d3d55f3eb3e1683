"""What a QA pass under `language: zh` found still English or worded wrong, kept fixed."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from pathlib import Path

from textual.widgets import Input

import followup_tui.screens as screens
from followup_tui.core.base.config import Settings
from followup_tui.screens.discard_changes import DiscardChanges, record_words
from tests.ui.test_zh_ui import SIZE, make_app, screen_text, zh  # noqa: F401 (zh is a fixture)


def test_every_form_names_its_record_in_both_languages(settings: Settings) -> None:
    """A form whose RECORD_NAME lacks words would ask in English on a Chinese screen."""
    vocab = settings.data["vocabulary"]
    names = set()
    for info in pkgutil.walk_packages(screens.__path__, "followup_tui.screens."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and isinstance(getattr(obj, "RECORD_NAME", None), str):
                names.add(obj.RECORD_NAME)
    assert {"this account", "the SSO", "this deal"} <= names
    for name in names:
        key = "discard_what_" + name.lower().replace(" ", "_")
        assert vocab["en"].get(key) == name, key
        assert key in vocab["zh"], key
    assert record_words(settings, "the SSO") == "the SSO"


async def test_discard_question_speaks_chinese(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        await pilot.press(*"x", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardChanges)
        text = screen_text(app)
        assert "放弃对这个客户的修改？" in text and "继续编辑" in text, text
        assert "Discard" not in text and "keep editing" not in text, text
        await pilot.press("y")
        await pilot.press("3", "enter")
        await pilot.press("o", "e")
        await pilot.pause()
        app.screen.query_one("#f-title", Input).value = "改过的目标"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardChanges)
        assert "放弃对单一销售目标的修改？" in screen_text(app)


async def test_discard_question_in_english(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        await pilot.press(*"x", "escape")
        await pilot.pause()
        text = screen_text(app)
        assert "Discard your changes to this account?" in text, text
        assert "y  discard     n / esc  keep editing" in text, text


async def test_sheet_footer_names_the_section_keys_in_chinese(
    zh: Settings,  # noqa: F811
    demo_db: Path,
) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "各部分" in footer and "Sections" not in footer, footer
        await pilot.press("v")  # review mode keeps the group, without p
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "各部分" in footer and "Sections" not in footer, footer


def test_every_key_group_has_words_in_both_languages(settings: Settings) -> None:
    from followup_tui.screens.sheet.sheet_keys import SHEET_BINDINGS

    vocab = settings.data["vocabulary"]
    groups = {b.group.description for b in SHEET_BINDINGS if not isinstance(b, tuple) and b.group}
    for description in groups:
        key = "key_group_" + description.lower().replace(" ", "_")
        assert vocab["en"][key] == description and key in vocab["zh"], key


def toasts(app: object) -> list[str]:
    """The notices shown so far."""
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_sheet_notices_speak_chinese(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "v", "escape")
        await pilot.pause()
        assert "已退出复盘：没有记录" in toasts(app), toasts(app)
        await pilot.press("P", "P", "b", "x", "u")
        await pilot.pause()
        expected = ["演示模式：支持度、教练和私人备注已隐藏", "已退出演示模式：全部显示"]
        expected += ["已删除最佳行动：按 u 撤销"]
        expected += ["最佳行动已恢复"]
        assert set(expected) <= set(toasts(app)), toasts(app)
        assert not [t for t in toasts(app) if "Review" in t or "undo" in t], toasts(app)


async def test_sheet_notices_in_english(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "v", "escape", "b", "x", "u")
        await pilot.pause()
        expected = ["Review left: nothing recorded", "Removed the action - press u to undo"]
        assert set(expected) <= set(toasts(app)), toasts(app)
        assert "The action is back" in toasts(app), toasts(app)


def test_every_palette_category_has_words_in_both_languages(settings: Settings) -> None:
    """A screen's category without words shows as English before a Chinese action."""
    vocab = settings.data["vocabulary"]
    categories = {"App"}
    for info in pkgutil.walk_packages(screens.__path__, "followup_tui.screens."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and isinstance(getattr(obj, "PALETTE_CATEGORY", None), str):
                categories.add(obj.PALETTE_CATEGORY)
    assert {"Sheet", "Pick", "Confirm"} <= categories
    for category in categories:
        key = "category_" + category.lower().replace(" ", "_")
        assert vocab["en"].get(key) == category and key in vocab["zh"], key


async def test_command_palette_speaks_chinese(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        helps = [command.help for command in app.get_system_commands(app.screen)]
        assert "蓝表：编辑" in titles and "主题" in titles and "截图" in titles, titles
        english = ("Sheet", "Theme", "Screenshot", "Maximize", "Change the current", "Save an SVG")
        assert not [t for t in titles + helps if any(word in t for word in english)], titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        text = screen_text(app)
        assert "搜索命令或客户…" in text and "Search for commands" not in text, text
        await pilot.press(*"qqqzzz")
        await pilot.pause(0.8)
        text = screen_text(app)
        assert "没有匹配的命令" in text and "No matches found" not in text, text


async def test_command_palette_in_english(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Sheet: Edit" in titles and "Theme" in titles and "Screenshot" in titles
        await pilot.press("ctrl+p", *"qqqzzz")
        await pilot.pause(0.8)
        text = screen_text(app)
        assert "No matches found" in text, text


async def test_chinese_wording_of_actions_tabs_and_review(
    zh: Settings,  # noqa: F811
    demo_db: Path,
) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        # ctrl+pgup / ctrl+pgdn switch tabs: "上一页" alone would say they turn pages.
        assert "上一页签" in footer and "下一页签" in footer, footer
        await pilot.press("escape", "3", "enter", "b")
        await pilot.pause()
        text = screen_text(app)
        # A best action not done is open work, not a landmine "not ruled out".
        assert "未完成" in text and "未排除" not in text, text
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        assert "c 评论" in text and "评语" not in text, text


def test_who_what_joins_take_the_languages_colon(settings: Settings, zh: Settings) -> None:  # noqa: F811
    """ "教练：确认最终签字人", as the queue says it; English keeps "Li: book the visit"."""
    import dataclasses

    from followup_tui.core.queue.planning import PlanEntry
    from followup_tui.core.queue.queue_lines import loaded
    from followup_tui.core.sheet.landmines import find_landmines
    from followup_tui.widgets.queue_rows import render_loaded
    from tests.core.test_landmines import clean_sheet
    from tests.support import TODAY

    sheet = clean_sheet()
    late = dataclasses.replace(sheet.actions[0], who="教练", what="确认最终签字人")
    late = dataclasses.replace(late, due=TODAY - dt.timedelta(days=6))
    sheet = dataclasses.replace(sheet, actions=(late,))
    found = [f.text for f in find_landmines(sheet, TODAY, zh) if f.rule == "action_overdue"]
    assert found and "教练：确认最终签字人" in found[0], found
    english = [f.text for f in find_landmines(sheet, TODAY, settings) if f.rule == "action_overdue"]
    assert "教练: 确认最终签字人" in english[0], english

    entry = PlanEntry(TODAY, 1, "测试公司", "best_action", 1, "教练: 确认", "教练", "确认")
    assert render_loaded(0, loaded(("plan", entry)), zh, TODAY)[1][-1] == "教练：确认"
    assert render_loaded(0, loaded(("plan", entry)), settings, TODAY)[1][-1] == "教练: 确认"
    # The review's question, once a table in sheet_review, is the vocabulary's now.
    assert zh.word("review_mine_question") == "{text}：用哪颗子弹拆除它？"


def test_position_age_is_said_once_and_counts_agree(settings: Settings, zh: Settings) -> None:  # noqa: F811
    """'confirmed 2026-11-21, 1 days ago 1d' said the age twice, and in the plural."""
    import dataclasses

    from followup_tui.widgets import sheet_render as render
    from followup_tui.widgets.sheet_view import SheetView
    from tests.core.test_landmines import at, clean_sheet
    from tests.support import TODAY

    deal = dataclasses.replace(clean_sheet().deal, position=2, position_confirmed_at=at(1))
    sheet = dataclasses.replace(clean_sheet(), deal=deal)
    english = SheetView.build(sheet, TODAY, settings)
    line = render.position(english).plain.splitlines()[0]
    assert line.endswith(f"confirmed {TODAY - dt.timedelta(days=1)}, 1 day ago"), line
    chinese = render.position(SheetView.build(sheet, TODAY, zh)).plain.splitlines()[0]
    assert chinese.endswith("，1天前"), chinese
    old = dataclasses.replace(deal, position_confirmed_at=at(400))
    stale = render.position(SheetView.build(dataclasses.replace(sheet, deal=old), TODAY, settings))
    assert "400 days ago stale 400d" in stale.plain  # the age mark stays for its warning
    late = dataclasses.replace(sheet.actions[0], due=TODAY - dt.timedelta(days=2))
    # The head counts the sheet's one landmine list: the overdue action alone is one.
    alone = dataclasses.replace(sheet, actions=(late,), landmines=(), bullets=())
    one = SheetView.build(alone, TODAY, settings)
    assert "  ·  1 landmine found" in render.head(one).plain, render.head(one).plain
