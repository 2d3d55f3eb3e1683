"""Where do we stand? The stage mapping and the verdict, with the issue's three stories."""

from __future__ import annotations

import pytest

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.kinds import DEAL_STATUSES, FUNNEL_LEVELS
from followup_tui.core.sheet.position import KINDS, Verdict, kind_label, stage_of, verdict
from followup_tui.core.sheet.sheet_records import (
    answer_for,
    good_replies,
    reply_choices,
    reply_for,
    reply_word,
)

EARLY = ("many_questions", "spends_time", "senior_access", "wide_scope")
MIDDLE = ("we_sell_ideas", "next_steps_together", "deep_discussion", "studies_demo")
LATE = ("no_sudden_objection", "price_negotiated", "extra_commitments", "top_boss_appears")
TRAPS = ("earlier_stage", "roles_differ")


def answers(good: tuple[str, ...] = (), bad: tuple[str, ...] = ()) -> dict[str, str]:
    return {**dict.fromkeys(good, "good"), **dict.fromkeys(bad, "bad")}


@pytest.mark.parametrize(
    ("status", "funnel", "stage"),
    [
        ("later", "universe", "early"),
        ("later", "above", "early"),
        ("getting_started", "above", "early"),
        ("getting_started", "universe", "early"),
        ("getting_started", "in", "middle"),
        ("later", "in", "middle"),
        ("in_progress", "above", "middle"),
        ("in_progress", "in", "middle"),
        ("urgent", "above", "late"),
        ("urgent", "in", "late"),
        ("in_progress", "best_few", "late"),
        ("later", "best_few", "late"),
    ],
)
def test_stage_of(status: str, funnel: str, stage: str) -> None:
    assert stage_of(status, funnel) == stage


def test_every_status_and_funnel_has_a_stage() -> None:
    stages = {stage_of(s, f) for s in DEAL_STATUSES for f in FUNNEL_LEVELS}
    assert stages == {"early", "middle", "late"}


def test_story_1_good_on_paper_but_the_customer_runs_it(settings: Settings) -> None:
    """Few questions, knows the field, keeps us from senior people, runs the meeting."""
    said = answers(
        good=("wide_scope",),  # on paper: they talk about the whole project
        bad=("many_questions", "spends_time", "senior_access", "next_steps_together"),
    )
    for stage in ("early", "middle"):
        v = verdict(said, stage, settings)
        assert v.kind in ("stand_in", "out"), (stage, v)
    v = verdict(said, "middle", settings)
    assert v.reasons[0] == "Score -42: Stand-in (-50 to -1)"
    assert v.reasons[1] == "Early · Does the customer ask us many questions? No (bad)"
    assert "Middle · Do we set the next steps together? No (bad)" in v.reasons


def test_story_2_the_customer_studies_plans_and_learns_with_us(settings: Settings) -> None:
    """Studies every detail, plans next steps with us, learns from us."""
    said = answers(good=("studies_demo", "deep_discussion", "next_steps_together", "we_sell_ideas"))
    v = verdict(said, "middle", settings)
    assert v.kind == "first_choice"
    assert "Middle · Do they study the whole demo in detail? Yes (good)" in v.reasons
    # and with the early signals asked too, still first choice
    v = verdict(said | answers(good=EARLY), "middle", settings)
    assert (v.kind, v.score) == ("first_choice", 100)


def test_story_3_late_objection_halfhearted_price_no_senior_contact(settings: Settings) -> None:
    """A sudden objection, one half-hearted price question, no senior contact for two months."""
    said = answers(
        good=(*EARLY, *MIDDLE),  # "you are very good, we will consider you"
        bad=("no_sudden_objection", "price_negotiated", "top_boss_appears"),
    )
    v = verdict(said, "late", settings)
    assert v.kind == "out"
    assert v.reasons[0].startswith(f"Score {v.score}: ")  # the score said more, the caps decide
    assert v.reasons[4] == "3 decisive late signals are bad: the customer is closing us out"
    assert v.reasons[1:4] == [
        "Late · Did they raise a sudden objection we cannot answer? Yes (bad)",
        "Late · Do they negotiate price seriously and repeatedly? No (bad)",
        "Late · Does the top boss show up? No (bad)",
    ]
    assert v.drivers[:3] == ["no_sudden_objection", "price_negotiated", "top_boss_appears"]


@pytest.mark.parametrize(
    "decisive", ["no_sudden_objection", "price_negotiated", "top_boss_appears"]
)
def test_one_decisive_late_signal_caps_at_stand_in(decisive: str, settings: Settings) -> None:
    all_good = answers(good=(*EARLY, *MIDDLE, *LATE, *TRAPS))
    assert verdict(all_good, "late", settings).kind == "first_choice"
    v = verdict(all_good | {decisive: "bad"}, "late", settings)
    assert v.kind == "stand_in"
    assert "A decisive late signal is bad: at best a stand-in" in v.reasons


def test_extra_commitments_is_not_decisive(settings: Settings) -> None:
    said = answers(good=(*EARLY, *MIDDLE, *LATE), bad=("extra_commitments",))
    assert verdict(said, "late", settings).kind in ("first_choice", "contender")


def test_bad_news_in_the_current_stage_weighs_more(settings: Settings) -> None:
    now = verdict(answers(good=EARLY[1:], bad=EARLY[:1]), "early", settings)
    past = verdict(answers(good=(*EARLY[1:], *MIDDLE), bad=EARLY[:1]), "middle", settings)
    assert now.score < past.score


@pytest.mark.parametrize("trap", TRAPS)
def test_a_sprung_trap_counts_against_us(trap: str, settings: Settings) -> None:
    said = answers(good=(*EARLY, *MIDDLE))
    clean = verdict(said, "middle", settings)
    trapped = verdict(said | {trap: "bad"}, "middle", settings)
    assert clean.kind == "first_choice"
    assert trapped.kind == "contender"
    assert trapped.score < clean.score
    assert any(r.startswith("Trap · ") and r.endswith("? Yes (bad)") for r in trapped.reasons)


def test_too_little_answered_is_unknown(settings: Settings) -> None:
    # Three good answers out of eight middle-stage signals: high score, little knowledge.
    v = verdict(answers(good=MIDDLE[:3]), "middle", settings)
    assert v.score >= 50
    assert (v.kind, v.unknown, v.counted) == ("unknown", 5, 8)
    assert v.reasons[0] == (
        "5 of 8 signals unknown; at least 4 must be answered: we do not know where we stand"
    )
    # one more answer and we may say: half answered is enough
    assert verdict(answers(good=MIDDLE), "middle", settings).kind == "first_choice"


def test_nothing_answered_is_unknown(settings: Settings) -> None:
    for stage in ("early", "middle", "late"):
        v = verdict({}, stage, settings)
        assert v.kind == "unknown", stage
    v = verdict({}, "early", settings)
    assert (v.score, v.unknown, v.counted) == (0, 4, 4)


def test_known_decisive_bad_news_is_not_unknown(settings: Settings) -> None:
    # Early bad news is good news: two decisive late signals are enough to know we are out.
    v = verdict(answers(bad=("no_sudden_objection", "top_boss_appears")), "late", settings)
    assert v.kind == "out"


@pytest.mark.parametrize(
    ("good", "bad", "kind", "line"),
    [
        (EARLY, (), "first_choice", "Score 100: First choice (50 or more)"),
        (EARLY[:3], EARLY[3:], "contender", "Score 38: Contender (0 to 49)"),
        (EARLY[:2], EARLY[2:], "stand_in", "Score -25: Stand-in (-50 to -1)"),
        ((), EARLY, "out", "Score -100: Out (below -50)"),
    ],
)
def test_the_reasons_name_the_cut_off_that_decided(
    good: tuple[str, ...], bad: tuple[str, ...], kind: str, line: str, settings: Settings
) -> None:
    v = verdict(answers(good=good, bad=bad), "early", settings)
    assert (v.kind, v.reasons[0]) == (kind, line)


def test_signals_beyond_the_stage_do_not_count(settings: Settings) -> None:
    said = answers(good=EARLY, bad=LATE)
    v = verdict(said, "early", settings)
    assert v.kind == "first_choice"
    assert all("Late" not in r for r in v.reasons)


def test_all_bad_is_out(settings: Settings) -> None:
    for stage in ("early", "middle", "late"):
        v = verdict(answers(bad=(*EARLY, *MIDDLE, *LATE, *TRAPS)), stage, settings)
        assert (v.kind, v.score) == ("out", -100)


def test_verdict_words_follow_the_language(tmp_path) -> None:
    user = tmp_path / "zh.yaml"
    user.write_text("language: zh\n", encoding="utf-8")
    zh = load_settings(user)
    v = verdict(answers(bad=("many_questions",)), "early", zh)
    assert v.reasons == [
        "4个信号中有3个未知，至少要回答2个：我们还不知道自己排第几",
        "初期 · 客户是否问了我们很多问题？ 否（差）",
    ]
    assert [kind_label(k, zh) for k in KINDS] == ["首选", "有力竞争者", "陪标替补", "出局"]


def test_verdict_is_a_plain_record(settings: Settings) -> None:
    v = verdict(answers(good=EARLY), "early", settings)
    assert isinstance(v, Verdict)
    assert v.kind in KINDS and -100 <= v.score <= 100


@pytest.mark.parametrize(
    ("signal", "answer", "reply", "word"),
    [
        ("many_questions", "good", "yes", "Yes (good)"),
        ("many_questions", "bad", "no", "No (bad)"),
        ("no_sudden_objection", "good", "no", "No (good)"),  # no double negative
        ("no_sudden_objection", "bad", "yes", "Yes (bad)"),
        ("roles_differ", "bad", "yes", "Yes (bad)"),  # a sprung trap
        ("roles_differ", "good", "no", "No (good)"),
        ("many_questions", "unknown", "unknown", "Unknown"),
    ],
)
def test_signals_are_answered_as_each_question_reads(
    signal: str, answer: str, reply: str, word: str, settings: Settings
) -> None:
    good = good_replies(settings)[signal]
    assert reply_for(answer, good) == reply
    assert answer_for(reply, good) == answer
    assert reply_word(answer, good, settings) == word


def test_the_picker_marks_the_good_answer(settings: Settings) -> None:
    good = good_replies(settings)
    assert reply_choices(good["no_sudden_objection"], settings) == [
        ("bad", "Yes (bad)"),
        ("good", "No (good)"),
        ("unknown", "Unknown"),
    ]
    assert reply_choices(good["top_boss_appears"], settings)[0] == ("good", "Yes (good)")
    assert set(good) == {*EARLY, *MIDDLE, *LATE, *TRAPS}
    assert {s for s, g in good.items() if g == "no"} == {"no_sudden_objection", *TRAPS}
