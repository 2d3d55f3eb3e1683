"""The call's preparation as plain rules: the person card, the prepared value, the question."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.records import ActivityRec, ContactRec
from followup_tui.core.call.person import (
    Person,
    dial_string,
    extension_to_ask,
    number_to_copy,
    person_lines,
    phone_numbers,
)
from followup_tui.core.call.questions import NO_GAP_MODES, opening_question
from followup_tui.core.call.value_offers import (
    DueAction,
    OpenDeal,
    TalkingPoint,
    ValueDraft,
    next_offer,
    value_offers,
)

TODAY = dt.date(2026, 11, 22)
SHANGHAI = ContactRec(7, 1, "潘东", "Asia/Shanghai", "09:00", "17:30")
ROLES = ("economic_buyer", "technical_buyer", "user_buyer", "coach")
MODES = ("growth", "trouble", "even_keel", "overconfident")


@pytest.fixture(scope="module")
def en() -> Settings:
    return load_settings(None)


@pytest.fixture(scope="module")
def zh(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    config = tmp_path_factory.mktemp("zh") / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    return load_settings(config)


def act(aid: int, day: dt.date, notes: str = "", **kw: object) -> ActivityRec:
    return ActivityRec(aid, 1, day, notes=notes, **kw)  # type: ignore[arg-type]


# -- the person ------------------------------------------------------------------------


def test_every_number_in_a_field_is_kept_whole_and_once() -> None:
    typed = "+86 139 0000 1234 / +86 191 2345 6789; +86 139-0000-1234"
    assert phone_numbers(typed) == ["+86 139 0000 1234", "+86 191 2345 6789"]
    assert dial_string("+86 (21) 6891-0000") == "+862168910000"
    assert dial_string("ext.") == ""


@pytest.mark.parametrize(
    "typed", ["+86 10 1234 5678 ext 12", "+86 10 1234 5678 x12", "+86 10 1234 5678 转12"]
)
def test_a_number_with_an_extension_is_shown_whole_and_dials_the_line(typed: str) -> None:
    """QA: a number with an extension was refused; the copy key must give the dialable part."""
    assert phone_numbers(f"{typed} / +86 139 0000 1234") == [typed, "+86 139 0000 1234"]
    assert phone_numbers(typed.replace(" ext", "  ext")) == [typed.replace(" ext", "  ext")]
    assert dial_string(typed) == "+861012345678"
    person = Person(name="王总", phone=typed)
    assert (
        dict(person_lines(person, history=(), today=TODAY, now_utc=None, language="en"))["Phone"]
        == typed
    )
    assert number_to_copy(person) == "+861012345678"
    assert extension_to_ask(person) == "12"
    assert extension_to_ask(Person(phone="+86 139 0000 1234")) == ""


def test_the_card_says_their_time_their_hours_and_the_last_contact() -> None:
    person = Person(
        name="潘东",
        title="项目工程师",
        role="Coach",
        mode="Growth",
        phone="+86 139 0000 1234",
        account_phone="+86 21 6891 0000",
        email="pan@example.cn",
        contact=SHANGHAI,
    )
    history = (act(1, dt.date(2026, 11, 20), "quote", contact_id=7, kind="email"),)
    noon = dt.datetime(2026, 11, 22, 4, 0, tzinfo=dt.UTC)
    lines = dict(person_lines(person, history=history, today=TODAY, now_utc=noon, language="en"))
    assert lines["Calling"] == "潘东  项目工程师 · Coach · Growth"
    assert lines["Phone"] == "+86 139 0000 1234"
    assert lines["Switchboard"] == "+86 21 6891 0000"
    # A Sunday is their weekend: outside their hours, whatever the clock says.
    assert lines["Their time"] == (
        "Sunday 12:00 (Asia/Shanghai), their weekend (hours 09:00-17:30 on weekdays)"
    )
    monday = noon + dt.timedelta(days=1)
    weekday = dict(
        person_lines(person, history=history, today=TODAY, now_utc=monday, language="en")
    )
    assert weekday["Their time"] == "Monday 12:00 (Asia/Shanghai), inside their hours 09:00-17:30"
    every_day = dict(
        person_lines(
            person, history=history, today=TODAY, now_utc=noon, language="en", weekdays_only=False
        )
    )
    assert every_day["Their time"].endswith("inside their hours 09:00-17:30")
    assert lines["Last contact"] == "exchanged emails the day before yesterday"
    assert number_to_copy(person) == "+8613900001234"
    zh = dict(person_lines(person, history=history, today=TODAY, now_utc=noon, language="zh"))
    weekend_zh = "周日 12:00（Asia/Shanghai），对方正值周末（工作日通话时段 09:00-17:30）"
    assert zh["对方时间"] == weekend_zh
    zh = dict(person_lines(person, history=history, today=TODAY, now_utc=monday, language="zh"))
    assert zh["对方时间"] == "周一 12:00（Asia/Shanghai），在对方的通话时段 09:00-17:30 内"


def test_the_card_says_what_is_unknown_and_never_fails() -> None:
    lines = person_lines(Person(), history=(), today=TODAY, now_utc=None, language="en")
    said = dict(lines)
    assert "nobody chosen" in said["Calling"]
    assert "no number yet" in said["Phone"]
    assert "no time zone" in said["Their time"]
    assert "first contact" in said["Last contact"]
    assert number_to_copy(Person(account_phone="+44 20 7946 0000")) == "+442079460000"
    assert number_to_copy(Person()) is None
    bad = Person(contact=ContactRec(1, 1, "x", "Mars/Olympus"))
    now = dt.datetime(2026, 11, 22, 4, 0, tzinfo=dt.UTC)
    text = dict(person_lines(bad, history=(), today=TODAY, now_utc=now, language="en"))
    assert "not a time zone" in text["Their time"]


# -- the prepared value ----------------------------------------------------------------


def test_value_offers_come_from_the_last_contact_the_deals_and_the_points() -> None:
    history = (
        act(
            3,
            dt.date(2026, 11, 18),
            "Talked about licences\nCan phase 2 reuse servers？",
            contact_id=7,
            our_commitments="send the comparison",
            their_commitments="ask IT for the server list",
        ),
    )
    news = act(9, dt.date(2026, 11, 20), "Their CFO changed", kind="note")
    old_news = act(8, dt.date(2026, 11, 1), "Old gossip", kind="note")
    offers = value_offers(
        history=history,
        today=TODAY,
        language="en",
        contact_id=7,
        rep_notes=(news, old_news),
        actions=(
            DueAction(1, "Confirm the signer", dt.date(2026, 11, 25)),
            DueAction(2, "Plan the rollout", dt.date(2027, 3, 1)),
        ),
        deals=(OpenDeal(4, "MES", "860,000 CNY"), OpenDeal(5, "Spare parts", "")),
        points=(
            TalkingPoint(1, "MES 5.2", "MES 5.2 发布", expires_on=TODAY),
            TalkingPoint(2, "Expo", "展会", expires_on=TODAY - dt.timedelta(days=1)),
        ),
    )
    assert [(o.kind, o.text) for o in offers] == [
        ("owed", "The answer we promised: send the comparison"),
        ("open_question", "Left open last time: Can phase 2 reuse servers"),
        ("theirs", "They were going to: ask IT for the server list - ask how it went"),
        ("action", "Best action due 2026-11-25: Confirm the signer"),
        ("news", "Your note since the last call: Their CFO changed"),
        ("price", "Confirm the price on MES: 860,000 CNY"),
        ("point", "MES 5.2"),
    ]
    assert len({o.key for o in offers}) == len(offers)
    assert next_offer(offers, "") == offers[0]
    assert next_offer(offers, offers[0].key) == offers[1]
    assert next_offer(offers, offers[-1].key) == offers[0]
    assert next_offer([], "") is None


def test_a_value_draft_reads_back_and_damage_is_an_empty_draft() -> None:
    draft = ValueDraft(offer_key="point:1", offer_text="MES 5.2 发布", typed="", reason="")
    assert ValueDraft.from_text(draft.to_text()) == draft
    assert draft.chosen == "MES 5.2 发布" and not draft.empty
    assert ValueDraft(offer_text="x", typed="typed").chosen == "typed"
    for damaged in (None, "", "not json", "[1]", '{"kind": "close_out"}'):
        assert ValueDraft.from_text(damaged).empty


# -- the question ------------------------------------------------------------------------


@hsettings(max_examples=200, deadline=None)
@given(
    mode=st.sampled_from((*MODES, None, "", "unheard_of")),
    role=st.sampled_from((*ROLES, None, "", "someone_else")),
    quadrant=st.sampled_from(("A", "B", "C", "D", None, "", "Z")),
    turn=st.integers(min_value=0, max_value=10_000),
    language=st.sampled_from(("en", "zh")),
)
def test_every_person_gets_a_question_in_both_languages(
    en: Settings, zh: Settings, mode, role, quadrant, turn, language
) -> None:
    """Every mode x role x class (known or not) opens with a question, never an error."""
    settings = zh if language == "zh" else en
    question = opening_question(settings, quadrant, role=role, mode=mode, turn=turn)
    assert question.text.strip() and question.source
    if language == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in question.text)
    # A person who sees no gap is pitched nothing: no class push follows.
    if mode in NO_GAP_MODES:
        assert question.follow_up == ""
    if mode in MODES and role in ROLES:
        assert question.source == f"mode:{mode}+role:{role}"


def test_nothing_known_and_no_bank_gives_a_sensible_default(en: Settings, zh: Settings) -> None:
    for settings, said in (
        (en, "What has changed on your side since we last spoke?"),
        (zh, "自从上次沟通以来，您那边有什么变化？"),
    ):
        bare = dataclasses.replace(settings, data={**settings.data, "questions": {}})
        question = opening_question(bare, None)
        assert (question.text, question.source) == (said, "default")


def test_an_empty_phrase_typed_as_the_value_is_warned_about(en: Settings) -> None:
    from followup_tui.core.call.script import ScriptContext, fill_script

    ctx = ScriptContext("Acme", TODAY, value_reason="Just checking in!", contact_name="Sarah")
    script = fill_script(ctx, en)
    assert any("carries nothing new" in warning for warning in script.warnings)
    signed = fill_script(
        ScriptContext("Acme", TODAY, value_reason="just checking in", already_bought=True), en
    )
    assert not any("carries nothing" in warning for warning in signed.warnings)


def test_a_kept_pick_takes_the_offers_words_of_now() -> None:
    from followup_tui.core.call.value_offers import Offer, ValueDraft

    kept = ValueDraft(offer_key="action:3", offer_text="Best action due 2026-12-01: 确认")
    now = [
        Offer("owed:1", "owed", "回复承诺"),
        Offer("action:3", "action", "最佳行动 2026-12-01 到期：确认"),
    ]
    assert kept.worded_as(now).chosen == "最佳行动 2026-12-01 到期：确认"
    assert kept.worded_as(now[:1]) == kept  # the offer gone: its text as it was picked
    assert ValueDraft(typed="sensor").worded_as(now).chosen == "sensor"
