"""`language: zh` switches every word a rep sees: queue, accounts, account page, call, close-out."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from followup_tui.app import FollowupApp
from followup_tui.cli.main import main
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.queue.queue_words import say
from followup_tui.db.models import Account
from followup_tui.screens.account_list_screen import AccountsScreen
from followup_tui.screens.account_page import AccountPage
from followup_tui.screens.account_picker import AccountPicker
from followup_tui.screens.call_script import CallScriptScreen
from followup_tui.screens.close_out import CloseOut, proposal_reason
from followup_tui.screens.date_prompt import DatePrompt
from followup_tui.screens.deals import DealsScreen
from followup_tui.screens.due_queue import DueQueueScreen
from followup_tui.screens.help import HelpScreen
from followup_tui.screens.quick_note import QuickNote
from tests.support import TODAY, make_app

SIZE = (160, 50)
# English the screens used to show; none of it may be left on a Chinese screen.
QUEUE_ENGLISH = ("overdue by", "due today", "priority", "d ago", "never", "Snooze", "Work through")
ACCOUNTS_ENGLISH = ("accounts", "sorted by", "archived", "filter by", "Reverse")
PAGE_ENGLISH = ("Tactic:", "Next:", "No next step", "no next step", "signs within", "Timeline")
PAGE_ENGLISH += ("Key people", "Follow-ups", "We promised", "They promised", "tier:", "rising")
CALL_ENGLISH = ("Tactic", "Worth another call", "Last contacts", "Open deals", "Notes - saved")
CALL_ENGLISH += ("Finish call", "Edit script", "Purpose", "Minutes", "Ask for", "Minimum")
CLOSE_ENGLISH = ("Outcome - press", "What happened", "we promised", "Next follow-up", "proposed")
CLOSE_ENGLISH += ("Which commitment", "cadence", "shift+tab: commitments")


@pytest.fixture
def zh(tmp_path: Path) -> Settings:
    """The shipped defaults with `language: zh` from a user file."""
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    return load_settings(config)


def screen_text(app: FollowupApp) -> str:
    """What the terminal shows, line by line, read from the screenshot."""
    rows: dict[float, list[tuple[float, str]]] = {}
    svg = app.export_screenshot()
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        text = html.unescape(re.sub("<[^>]+>", "", m[3])).replace("\xa0", " ")
        rows.setdefault(float(m[2]), []).append((float(m[1]), text))
    return "\n".join("".join(t for _, t in sorted(row)) for _, row in sorted(rows.items()))


async def check_shown(
    pilot: Pilot[None], app: FollowupApp, chinese: tuple[str, ...], english: tuple[str, ...]
) -> None:
    """`check` the screen once it shows every Chinese word, or after a few seconds.

    The footer and the help draw their keys a frame after the rest: on a loaded
    machine a screenshot taken at once can precede them.
    """
    deadline = time.monotonic() + 5
    while not all(word in screen_text(app) for word in chinese) and time.monotonic() < deadline:
        await pilot.pause(0.05)
    check(screen_text(app), chinese, english)


def check(text: str, chinese: tuple[str, ...], english: tuple[str, ...]) -> None:
    """Every Chinese word is shown and no English leftover is."""
    missing = [word for word in chinese if word not in text]
    left = [word for word in english if word in text]
    assert not missing and not left, f"missing {missing}, English left {left}\n{text}"


async def test_queue_speaks_chinese(zh: Settings, demo_db: Path) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DueQueueScreen)
        text = screen_text(app)
        check(
            text,
            ("已逾期", "今天到期", "逾期", "天前 · ", "优先级", "没有安排下一步（", "水温下降"),
            QUEUE_ENGLISH,
        )
        check(text, ("打电话", "完成", "推迟", "改期", "逐个处理", "计划", "帮助", "退出"), ())
        queue = app.screen.queue
        assert queue is not None
        reasons = "\n".join(r for s in queue.sections for i in s.items for r in i.reasons)
        check(
            reasons,
            ("曾达到", "天后将低于", "下次跟进要到", "类跟进周期为", "休眠，上次尝试在"),
            (),
        )
        check(reasons, ("通常在", "月采购（", "开始联系"), ("usually buys", "contact from"))
        check(reasons, (), ("was ", "cold:", "cadence", "dormant", "rejection", "ago"))
        await pilot.press("w")
        await check_shown(
            pilot, app, ("计划：一周", "周一 2026-11-23", "跟进", "最佳行动"), ("Plan:",)
        )
        await pilot.press("w")
        await check_shown(pilot, app, ("第48周 2026-11-23..2026-11-29",), ("W48",))


async def test_help_and_palette_speak_chinese(zh: Settings, demo_db: Path) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"待跟进：打电话", "应用：退出", "应用：帮助"} <= titles
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await check_shown(
            pilot,
            app,
            ("按键 - 待跟进", "作用", "打开这次跟进的电话脚本", "下移", "命令面板"),
            ("Close help", "What it does", "Open the call script", "Page up", "Scroll Left"),
        )


async def test_accounts_speak_chinese(zh: Settings, demo_db: Path) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert isinstance(app.screen, AccountsScreen)
        await check_shown(
            pilot,
            app,
            ("个客户", "个已归档（按 h 显示）", "按名称排序", "筛选", "倒序", "无"),
            ACCOUNTS_ENGLISH,
        )
        await pilot.press("c", "s")
        await check_shown(pilot, app, ("A类", "按分类排序"), ("class A", "sorted by"))


DEALS_ENGLISH = ("deals", "filter by", "won or lost", "sorted by", "Deal ", "Funnel", "Position")
DEALS_ENGLISH += ("Mines", "Complete", "Filter", "Status", "Outcome", "Sort", "Reverse", "Add")
DEALS_ENGLISH += ("Edit",)


async def test_deals_speak_chinese(zh: Settings, demo_db: Path) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, DealsScreen)
        await check_shown(
            pilot,
            app,
            ("按商机名称或客户名称筛选", "个商机", "个已赢单或丢单（按 o 显示）", "按完成日期排序"),
            DEALS_ENGLISH,
        )
        await check_shown(
            pilot, app, ("漏斗", "定位", "地雷", "完整度", "筛选", "状态", "倒序"), ()
        )
        await pilot.press("o", "o", "o", "slash", *"zzz", "enter")
        await check_shown(pilot, app, ("全部结果", "没有符合这些筛选条件的商机"), ("all outcomes",))


async def test_account_page_speaks_chinese(zh: Settings, demo_db: Path) -> None:
    idle = Account.get(Account.name == "Fourth Coffee").id  # no next step scheduled
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(AccountPage(idle))
        await pilot.pause()
        text = screen_text(app)
        check(
            text,
            ("分类 D", "预计3-6个月内签单", "策略：", "水温", "下一步：", "没有安排下一步"),
            PAGE_ENGLISH,
        )
        check(text, ("时间线", "跟进", "关键人物", "商机", "档案", "时间", "方式", "备注"), ())
        check(text, ("返回", "水温从何而来？", "添加人物"), ("Why this heat?", "Add person"))
        await pilot.press("w")
        await check_shown(pilot, app, ("天内↓ 下降", "每闲置一天降低"), ("lost per idle day",))
        app.screen.query_one("#account-tabs").active = "tab-profile"
        await pilot.pause()
        await check_shown(
            pilot, app, ("基本信息", "地址：", "市场", "5+5+5 计划"), ("Basic", "address")
        )


async def test_call_script_and_close_out_speak_chinese(zh: Settings, demo_db: Path) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallScriptScreen)
        await check_shown(
            pilot,
            app,
            ("策略", "值得再打一次吗？", "最近联系", "在谈商机", "笔记——边输入边保存", "呼叫"),
            CALL_ENGLISH,
        )
        await check_shown(pilot, app, ("您好，我是", "结束通话", "编辑脚本"), ())
        # The person comes first: the script's last parts are further down.
        app.screen.query_one("#call-script").scroll_end(animate=False)
        await pilot.pause()
        await check_shown(pilot, app, ("现在方便吗？", "最低："), CALL_ENGLISH)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CloseOut)
        await check_shown(
            pilot,
            app,
            (
                "结果——按对应的键",
                "发生了什么",
                "我方承诺（可选）",
                "下次跟进——建议：",
                "获得了哪个承诺？",
            ),
            CLOSE_ENGLISH,
        )
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#close-error", Static)
        assert "请先选择结果" in str(error.render())
        await pilot.press("r")
        app.screen.query_one("#close-due", Input).value = "2020-01-01"
        await pilot.press("ctrl+s")
        assert "下次跟进不能在过去" in str(error.render())
        app.screen.query_one("#close-due", Input).value = "下下下周"
        await pilot.press("ctrl+s")
        assert "无法识别日期" in str(error.render())


async def test_date_prompt_note_and_picker_speak_chinese(zh: Settings, demo_db: Path) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, DatePrompt)
        assert app.screen.query_one("#date-input", Input).value == "明天"
        await check_shown(
            pilot, app, ("推迟到", "enter 确认", "下周一"), ("enter accepts", "Snooze")
        )
        app.screen.query_one("#date-input", Input).value = "2026-11-01"
        await pilot.press("enter")
        assert "或之后的日期" in str(app.screen.query_one("#date-error", Static).render())
        await pilot.press("escape", "n")
        assert isinstance(app.screen, QuickNote)
        await check_shown(pilot, app, ("的笔记", "发生了什么，下一步", "保留草稿"), ("Note on",))
        await pilot.press("escape")
        app.push_screen(AccountPicker(text="没有这个客户"))
        await pilot.pause()
        await check_shown(
            pilot,
            app,
            ("哪个客户？", "没有客户符合", "↑↓ 选择"),
            ("Which account", "No live"),
        )


def test_due_text_speaks_chinese(demo_db: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from followup_tui.db.database import close_database

    close_database()
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    args = ["--db", str(demo_db), "--config", str(config), "due", "--date", "2026-11-22"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("2026-11-22 的待跟进队列：")
    check(
        out,
        ("已逾期（", "逾期", "今天到期", "天前，", "没有安排下一步（", "最佳行动逾期"),
        ("Due queue for", "overdue by", "due today", "d ago", "no next step", "best action", " ("),
    )


def test_reasons_and_proposals_have_chinese_wording() -> None:
    assert say("zh", "overdue_by", n=3, days="3 days") == "逾期3天"
    assert say("en", "overdue_by", n=1, days="1 day") == "overdue by 1 day"
    assert say("zh", "idle", n=47, days="", klass="D", cadence_n=30, cadence="") == (
        "上次联系在47天前；D类跟进周期为30天"
    )
    reason = "class B cadence: every 7 days; moved from Saturday to Monday"
    assert proposal_reason(reason, "zh") == "B类的跟进周期：每7天；从周六改到周一"
    assert proposal_reason(reason, "en") == reason
    assert proposal_reason("something new", "zh") == "something new"


def test_english_key_words_are_the_code_words(settings: Settings) -> None:
    """The vocabulary's English key words repeat the code's, so English stays as it was."""
    english = settings.data["vocabulary"]["en"]
    screens = (FollowupApp, DueQueueScreen, AccountsScreen, AccountPage, CallScriptScreen)
    screens += (CloseOut, DatePrompt, QuickNote, AccountPicker, HelpScreen, DealsScreen)
    for screen in screens:
        for binding in screen.BINDINGS:
            slug = binding.id.replace(".", "_")
            assert english[f"key_{slug}"] == binding.description, binding.id
            assert english[f"tip_{slug}"] == binding.tooltip, binding.id


# English labels the deal and blue-sheet forms used to show under `language: zh`.
FORM_ENGLISH = ("Title", "Funnel level", "Outcome", "Evidence", "evidence", "Save", "Cancel")
FORM_ENGLISH += ("Role", "Response mode", "Rating", "Contacted", "Personal win", "Notes")
FORM_ENGLISH += ("Category", "Person", "Disarmed by", "Resolved", "By when", "Aimed at")
FORM_ENGLISH += ("Position", "Alternate position", "Edit the SSO", "New landmine", "control")


async def test_deal_and_blue_sheet_forms_speak_chinese(zh: Settings, demo_db: Path) -> None:
    from followup_tui.db.models import Deal, Landmine
    from followup_tui.screens.sheet.blue_sheet import BlueSheetScreen
    from followup_tui.screens.sheet.deal_form import DealForm
    from followup_tui.screens.sheet.sheet_form import SheetForm

    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "e")
        form = app.screen
        assert isinstance(form, DealForm)
        await check_shown(
            pilot,
            app,
            ("编辑商机", "商机名称", "产品或服务", "金额", "完成日期", "漏斗阶段", "结果"),
            FORM_ENGLISH,
        )
        await check_shown(pilot, app, ("证据：每个指标有什么依据？", "保存", "取消"), ())
        form.query_one("#f-evidence_status", Input).value = ""
        await pilot.pause()
        warning = str(form.query_one("#control-warning", Static).render())
        check(warning, ("失控：", "、状态没有证据。"), ("Out of control", "evidence"))
        form.query_one("#f-product", Input).value = "二期扩容"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, DealForm)
        deal = Deal.get(Deal.id == form.deal_id)
        assert deal.product == "二期扩容" and deal.evidence_status == ""

        await pilot.press("enter")
        sheet = app.screen
        assert isinstance(sheet, BlueSheetScreen)
        expected = {
            ("o", "e"): ("编辑单一销售目标", "单一销售目标", "漏斗", "客户：证据"),
            ("p", "e"): ("定位", "期望定位", "我为什么处在这个定位？"),
            ("f", "e"): ("理想客户匹配度", "客户信用良好吗？", "备注"),
            ("i", "e"): ("购买影响者：", "角色", "反应模式", "影响力", "支持度", "个人赢"),
            ("b", "a"): ("新的最佳行动", "谁", "做什么", "期限", "针对的地雷", "已完成"),
            ("m", "a"): ("新地雷", "类别", "地雷", "相关人物", "化解它的子弹", "已解决"),
        }
        for keys, chinese in expected.items():
            await pilot.press(*keys)
            assert isinstance(app.screen, SheetForm), keys
            await check_shown(pilot, app, (*chinese, "保存", "取消"), FORM_ENGLISH)
            if keys != ("m", "a"):
                await pilot.press("escape")
                assert app.screen is sheet
        # The landmine form still saves what is typed, under its Chinese labels.
        mines = Landmine.select().where(Landmine.deal == sheet.deal_id).count()
        await pilot.press(*"对方新来了采购总监")  # the form opens on the landmine's text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is sheet
        assert Landmine.select().where(Landmine.deal == sheet.deal_id).count() == mines + 1
        assert Landmine.get(Landmine.text == "对方新来了采购总监").category == "unknown_info"


def test_sheet_form_checks_answer_in_chinese(zh: Settings) -> None:
    from followup_tui.screens.sheet.sheet_action_form import ActionForm
    from followup_tui.screens.sheet.sheet_sso_form import SsoForm

    sso = SsoForm(zh, "单一销售目标", today=TODAY).check(
        {"title": " ", "amount": "abc", "completion_date": "someday"}
    )
    assert sso["title"] == "请写明销售目标"
    assert sso["amount"] == "请输入数字，例如 1,280,000"
    assert "someday" in sso["completion_date"] and "无法识别" in sso["completion_date"]
    action = ActionForm(zh, "最佳行动", today=TODAY).check(
        {"what": "", "due": "", "landmine": "", "target": ""}
    )
    assert action["what"] == "请写明要做什么"
    assert action["due"].startswith("什么时候")
    assert action["target"] == "请指向一个地雷，或写明要争取的赢点"


async def test_account_form_speaks_chinese(zh: Settings, demo_db: Path) -> None:
    from followup_tui.screens.account_form import AccountForm
    from followup_tui.screens.questionnaire import QuestionnaireScreen

    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        form = app.screen
        assert isinstance(form, AccountForm)
        hints = {row.placeholder for row in form.query(Input) if row.placeholder}
        assert {"例如 +86 21 5555 0100", "例如 name@example.com", "例如 example.com"} <= hints
        assert not [hint for hint in hints if "e.g." in hint or "days" in hint], hints
        form.query_one("#f-name", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        toasts = [str(n.message) for n in app._notifications]
        assert "有1个字段需要修改" in toasts, toasts
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, QuestionnaireScreen)
        await check_shown(pilot, app, ("客户意愿与需求评估",), ("种子", "seed"))


def test_no_internal_seed_label_reaches_a_rep(settings: Settings) -> None:
    """The method's source documents ("seed 002") are ours to know, not the rep's to read."""
    from followup_tui.screens.account_form import AccountForm

    label = re.compile(r"seed[ -]?\d{3}|种子\d{3}", re.IGNORECASE)
    words = [
        str(text) for language in settings.data["vocabulary"].values() for text in language.values()
    ]
    words += [str(binding.tooltip) for binding in AccountForm.BINDINGS]
    assert not [word for word in words if label.search(word)]


def test_every_named_key_of_every_screen_has_chinese_words() -> None:
    """A binding added without its words would show English in a Chinese footer and help."""
    import importlib
    import pkgutil

    import yaml
    from textual.binding import Binding

    import followup_tui.screens as screens

    root = Path(screens.__file__).parent.parent.parent
    vocab = yaml.safe_load((root / "config" / "vocabulary.yaml").read_text(encoding="utf-8"))
    zh_words = vocab["vocabulary"]["zh"]
    missing = []
    for info in pkgutil.walk_packages(screens.__path__, "followup_tui.screens."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and obj.__module__ == module.__name__:
                for binding in getattr(obj, "BINDINGS", []):
                    if isinstance(binding, Binding) and binding.id:
                        slug = binding.id.replace(".", "_")
                        missing += [k for k in (f"key_{slug}", f"tip_{slug}") if k not in zh_words]
    assert missing == []


async def test_quick_note_notices_speak_chinese(zh: Settings, demo_db: Path) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"客户在重组", "ctrl+s")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(m.startswith("已在") and m.endswith("上保存笔记") for m in said), said
