"""The call script as pure functions over fixed data: no database, no Textual."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.records import ActivityRec
from followup_tui.core.call.call_checks import avoid_phrase, avoid_phrase_warning, worth_calling
from followup_tui.core.call.questions import opening_question
from followup_tui.core.call.script import (
    ScriptContext,
    already_bought,
    bridge_source,
    bridge_text,
    commitment_defaults,
    fill_script,
    relative_day,
    shorten,
    tactic_line,
)

TODAY = dt.date(2026, 11, 22)  # a Sunday: Monday 16 starts this week, Monday 9 the last
FW_COMMA, FW_BANG, FW_Q = "\uff0c", "\uff01", "\uff1f"  # full-width , ! ?


@pytest.fixture
def zh(tmp_path: Path) -> Settings:
    """The shipped defaults with Chinese as the configured language."""
    user = tmp_path / "zh.yaml"
    user.write_text("language: zh\n", encoding="utf-8")
    return load_settings(user)


def act(
    id: int,
    day: dt.date,
    notes: str = "",
    *,
    outcome: str | None = "reached",
    contact_id: int | None = None,
    ours: str = "",
    theirs: str = "",
) -> ActivityRec:
    return ActivityRec(
        id=id,
        account_id=1,
        occurred_on=day,
        outcome=outcome,
        contact_id=contact_id,
        notes=notes,
        our_commitments=ours,
        their_commitments=theirs,
    )


# -- relative dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "en", "zh"),
    [
        (dt.date(2026, 11, 22), "earlier today", "今天早些时候"),
        (dt.date(2026, 11, 21), "yesterday", "昨天"),
        (dt.date(2026, 11, 20), "the day before yesterday", "前天"),
        (dt.date(2026, 11, 17), "on Tuesday", "本周二"),
        (dt.date(2026, 11, 10), "on Tuesday last week", "上周二"),
        (dt.date(2026, 11, 9), "on Monday last week", "上周一"),
        (dt.date(2026, 11, 8), "on 8 November", "11月8日"),
        (dt.date(2026, 11, 3), "on 3 November", "11月3日"),
        (dt.date(2025, 12, 24), "on 24 December 2025", "2025年12月24日"),
    ],
)
def test_relative_day_in_both_languages(day: dt.date, en: str, zh: str) -> None:
    assert relative_day(day, TODAY, "en") == en
    assert relative_day(day, TODAY, "zh") == zh


def test_yesterday_wins_over_last_weeks_weekday() -> None:
    monday = dt.date(2026, 11, 23)
    assert relative_day(dt.date(2026, 11, 22), monday, "en") == "yesterday"
    assert relative_day(dt.date(2026, 11, 18), monday, "en") == "on Wednesday last week"
    assert relative_day(dt.date(2026, 11, 18), monday, "zh") == "上周三"


def test_shorten_keeps_the_first_sentence_within_the_width() -> None:
    assert shorten("They want a revised quote. Also asked about delivery.") == (
        "They want a revised quote"
    )
    assert shorten("Sarah wants a quote!") == "Sarah wants a quote"
    assert shorten("客户想要新报价。另外问了交期。") == "客户想要新报价"
    cut = shorten("这是一段很长的记录" * 20, 20)
    assert cut.endswith("…") and len(cut) <= 11


# -- the bridge ----------------------------------------------------------------------------

HISTORY = (
    act(3, dt.date(2026, 11, 19), "Left a message", outcome="voicemail", contact_id=7),
    act(2, dt.date(2026, 11, 18), "Talked to the buyer about stock levels", contact_id=8),
    act(
        1,
        dt.date(2026, 11, 10),
        "They want a revised quote for 200 units. Also asked about delivery.",
        contact_id=7,
        ours="send the revised quote by Friday",
        theirs="check the budget with finance",
    ),
)


def test_bridge_from_the_last_contact_with_this_person(settings: Settings) -> None:
    source = bridge_source(HISTORY, TODAY, contact_id=7)
    assert source is not None and source.id == 1  # the voicemail said nothing
    text = bridge_text(source, TODAY, settings)
    # What the record shows: when, what it was about (the first line of the rep's note,
    # as theirs, never "you mentioned"), and who promised what; nobody recorded an
    # agreement to talk today.
    assert text == (
        "We last spoke on Tuesday last week. That was about: They want a revised quote "
        "for 200 units. Also asked about delivery. We promised: send the revised quote by "
        "Friday. You were going to: check the budget with finance."
    )
    assert "mentioned" not in text and "agreed" not in text


def test_bridge_falls_back_to_the_account(settings: Settings) -> None:
    assert bridge_source(HISTORY, TODAY, contact_id=99).id == 2  # type: ignore[union-attr]
    assert bridge_source(HISTORY, TODAY).id == 2  # type: ignore[union-attr]
    text = bridge_text(bridge_source(HISTORY, TODAY), TODAY, settings)
    assert text == (
        "We last spoke on Wednesday. That was about: Talked to the buyer about stock levels."
    )


def test_bridge_in_chinese(zh: Settings) -> None:
    history = (
        act(
            1,
            dt.date(2026, 11, 21),
            f"客户希望下周前拿到新报价{FW_COMMA}并确认交期。其他略。",
            contact_id=5,
            ours="周五前发送报价",
            theirs="和财务确认预算",
        ),
    )
    script = fill_script(
        ScriptContext("华为技术", TODAY, quadrant="A", contact_id=5, history=history), zh
    )
    assert (
        script.bridge
        == "我们昨天通过电话。当时谈的是\uff1a客户希望下周前拿到新报价\uff0c并确认交期。其他略。"
        "我们答应\uff1a周五前发送报价。您答应\uff1a和财务确认预算。"
    )
    assert "您提到" not in script.bridge and "约好了今天" not in script.bridge
    assert not script.first_call and script.bridge_from == history[0]


def test_bridge_without_commitments_says_when(settings: Settings) -> None:
    source = act(1, dt.date(2026, 11, 3), "They loved the demo")
    assert bridge_text(source, TODAY, settings) == (
        "We last spoke on 3 November. That was about: They loved the demo."
    )


QUICK_NOTE = ActivityRec(
    id=9,
    account_id=1,
    occurred_on=TODAY,
    kind="note",
    contact_id=7,
    notes="Talked to Pan, he wants a new quote by Friday",
)


def test_quick_notes_are_never_bridged_from(settings: Settings, zh: Settings) -> None:
    """The QA case: a quick note today made the script say "Earlier today you mentioned ..."."""
    history = (QUICK_NOTE, *HISTORY)
    source = bridge_source(history, TODAY, contact_id=7)
    assert source is not None and source.id == 1
    ctx = ScriptContext("Acme", TODAY, contact_id=7, history=history)
    for lang_settings in (settings, zh):
        bridge = fill_script(ctx, lang_settings).bridge
        assert "Talked to Pan" not in bridge
        assert not any(w in bridge for w in ("mentioned", "today", "您提到", "今天"))
    # A note alone is no contact: the script opens as a first call.
    alone = fill_script(ScriptContext("Acme", TODAY, history=(QUICK_NOTE,)), settings)
    assert alone.first_call and alone.bridge_from is None
    assert "Talked to Pan" not in alone.bridge


@pytest.mark.parametrize(
    ("kind", "outcome", "en", "zh_text"),
    [
        (
            "visit",
            "meeting_booked",
            "We last met on Tuesday last week. We booked a meeting then.",
            "我们上周二见过面。当时我们约好了见面。",
        ),
        (
            "email",
            "reached",
            "We last exchanged emails on Tuesday last week.",
            "我们上周二邮件沟通过。",
        ),
        (
            "call",
            "rejected",
            "We last spoke on Tuesday last week. That time the answer was no.",
            "我们上周二通过电话。那次您没有同意。",
        ),
        ("meeting", None, "We last met on Tuesday last week.", "我们上周二开过会。"),
    ],
)
def test_bridge_says_how_we_were_in_touch_and_how_it_ended(
    settings: Settings, zh: Settings, kind: str, outcome: str | None, en: str, zh_text: str
) -> None:
    source = ActivityRec(
        id=1, account_id=1, occurred_on=dt.date(2026, 11, 10), kind=kind, outcome=outcome
    )
    assert bridge_text(source, TODAY, settings) == en
    assert bridge_text(source, TODAY, zh) == zh_text


def test_first_call_opening_without_history(settings: Settings, zh: Settings) -> None:
    ctx = ScriptContext("Acme", TODAY, quadrant="C")
    script = fill_script(ctx, settings)
    assert script.first_call and script.bridge_from is None
    assert script.bridge.startswith("We spoke briefly before")
    assert fill_script(ctx, zh).bridge.startswith("之前我们简单交流过")
    # Unanswered calls and future-dated activities are no history to bridge from.
    silent = (
        act(2, dt.date(2026, 11, 30), "planned"),
        act(1, dt.date(2026, 11, 20), outcome="no_answer"),
    )
    assert fill_script(ScriptContext("Acme", TODAY, history=silent), settings).first_call


# -- the whole script ------------------------------------------------------------------------


def test_full_script_in_english(settings: Settings) -> None:
    ctx = ScriptContext(
        "Acme",
        TODAY,
        quadrant="A",
        contact_id=7,
        contact_name="Sarah",
        history=HISTORY,
        purpose="Go through the revised quote",
        value_reason="price_to_confirm",
        minutes=15,
        rep_name="Li Wei",
        rep_company="Northstar",
    )
    script = fill_script(ctx, settings)
    assert script.who == "Hello Sarah, this is Li Wei from Northstar."
    assert script.purpose == "Go through the revised quote"
    assert script.value == "A price to confirm" and not script.nothing_new
    assert script.time_check == "This will take about 15 minutes - is now a good time?"
    assert script.ask_for == "A signed order, or a firm purchase date"
    assert script.minimum == "A date for the decision meeting"
    assert script.warnings == ()
    labels = [label for label, _ in script.parts(settings)]
    assert labels == [
        "Say who you are",
        "Bridge from the last call",
        "State this call's purpose",
        "Bring something new of value",
        "Check they have the time",
        "Open with a question that draws them in",
        "Commitment to ask for",
    ]
    assert script.parts(settings)[-1][1].endswith("Minimum: A date for the decision meeting")


def test_who_uses_settings_and_shows_blanks(settings: Settings, zh: Settings) -> None:
    ctx = ScriptContext("Acme", TODAY)
    assert fill_script(ctx, settings).who == (
        "Hello there, this is [your name] from [your company]."
    )
    named = ScriptContext(
        "华为技术", TODAY, contact_name="王经理", rep_name="李伟", rep_company="北辰"
    )
    who = fill_script(named, zh).who
    assert who.startswith("王经理您好") and who.endswith("我是北辰的李伟。")
    assert fill_script(named, zh).who_hint == ""


def test_blank_rep_shows_how_to_set_it(settings: Settings, zh: Settings) -> None:
    """Blanks in "who you are" come with the config key that fills them, in both languages."""
    ctx = ScriptContext("Acme", TODAY, config_file="my-followup.yaml")
    hint = fill_script(ctx, settings).who_hint
    assert "rep: {name: ..., company: ...}" in hint
    assert "my-followup.yaml" in hint
    zh_hint = fill_script(ctx, zh).who_hint
    assert "rep: {name: 您的名字, company: 公司名称}" in zh_hint and "设置" in zh_hint
    assert "my-followup.yaml" in zh_hint
    # Without a file name the hint still says where; half-filled still hints.
    assert "your config file" in fill_script(ScriptContext("Acme", TODAY), settings).who_hint
    assert fill_script(ScriptContext("Acme", TODAY, rep_name="Ann"), settings).who_hint
    full = ScriptContext("Acme", TODAY, rep_name="Ann", rep_company="Orbit")
    assert fill_script(full, settings).who_hint == ""


def test_value_reason_key_typed_or_nothing_new(settings: Settings, zh: Settings) -> None:
    typed = fill_script(
        ScriptContext("Acme", TODAY, value_reason="  Our new Q1 pricing "), settings
    )
    assert typed.value == "Our new Q1 pricing" and not typed.nothing_new
    assert fill_script(ScriptContext("Acme", TODAY, value_reason="new_product"), zh).value == (
        "新产品或新功能"
    )
    empty = fill_script(ScriptContext("Acme", TODAY), settings)
    assert empty.nothing_new and empty.value == ""
    assert any("Nothing new of value" in w for w in empty.warnings)


def test_user_templates_replace_the_shipped_ones(tmp_path: Path) -> None:
    user = tmp_path / "user.yaml"
    user.write_text(
        "rep: {name: Ann, company: Orbit}\n"
        "templates:\n"
        '  who: {en: "Hi {contact}, {rep} at {company} ({account}) here. {unknown}"}\n'
        '  time_check: {en: "{minutes:d} minutes?"}\n',
        encoding="utf-8",
    )
    settings = load_settings(user)
    script = fill_script(ScriptContext("Acme", TODAY, contact_name="Bo"), settings)
    assert script.who == "Hi Bo, Ann at Orbit (Acme) here. {unknown}"
    assert script.time_check == "{minutes:d} minutes?"  # malformed: shown as written


# -- opening questions and commitments ------------------------------------------------------


@pytest.mark.parametrize(
    ("klass", "first", "second"),
    [
        ("A", "place the order this month", "settle the delivery date"),
        ("B", "in three years", "competitors doing"),
        ("C", "cost you each month", "before the peak season"),
        ("D", "on your team's plate", "keep an eye out for"),
    ],
)
def test_class_questions(settings: Settings, klass: str, first: str, second: str) -> None:
    question = opening_question(settings, klass)
    assert first in question.text and question.source == f"class:{klass}"
    # Deterministic, rotating with the number of past contacts.
    assert second in opening_question(settings, klass, turn=1).text
    assert opening_question(settings, klass, turn=2) == question
    history = (act(1, dt.date(2026, 11, 3), "x"),)
    script = fill_script(ScriptContext("Acme", TODAY, quadrant=klass, history=history), settings)
    assert second in script.question


def test_class_questions_in_chinese_and_unjudged_as_c(zh: Settings) -> None:
    first_a = zh.data["questions"]["by_class"]["A"][0]["zh"]
    assert opening_question(zh, "A").text == first_a and first_a.startswith("要在本月下单")
    assert opening_question(zh, None) == opening_question(zh, "C")
    assert opening_question(zh, None).source == "class:C"


def test_mode_and_role_then_mode_then_role_then_class(settings: Settings) -> None:
    # Even Keel sees no gap: look for a discrepancy in the role's topic, pitch nothing,
    # and hold back class A's push to close.
    economic = opening_question(settings, "A", role="economic_buyer", mode="even_keel")
    assert "results" in economic.text and "propose" not in economic.full
    assert economic.source == "mode:even_keel+role:economic_buyer" and economic.follow_up == ""
    # Growth on a technical buyer: specifications, and a proposal; class D's question follows.
    technical = opening_question(settings, "D", role="technical_buyer", mode="growth")
    assert "specifications" in technical.text and "propose" in technical.text
    assert "on your team's plate" in technical.follow_up
    user = opening_question(settings, "C", role="user_buyer", mode="trouble")
    assert "team's day" in user.text and "propose" in user.text
    coach = opening_question(settings, "B", role="coach", mode="overconfident")
    assert "overlooking" in coach.text and coach.follow_up == ""
    alone = opening_question(settings, "D", role="technical_buyer")
    assert "specifications" in alone.text and alone.source == "role:technical_buyer"
    growth = opening_question(settings, "D", mode="growth")
    assert "propose" in growth.text and growth.source == "mode:growth"
    trouble = opening_question(settings, "D", role="nobody", mode="trouble")
    assert "propose" in trouble.text and trouble.source == "mode:trouble"
    for mode in ("even_keel", "overconfident"):
        probe = opening_question(settings, "A", mode=mode)
        assert "propose" not in probe.full and probe.source == f"mode:{mode}"
    ctx = ScriptContext("Acme", TODAY, quadrant="A", role="technical_buyer", mode="growth")
    assert fill_script(ctx, settings).question_source == "mode:growth+role:technical_buyer"


def test_commitment_defaults_by_class(settings: Settings, zh: Settings) -> None:
    asks = {k: commitment_defaults(k, settings) for k in "ABCD"}
    assert asks["A"] == (
        "A signed order, or a firm purchase date",
        "A date for the decision meeting",
    )
    assert len({ask for ask, _ in asks.values()}) == 4
    assert commitment_defaults(None, settings) == asks["C"]
    assert commitment_defaults("A", zh) == ("签下订单\uff0c或确定采购日期", "确定决策会议的日期")


def test_tactic_line(settings: Settings, zh: Settings) -> None:
    assert tactic_line("A", settings).startswith("A: Close fast")
    assert tactic_line(None, settings).startswith("Unjudged (as C): Dig for need")
    assert tactic_line("B", zh).startswith("B：描绘蓝图")  # full-width in Chinese
    assert tactic_line(None, zh).startswith("未分类\uff08按C类\uff09：挖掘需求")


# -- phrases to avoid --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Just checking in!",
        "just checking in",
        "  JUST   CHECKING   IN...  ",
        "ＪＵＳＴ　ＣＨＥＣＫＩＮＧ　ＩＮ！",  # full-width letters and spaces
        "Hi, I just wanted to see if anything has changed.",
        "It’s been a while, thought I should call you",
        "Is there anything you need?",
        "Hi Sarah, just touching base",
    ],
)
def test_english_avoid_phrases_warn(settings: Settings, text: str) -> None:
    warning = avoid_phrase_warning(text, "en", False, settings, names=("Sarah",))
    assert warning is not None
    assert "carries nothing new" in warning and "The answer we promised" in warning


@pytest.mark.parametrize(
    "text",
    [
        "看看您最近好不好",
        f"看看 您最近 好不好{FW_BANG}",
        "打电话给您主要是想看看您最近好不好…",
        "是看看是不是有什么变化…",
        f"很久没有联系了{FW_COMMA}觉得应当给您个电话…",
        "只想看看您是否准备好…",
        "看是不是有些什么东西是您需要的…",
        f"您好{FW_COMMA}有什么需要的吗{FW_Q}",
    ],
)
def test_chinese_avoid_phrases_warn(zh: Settings, text: str) -> None:
    warning = avoid_phrase_warning(text, "zh", False, zh)
    assert warning is not None
    assert "没有带来任何新东西" in warning and "之前承诺的答复" in warning


@pytest.mark.parametrize(
    "text",
    [
        "just checking in on the revised quote you asked for",
        "Checking in about the delivery date you asked for",
        "It has been a while since the pilot: here are its results",
        "Confirm the price for 200 units",
        f"看看您最近好不好{FW_COMMA}顺便确认一下报价",
        "确认新报价和交期",
        "",
    ],
)
def test_text_with_substance_does_not_warn(settings: Settings, text: str) -> None:
    assert avoid_phrase_warning(text, "en", False, settings) is None
    assert avoid_phrase(text, settings) is None


def test_both_lists_apply_whatever_the_language(settings: Settings, zh: Settings) -> None:
    assert avoid_phrase("看看您最近好不好", settings) == "看看您最近好不好"
    assert avoid_phrase("Just checking in!", zh) == "just checking in"
    assert avoid_phrase_warning("Just checking in!", "zh", False, zh) is not None


def test_signed_customers_are_exempt(settings: Settings) -> None:
    assert avoid_phrase_warning("Just checking in!", "en", True, settings) is None
    assert avoid_phrase_warning("看看您最近好不好", "zh", True, settings) is None
    ctx = ScriptContext("Acme", TODAY, purpose="Just checking in!", value_reason="new_product")
    assert any("carries nothing new" in w for w in fill_script(ctx, settings).warnings)
    signed = ScriptContext(
        "Acme", TODAY, purpose="Just checking in!", value_reason="new_product", already_bought=True
    )
    assert fill_script(signed, settings).warnings == ()


def test_already_bought() -> None:
    assert already_bought("existing")
    assert already_bought("target", won_deals=1)
    assert already_bought("target", purchases=3)
    assert not already_bought("target")
    # A dormant account stopped buying after a problem: it needs a reason to talk.
    assert not already_bought("dormant", purchases=3)


# -- is it worth another call? ---------------------------------------------------------------

POOR_FIT = {"credit": "bad", "need_fit": "unknown", "loyalty": "good"}
GOOD_FIT = {"credit": "good", "need_fit": "good", "loyalty": "good"}


def test_cold_rejected_poor_fit_class_d_suggests_dropping(settings: Settings) -> None:
    worth, reasons = worth_calling("D", 10, 6, POOR_FIT, settings)
    assert not worth
    assert reasons[0] == "4 signals against: consider dropping it"
    assert "class D: long game, light touch" in reasons
    assert "cold: heat 10 is below the class D threshold 25" in reasons
    assert "rejected 6 times" in reasons
    assert "poor fit (credit): a landmine in itself" in reasons


def test_dormant_accounts_keep_going_after_five_rejections(settings: Settings) -> None:
    worth, reasons = worth_calling("D", 10, 5, {}, settings, relationship="dormant")
    assert worth
    assert any("selling starts at the fifth rejection" in r for r in reasons)
    assert not any(r == "rejected 5 times" for r in reasons)
    # The same account as a target has three signals against it.
    assert not worth_calling("D", 10, 5, {}, settings).worth


def test_a_warm_class_a_account_is_worth_calling(settings: Settings, zh: Settings) -> None:
    # A follow-up in three days comes before it would cross 60: warm, not cooling.
    assert worth_calling("A", 70, 0, GOOD_FIT, settings, next_in=3) == (
        True,
        ("class A: strong need", "heat 70: still warm", "good fit"),
    )
    worth, reasons = worth_calling("A", 70, 0, GOOD_FIT, zh, next_in=3)
    assert worth and reasons == ("A类\uff1a需求强", "水温70\uff1a仍有热度", "匹配度好")
    # Two signals against are a warning, not a verdict.
    worth, reasons = worth_calling("B", 20, 7, {}, settings)
    assert worth and "rejected 7 times" in reasons


def test_below_the_line_but_rising_is_warming_not_cold(settings: Settings, zh: Settings) -> None:
    # Issue 13: the call script said "cooled: heat 55 below the A threshold 60" while
    # the queue showed the same account 55↑ and not cooling. Both ask `heat_state`.
    _, reasons = worth_calling("A", 55, 0, {}, settings, trend="rising")
    assert "heat 55: below the class A threshold 60, but rising" in reasons
    assert not any(r.startswith("cold") for r in reasons)
    cold = worth_calling("A", 55, 0, {}, settings, trend="falling").reasons
    assert "cold: heat 55 is below the class A threshold 60" in cold
    warming = worth_calling("A", 55, 0, {}, zh, trend="rising").reasons
    assert "水温55：低于A类阈值60，但正在回升" in warming


def test_a_cooling_account_is_said_cooling_as_the_queue_says(settings: Settings) -> None:
    # QA: the queue listed an account under Cooling, the call script said "still warm".
    falling = worth_calling("B", 55.4, 0, {}, settings, trend="falling", next_in=9)
    assert "heat 55: cooling - below 50 in 4 days, before the next follow-up: call now" in (
        falling.reasons
    )
    # With the follow-up before the crossing it is warm, as in the queue.
    assert "heat 55: still warm" in worth_calling(
        "B", 55.4, 0, {}, settings, trend="falling", next_in=2
    ).reasons


def test_the_bridge_quotes_a_long_first_line_to_its_point(settings: Settings) -> None:
    """QA: '...; the main worry is….' dropped the point and left a stray full stop."""
    line = (
        "Walked Adam Wright through the dock-door monitoring proposal with the site team; "
        "the main worry is installation downtime"
    )
    text = bridge_text(act(1, TODAY - dt.timedelta(days=2), line + ".\nmore"), TODAY, settings)
    assert "the main worry is installation downtime." in text, text
    very_long = "word " * 80
    cut = bridge_text(act(2, TODAY - dt.timedelta(days=2), very_long), TODAY, settings)
    assert "…" in cut and "…." not in cut, cut
