"""Landmines the sheet finds by itself: every rule, present and absent, as tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.sheet.landmines import (
    RULES,
    SEVERITIES,
    find_landmines,
    landmine_count,
    sheet_landmines,
)
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    SheetAction,
    SheetBullet,
    SheetDeal,
    SheetInfluence,
    SheetLandmine,
    SignalAnswerRec,
)
from tests.support import TODAY

MIDDLE = ("we_sell_ideas", "next_steps_together", "deep_discussion", "studies_demo")

LONG_AGO = dt.datetime(2026, 6, 1, 9, 0)


def at(days_ago: int) -> dt.datetime:
    """A UTC timestamp `days_ago` days before TODAY."""
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(9, 0))


def person(iid: int, role: str, **changes: object) -> SheetInfluence:
    """A well-mapped influence: contacted, in Growth, rated, role backed by evidence."""
    base = SheetInfluence(
        id=iid,
        contact_id=100 + iid,
        name=f"Person {iid}",
        role=role,
        role_evidence="signs the PO",
        mode="growth",
        mode_evidence="asked for more",
        degree="medium",
        rating=3,
        rating_evidence="spoke up for us",
        contacted=True,
        last_contacted_on=TODAY - dt.timedelta(days=3),
        added_at=LONG_AGO,
    )
    return replace(base, **changes)


def clean_sheet() -> BlueSheet:
    """A sheet on which no rule fires."""
    deal = SheetDeal(
        id=1,
        account_id=1,
        account_name="Acme",
        title="Sensors",
        completion_date=TODAY + dt.timedelta(days=30),
        status="in_progress",
        funnel="in",
        evidence_customer="RFQ",
        evidence_product="scope agreed",
        evidence_amount="budget line",
        evidence_completion_date="go-live date",
        evidence_status="project approved",
        fit_credit="good",
        fit_need_fit="good",
        fit_loyalty="unknown",
        created_at=LONG_AGO,
    )
    return BlueSheet(
        deal,
        influences=(
            person(1, "economic_buyer", degree="high"),
            person(2, "coach"),
            person(3, "user_buyer"),
            person(4, "technical_buyer"),
        ),
        landmines=(SheetLandmine(1, "competition", "Rival is cheaper", 1, bullet_id=1),),
        bullets=(SheetBullet(1, "value", "Pilot cut faults 40%", 1),),
        actions=(SheetAction(1, "Me", "Review the pilot", TODAY + dt.timedelta(days=3)),),
        signals=tuple(SignalAnswerRec(sid, "good") for sid in MIDDLE),
    )


def with_people(sheet: BlueSheet, *people: SheetInfluence) -> BlueSheet:
    return replace(sheet, influences=(*sheet.influences, *people))


def change_person(iid: int, **changes: object) -> Callable[[BlueSheet], BlueSheet]:
    def change(sheet: BlueSheet) -> BlueSheet:
        people = tuple(replace(i, **changes) if i.id == iid else i for i in sheet.influences)
        return replace(sheet, influences=people)

    return change


def change_deal(**changes: object) -> Callable[[BlueSheet], BlueSheet]:
    return lambda sheet: replace(sheet, deal=replace(sheet.deal, **changes))


def rules_of(sheet: BlueSheet, settings: Settings) -> list[tuple[str, int | None]]:
    return [(f.rule, f.influence_id) for f in find_landmines(sheet, TODAY, settings)]


def test_a_clean_sheet_has_no_landmines(settings: Settings) -> None:
    assert find_landmines(clean_sheet(), TODAY, settings) == []


# (case, change to the clean sheet, the findings it must give: (rule, influence id))
PRESENT: list[tuple[str, Callable[[BlueSheet], BlueSheet], list[tuple[str, int | None]]]] = [
    (
        "no economic buyer",
        lambda s: replace(s, influences=s.influences[1:]),
        [("no_economic_buyer", None)],
    ),
    ("EB in even keel", change_person(1, mode="even_keel"), [("eb_not_receptive", 1)]),
    ("EB overconfident", change_person(1, mode="overconfident"), [("eb_not_receptive", 1)]),
    (
        "no coach",
        lambda s: replace(s, influences=tuple(i for i in s.influences if i.role != "coach")),
        [("no_coach", None)],
    ),
    (
        "no user buyer",
        lambda s: replace(s, influences=tuple(i for i in s.influences if i.role != "user_buyer")),
        [("role_unfilled", None)],
    ),
    (
        "no technical buyer",
        lambda s: replace(
            s, influences=tuple(i for i in s.influences if i.role != "technical_buyer")
        ),
        [("role_unfilled", None)],
    ),
    ("rated -1", change_person(2, rating=-1), [("hostile_influence", 2)]),
    ("rated -3", change_person(2, rating=-3), [("hostile_influence", 2)]),
    ("rated -4", change_person(2, rating=-4), [("hostile_influence", 2)]),
    ("rated -5", change_person(2, rating=-5), [("hostile_influence", 2)]),
    (
        "nothing answered",
        lambda s: replace(s, signals=()),
        [("stand_unknown", None)],
    ),
    ("high, never contacted", change_person(1, contacted=False), [("high_never_contacted", 1)]),
    ("new player", change_person(2, added_at=at(10)), [("new_player", 2)]),
    ("new player, N days ago", change_person(2, added_at=at(30)), [("new_player", 2)]),
    ("never contacted", change_person(2, contacted=False), [("never_contacted", 2)]),
    ("coach even keel", change_person(2, mode="even_keel"), [("not_receptive", 2)]),
    ("coach overconfident", change_person(2, mode="overconfident"), [("not_receptive", 2)]),
    ("mode unknown", change_person(2, mode=None), [("unknown_stance", 2)]),
    ("rating unknown", change_person(2, rating=None), [("unknown_stance", 2)]),
    ("role by title", change_person(2, role_evidence="  "), [("role_by_title", 2)]),
    ("bad credit", change_deal(fit_credit="bad"), [("poor_fit", None)]),
    ("bad need fit", change_deal(fit_need_fit="bad"), [("poor_fit", None)]),
    ("disloyal", change_deal(fit_loyalty="bad"), [("poor_fit", None)]),
    ("no amount evidence", change_deal(evidence_amount=""), [("sso_no_evidence", None)]),
    ("no status evidence", change_deal(evidence_status=" "), [("sso_no_evidence", None)]),
    (
        "completion passed",
        change_deal(completion_date=TODAY - dt.timedelta(days=1)),
        [("completion_passed", None)],
    ),
    ("no best action", lambda s: replace(s, actions=()), [("no_best_action", None)]),
    (
        "only done actions",
        lambda s: replace(s, actions=(replace(s.actions[0], done=True),)),
        [("no_best_action", None)],
    ),
    (
        "action overdue",
        lambda s: replace(s, actions=(replace(s.actions[0], due=TODAY - dt.timedelta(days=2)),)),
        [("action_overdue", None)],
    ),
    (
        "landmine without bullet",
        lambda s: replace(s, landmines=(replace(s.landmines[0], bullet_id=None),)),
        [("landmine_unanswered", 1)],
    ),
]


@pytest.mark.parametrize(("case", "change", "expected"), PRESENT, ids=[c[0] for c in PRESENT])
def test_each_rule_fires(
    case: str,
    change: Callable[[BlueSheet], BlueSheet],
    expected: list[tuple[str, int | None]],
    settings: Settings,
) -> None:
    assert rules_of(change(clean_sheet()), settings) == expected


# Near misses: the rule must stay silent.
ABSENT: list[tuple[str, Callable[[BlueSheet], BlueSheet]]] = [
    ("EB in growth", change_person(1, mode="growth")),
    ("EB in trouble", change_person(1, mode="trouble")),
    ("rated 0", change_person(2, rating=0)),
    (
        "half the signals answered, one of them early",
        lambda s: replace(s, signals=(*s.signals[:3], SignalAnswerRec("wide_scope", "good"))),
    ),
    (
        "nothing answered on a closed deal",
        lambda s: replace(s, signals=(), deal=replace(s.deal, outcome="lost")),
    ),
    ("added N+1 days ago", change_person(2, added_at=at(31))),
    (
        "added with the deal",
        lambda s: change_person(2, added_at=at(5))(change_deal(created_at=at(5))(s)),
    ),
    ("fit unknown", change_deal(fit_credit="unknown", fit_need_fit="unknown")),
    ("completion today", change_deal(completion_date=TODAY)),
    ("no completion date", change_deal(completion_date=None)),
    ("action due today", lambda s: replace(s, actions=(replace(s.actions[0], due=TODAY),))),
    (
        "overdue but done, with another open",
        lambda s: replace(
            s,
            actions=(
                replace(s.actions[0], id=2, due=TODAY - dt.timedelta(days=9), done=True),
                s.actions[0],
            ),
        ),
    ),
    (
        "resolved landmine without bullet",
        lambda s: replace(s, landmines=(replace(s.landmines[0], bullet_id=None, resolved=True),)),
    ),
]


@pytest.mark.parametrize(("case", "change"), ABSENT, ids=[c[0] for c in ABSENT])
def test_near_misses_find_nothing(
    case: str, change: Callable[[BlueSheet], BlueSheet], settings: Settings
) -> None:
    assert rules_of(change(clean_sheet()), settings) == []


# (rating, influence, severity): the Technical Buyer at -3 and high-influence
# User Buyer at -1 are landmines; severity grows with the rating and the influence.
SEVERITY_TABLE = [
    (-1, "low", "low"),
    (-1, "medium", "low"),
    (-1, "high", "medium"),
    (-2, "low", "medium"),
    (-2, "high", "high"),
    (-3, "medium", "medium"),
    (-3, "high", "high"),
    (-4, "low", "high"),
    (-5, "medium", "high"),
]


@pytest.mark.parametrize(("rating", "degree", "severity"), SEVERITY_TABLE)
def test_people_against_us_by_rating_and_influence(
    rating: int, degree: str, severity: str, settings: Settings
) -> None:
    sheet = change_person(4, rating=rating, degree=degree)(clean_sheet())
    (found,) = find_landmines(sheet, TODAY, settings)
    assert (found.rule, found.influence_id, found.severity) == ("hostile_influence", 4, severity)
    assert found.text == f"Person 4 is rated {rating}: against us"


def test_severity_thresholds_come_from_config(tmp_path) -> None:
    user = tmp_path / "strict.yaml"
    user.write_text("deal_review:\n  against_high_at: -1\n", encoding="utf-8")
    strict = load_settings(user)
    (found,) = find_landmines(change_person(4, rating=-1)(clean_sheet()), TODAY, strict)
    assert found.severity == "high"


def test_not_knowing_where_we_stand_names_what_to_find_out_first(settings: Settings) -> None:
    # Late stage, nothing answered: the decisive late signals come first.
    sheet = change_deal(status="urgent")(replace(clean_sheet(), signals=()))
    (found,) = find_landmines(sheet, TODAY, settings)
    assert (found.rule, found.severity) == ("stand_unknown", "high")
    assert found.text == "We do not know where we stand: 12 of 12 signals unanswered"
    assert found.suggestion == (
        "Find out first: Did they raise a sudden objection we cannot answer? · "
        "Do they negotiate price seriously and repeatedly? · Does the top boss show up?"
    )


def test_the_one_list_holds_found_and_recorded_landmines(settings: Settings) -> None:
    sheet = replace(
        clean_sheet(),
        landmines=(
            SheetLandmine(1, "competition", "Rival is cheaper", 1, bullet_id=1),
            SheetLandmine(2, "org_change", "New CIO", None),
            SheetLandmine(3, "other", "Old worry", None, resolved=True),
        ),
    )
    sheet = change_person(4, rating=-2)(sheet)
    mines = sheet_landmines(sheet, TODAY, settings)
    assert [(m.rule, m.ref_id, m.bullet_id, m.severity) for m in mines] == [
        ("hostile_influence", None, None, "medium"),
        ("recorded", 2, None, "medium"),
        ("recorded", 1, 1, "low"),
    ]
    # "no bullet" is not a second landmine beside the recorded one
    assert "landmine_unanswered" in {f.rule for f in find_landmines(sheet, TODAY, settings)}
    assert landmine_count(sheet, TODAY, settings) == 3


def test_one_person_is_not_flagged_twice_for_the_same_thing(settings: Settings) -> None:
    # An EB in Even Keel is not also a plain not-receptive influence; a high-influence
    # person never contacted is not also a plain never-contacted one.
    sheet = change_person(1, mode="even_keel", contacted=False)(clean_sheet())
    assert sorted(rules_of(sheet, settings)) == [
        ("eb_not_receptive", 1),
        ("high_never_contacted", 1),
    ]


def test_a_closed_deal_has_no_time_rules(settings: Settings) -> None:
    sheet = change_deal(outcome="won", completion_date=TODAY - dt.timedelta(days=40))(
        replace(clean_sheet(), actions=())
    )
    assert rules_of(sheet, settings) == []


def test_findings_come_most_severe_first_with_suggestions(settings: Settings) -> None:
    sheet = with_people(
        replace(clean_sheet(), influences=(), actions=()),
        person(3, "user_buyer", role_evidence="", contacted=False, rating=-5, mode=None),
    )
    found = find_landmines(sheet, TODAY, settings)
    severities = [SEVERITIES.index(f.severity) for f in found]
    assert severities == sorted(severities)
    assert {f.rule for f in found} >= {
        "no_economic_buyer",
        "no_coach",
        "hostile_influence",
        "never_contacted",
        "unknown_stance",
        "role_by_title",
        "no_best_action",
    }
    assert all(f.text and f.suggestion for f in found)
    eb = next(f for f in found if f.rule == "no_economic_buyer")
    assert "Economic Buyer" in eb.text  # the role's word comes from config


def test_texts_reference_the_person_and_config_words(settings: Settings) -> None:
    found = find_landmines(change_person(2, mode="overconfident")(clean_sheet()), TODAY, settings)
    assert found[0].text == "Person 2 is in Overconfident mode and will buy nothing until moved"
    overdue = replace(clean_sheet(), actions=(SheetAction(7, "Coach", "Send list", at(3).date()),))
    (item,) = find_landmines(overdue, TODAY, settings)
    assert (item.rule, item.ref_id, item.text) == (
        "action_overdue",
        7,
        "Best action overdue by 3 days: Coach: Send list",
    )


def test_every_rule_speaks_both_languages(tmp_path) -> None:
    # Each rule's finding and fix are the vocabulary's landmine_<rule> and landmine_<rule>_fix
    # (tests/test_vocabulary.py fails on a key that either language lacks or nothing uses).
    vocab = load_settings(None).data["vocabulary"]
    for lang in ("en", "zh"):
        assert all({f"landmine_{r}", f"landmine_{r}_fix"} <= set(vocab[lang]) for r in RULES)
    user = tmp_path / "zh.yaml"
    user.write_text("language: zh\n", encoding="utf-8")
    zh = load_settings(user)
    sheet = replace(clean_sheet(), influences=(), actions=())
    texts = [f.text for f in find_landmines(sheet, TODAY, zh)]
    assert "没有确定经济购买者" in texts
