"""The app shell on the demo database: screens, help, palette, theme, quit."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import DataTable

from followup_tui.db.models import Account
from followup_tui.screens.account_list_screen import AccountsScreen
from followup_tui.screens.due_queue import DueQueueScreen
from followup_tui.screens.help import HelpScreen
from tests.support import make_app


async def test_starts_on_the_queue_and_reaches_every_screen(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DueQueueScreen)
        assert app.screen.current() is not None
        await pilot.press("2")
        assert isinstance(app.screen, AccountsScreen)
        names = {entry.name for entry in app.screen.rows}
        live = {a.name for a in Account.select().where(Account.archived == False)}  # noqa: E712
        assert names == live
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in names)
        await pilot.press("1")
        assert isinstance(app.screen, DueQueueScreen)


async def test_number_key_help_and_back(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        assert isinstance(app.screen, AccountsScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one(DataTable)
        rows = [tuple(str(c) for c in keys.get_row_at(i)) for i in range(keys.row_count)]
        described = {r[1] for r in rows}
        assert {"Reload", "Help", "Quit", "Accounts", "Light/dark"} <= described
        await pilot.press("escape")
        assert isinstance(app.screen, AccountsScreen)


async def test_every_binding_is_a_palette_command(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for active in app.screen.active_bindings.values():
            binding = active.binding
            if binding.id:
                category = active.node.PALETTE_CATEGORY
                assert f"{category}: {binding.description}" in titles
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"light/dark", "enter")
        await pilot.pause()
        assert app.theme == "textual-light"


async def test_theme_toggles_between_light_and_dark(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert not app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark


async def test_q_quits_with_code_zero(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test() as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_empty_database_explains_how_to_start(settings, db_path: Path) -> None:
    app = make_app(settings, db_path)
    async with app.run_test() as pilot:
        await pilot.press("2")
        empty = app.screen.query_one("#accounts-empty")
        assert empty.display
        assert "followup demo" in str(empty.render())


async def test_chinese_vocabulary_is_used_on_screen(tmp_path: Path, demo_db: Path) -> None:
    from followup_tui.core.base.config import load_settings

    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    app = make_app(load_settings(config), demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
        for word in ("水温", "分类", "目的", "原因", "已逾期", "华为技术"):
            assert word in svg
        await pilot.press("2")
        svg = app.export_screenshot()
        for word in ("水温", "分类", "下次跟进", "老客户", "华为技术"):
            assert word in svg


async def test_number_keys_leave_an_open_page_for_the_main_screen(settings, demo_db: Path) -> None:
    from followup_tui.screens.account_page import AccountPage

    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "enter")
        assert isinstance(app.screen, AccountPage)
        await pilot.press("2")
        assert isinstance(app.screen, AccountsScreen)
        await pilot.press("enter", "1")
        assert isinstance(app.screen, DueQueueScreen)
        await pilot.press("2")
        assert isinstance(app.screen, AccountsScreen), "not the page left open earlier"
