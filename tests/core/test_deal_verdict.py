"""The honest verdict of a whole sheet: three stories, unknown, a worried deal out of control."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.sheet.deal_verdict import deal_verdict
from followup_tui.core.sheet.landmines import sheet_landmines
from followup_tui.core.sheet.position import ALL_KINDS, KINDS
from followup_tui.core.sheet.sheet_records import BlueSheet, SheetLandmine, SignalAnswerRec
from tests.core.test_landmines import change_deal, clean_sheet, person
from tests.support import TODAY

EARLY = ("many_questions", "spends_time", "senior_access", "wide_scope")
MIDDLE = ("we_sell_ideas", "next_steps_together", "deep_discussion", "studies_demo")
LATE = ("no_sudden_objection", "price_negotiated", "extra_commitments", "top_boss_appears")
SIGNALS = (*EARLY, *MIDDLE, *LATE, "earlier_stage", "roles_differ")
SETTINGS = load_settings(None)


def said(sheet: BlueSheet, good: tuple[str, ...] = (), bad: tuple[str, ...] = ()) -> BlueSheet:
    answers = [SignalAnswerRec(s, "good") for s in good] + [SignalAnswerRec(s, "bad") for s in bad]
    return replace(sheet, signals=tuple(answers))


def story_1() -> BlueSheet:
    """老孔: few questions, no senior people, the customer runs the meeting; the rep is thrilled."""
    sheet = said(
        clean_sheet(),
        good=("wide_scope",),
        bad=("many_questions", "spends_time", "senior_access", "next_steps_together"),
    )
    return change_deal(position=4)(sheet)


def story_2() -> BlueSheet:
    """小邱: the customer studies every detail, plans next steps with us, learns from us."""
    return change_deal(position=2)(said(clean_sheet(), good=MIDDLE))


def story_3() -> BlueSheet:
    """小周: a sudden objection, one half-hearted price question, no senior contact."""
    sheet = said(
        clean_sheet(),
        good=(*EARLY, *MIDDLE),
        bad=("no_sudden_objection", "price_negotiated", "top_boss_appears"),
    )
    return change_deal(status="urgent", position=1)(sheet)


def worried_out_of_control() -> BlueSheet:
    """All signals good, but the rep is worried and cannot back amount and date with evidence."""
    sheet = said(clean_sheet(), good=(*EARLY, *MIDDLE))
    return change_deal(position=-3, evidence_amount="", evidence_completion_date="")(sheet)


@pytest.mark.parametrize(
    ("case", "sheet", "kinds"),
    [
        ("story 1: the rep's good news is bad news", story_1(), {"stand_in", "out"}),
        ("story 2: first choice", story_2(), {"first_choice"}),
        ("story 3: closed out late", story_3(), {"out"}),
        ("nobody knows anything", said(clean_sheet()), {"unknown"}),
        ("worried and out of control", worried_out_of_control(), {"stand_in"}),
    ],
)
def test_verdict_table(case: str, sheet: BlueSheet, kinds: set[str], settings: Settings) -> None:
    assert deal_verdict(sheet, TODAY, settings).kind in kinds, case


def test_a_worried_deal_out_of_control_says_which_thresholds_decided(settings: Settings) -> None:
    v = deal_verdict(worried_out_of_control(), TODAY, settings)
    assert v.reasons[:3] == [
        "Score 100: First choice (50 or more)",
        "Position Worried (-3) is -3 or lower: at best a stand-in",
        "No evidence for Amount, Completion date: the deal is out of control, at best a contender",
    ]


def test_an_uneasy_rep_is_not_a_first_choice(settings: Settings) -> None:
    v = deal_verdict(change_deal(position=-1)(story_2()), TODAY, settings)
    assert v.kind == "contender"
    assert "Position Uneasy (-1) is below 0: not a first choice" in v.reasons


def test_the_worst_landmines_cap_the_verdict(settings: Settings) -> None:
    against = tuple(person(10 + i, "user_buyer", rating=-4) for i in range(4))
    two = replace(story_2(), influences=(*story_2().influences, *against[:2]))
    four = replace(story_2(), influences=(*story_2().influences, *against))
    assert deal_verdict(two, TODAY, settings).kind == "contender"
    v = deal_verdict(four, TODAY, settings)
    assert v.kind == "stand_in"
    assert "4 high-severity landmines (4 or more): at best a stand-in" in v.reasons


def test_unknown_says_what_to_find_out_and_stays_unknown(settings: Settings) -> None:
    sheet = change_deal(position=-5, evidence_amount="")(said(clean_sheet()))
    v = deal_verdict(sheet, TODAY, settings)
    assert v.kind == "unknown"
    assert v.reasons[0].endswith("we do not know where we stand")
    assert next(m.rule for m in sheet_landmines(sheet, TODAY, settings)) == "stand_unknown"


# -- properties ----------------------------------------------------------------------------

answers_st = st.dictionaries(st.sampled_from(SIGNALS), st.sampled_from(("good", "bad", "unknown")))
stages = st.sampled_from((("getting_started", "above"), ("in_progress", "in"), ("urgent", "in")))
positions = st.none() | st.integers(-5, 5)


def build(answers: dict[str, str], stage: tuple[str, str], position: int | None) -> BlueSheet:
    sheet = replace(clean_sheet(), signals=tuple(SignalAnswerRec(k, v) for k, v in answers.items()))
    return change_deal(status=stage[0], funnel=stage[1], position=position)(sheet)


def rank(kind: str) -> int:
    """Best first; unknown is apart and compared only with unknown."""
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


@hsettings(max_examples=150, deadline=None)
@given(stage=stages, position=positions, unknowns=st.sets(st.sampled_from(SIGNALS)))
def test_nothing_answered_never_gives_a_known_verdict(
    stage: tuple[str, str], position: int | None, unknowns: set[str]
) -> None:
    sheet = build(dict.fromkeys(unknowns, "unknown"), stage, position)
    assert deal_verdict(sheet, TODAY, SETTINGS).kind == "unknown"


@hsettings(max_examples=150, deadline=None)
@given(
    answers=answers_st,
    stage=stages,
    position=positions,
    ratings=st.lists(st.integers(-5, 5), max_size=4),
    recorded=st.integers(0, 3),
)
def test_more_landmines_never_improve_the_verdict(
    answers: dict[str, str],
    stage: tuple[str, str],
    position: int | None,
    ratings: list[int],
    recorded: int,
) -> None:
    before = build(answers, stage, position)
    people = tuple(person(20 + i, "user_buyer", rating=r) for i, r in enumerate(ratings))
    mines = tuple(SheetLandmine(50 + i, "other", f"risk {i}") for i in range(recorded))
    after = replace(
        before,
        influences=(*before.influences, *people),
        landmines=(*before.landmines, *mines),
    )
    was, now = (deal_verdict(s, TODAY, SETTINGS).kind for s in (before, after))
    assert now in ALL_KINDS
    assert (was == "unknown") == (now == "unknown")  # only answers decide what we know
    assert rank(now) >= rank(was)


@hsettings(max_examples=150, deadline=None)
@given(answers=answers_st, stage=stages, high=st.integers(-5, 5), low=st.integers(-5, 5))
def test_a_lower_position_never_improves_the_verdict(
    answers: dict[str, str], stage: tuple[str, str], high: int, low: int
) -> None:
    high, low = max(high, low), min(high, low)
    better = deal_verdict(build(answers, stage, high), TODAY, SETTINGS).kind
    worse = deal_verdict(build(answers, stage, low), TODAY, SETTINGS).kind
    assert rank(worse) >= rank(better)


def test_the_thresholds_come_from_config(tmp_path) -> None:
    user = tmp_path / "strict.yaml"
    user.write_text("deal_review:\n  min_answered_percent: 100\n", encoding="utf-8")
    strict = load_settings(user)
    assert deal_verdict(story_2(), TODAY, SETTINGS).kind == "first_choice"
    v = deal_verdict(story_2(), TODAY, strict)  # four of eight answered is too few now
    assert v.kind == "unknown"
    assert v.reasons[0].startswith("4 of 8 signals unknown; at least 8 must be answered")


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("min_answered_percent: 120", "deal_review.min_answered_percent"),
        ("stand_in_at: 1", "deal_review.stand_in_at"),
        ("against_high_at: -9", "deal_review.against_high_at"),
        ("find_first: 0", "deal_review.find_first"),
    ],
)
def test_bad_thresholds_name_the_file_and_key(tmp_path, line: str, key: str) -> None:
    from followup_tui.core.base.errors import ConfigError

    user = tmp_path / "bad.yaml"
    user.write_text(f"deal_review:\n  {line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(user)
    assert key in str(info.value) and "bad.yaml" in str(info.value)
