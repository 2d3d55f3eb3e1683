"""The account page's org chart (key v): drawn from the database, kept current, in zh too."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.widgets import DataTable

from followup_tui.core.base.config import load_settings
from followup_tui.db.accounts import save_account, save_contact
from followup_tui.db.models import Contact
from followup_tui.screens.account_page import AccountPage
from followup_tui.screens.contact_form import ContactForm
from followup_tui.widgets.org_chart_view import OrgChart
from tests.support import make_app

SIZE = (140, 45)



async def open_page(pilot, *name: str) -> AccountPage:
    """From the account list, filter to one account and open its page."""
    await pilot.press("2", "slash", *name, "enter", "enter")
    await pilot.pause()
    page = pilot.app.screen
    assert isinstance(page, AccountPage)
    return page


async def test_v_shows_the_key_people_by_department_and_level(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "明", "远")
        chart = page.query_one(OrgChart)
        table = page.query_one("#people", DataTable)
        assert not chart.display
        await pilot.press("v")  # from the timeline: straight to the chart
        assert page.query_one("#account-tabs").active == "tab-people"
        assert chart.display and not table.display and app.focused is chart
        assert chart.plain.splitlines() == [
            "上海明远机电有限公司",
            "├─ 总经办 (1)",
            "│  └─ ●●●●● 张伟  总经理",
            "├─ 设备部 (2)",
            "│  ├─ ●●●●○ 刘洋  设备部经理",
            "│  └─ ●●○○○ 潘东  项目工程师  ★ coach",
            "└─ 采购部 (1)",
            "   └─ ●●●○○ 周杰  采购主管",
        ]
        coach = Contact.get(Contact.name == "潘东")
        assert coach.is_coach and coach.level == 2 and coach.department == "设备部"

        # A person added while the chart shows lands in it, under their department.
        await pilot.press("p")
        form = app.screen
        assert isinstance(form, ContactForm)
        await pilot.press(*"Anna Kowalski")
        form.query_one("#f-department").value = "设备部"  # type: ignore[attr-defined]
        form.query_one("#f-title").value = "Maintenance lead"  # type: ignore[attr-defined]
        form.query_one("#f-level").value = "5"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is page and chart.display
        assert Contact.get(Contact.name == "Anna Kowalski").department == "设备部"
        lines = chart.plain.splitlines()
        assert lines[3:7] == [
            "├─ 设备部 (3)",
            "│  ├─ ●●●●● Anna Kowalski  Maintenance lead",
            "│  ├─ ●●●●○ 刘洋           设备部经理",
            "│  └─ ●●○○○ 潘东           项目工程师        ★ coach",
        ]
        # Chinese and English names share one column: every line is as wide on screen.
        assert len({cell_len(line.text) for line in chart.lines}) == 1

        await pilot.press("v")  # on Key people: back to the list
        assert table.display and not chart.display and app.focused is table
        await pilot.press("v", "o")  # editing needs the list's cursor: o goes back to it
        assert isinstance(app.screen, ContactForm)
        await pilot.press("escape")
        assert table.display and not chart.display


async def test_an_account_without_key_people_says_how_to_add_one(settings, db_path) -> None:
    save_account({"name": "Empty Co"})
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, *"Empty")
        await pilot.press("v")
        chart = page.query_one(OrgChart)
        assert chart.lines == [] and chart.display
        assert "No key person yet: p adds one" in str(chart.query_one("#org-chart-body").render())


async def test_org_chart_in_chinese_and_in_the_palette(tmp_path: Path, db_path) -> None:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    zh = load_settings(config)
    account = save_account({"name": "杭州云帆科技"})
    save_contact({"name": "陈总", "level": 5, "is_coach": True}, account)
    app = make_app(zh, db_path)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "云", "帆")
        titles = {command.title for command in app.get_system_commands(page)}
        assert "客户：组织结构图" in titles
        await pilot.press("v")
        assert page.query_one(OrgChart).plain.splitlines() == [
            "杭州云帆科技",
            "└─ （未填部门） (1)",
            "   └─ ●●●●● 陈总    ★ 教练",
        ]
