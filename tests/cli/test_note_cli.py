"""`followup note`: finding the account, checking input, and one transaction on the demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_tui.cli.main import main
from followup_tui.cli.note import default_purpose, find_account, record_note, summary_line
from followup_tui.core.base.config import load_settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.db.accounts import save_account
from followup_tui.db.follow_ups import schedule
from followup_tui.db.lookup import open_follow_up
from followup_tui.db.models import Account, Activity, FollowUp
from tests.cli.engines import Db, examples

PINNED = "2026-11-22"  # the day the demo leads up to (conftest.TODAY)


def account_id(name: str) -> int:
    return int(Account.get(Account.name == name).id)


def counts() -> tuple[int, int, int]:
    """Activities, follow-ups, and the sum of rejection counts: all a note could change."""
    rejections = sum(a.rejection_count for a in Account.select(Account.rejection_count))
    return Activity.select().count(), FollowUp.select().count(), rejections


def note(db: Path, *args: str) -> int:
    return main(["--db", str(db), "note", *args])


def last_activity(account: int) -> Activity:
    return Activity.select().where(Activity.account == account).order_by(Activity.id.desc()).get()


def test_note_by_exact_chinese_name(demo_db: Path, capsys) -> None:
    huawei = account_id("华为技术")
    assert note(demo_db, "华为技术", "确认了预算审批时间", "--today", PINNED) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Logged a note on 华为技术 (#{huawei})")
    assert out.count("\n") == 1
    activity = last_activity(huawei)
    assert activity.notes == "确认了预算审批时间"
    assert activity.kind == "note" and activity.outcome is None
    assert activity.occurred_at.date() == dt.date(2026, 11, 22)


def test_note_by_id_and_by_unique_part_of_a_name(demo_db: Path, capsys) -> None:
    litware = account_id("Litware Energy")
    # Pinned to the demo's day: notes stamped on the wall clock's day could sort
    # before the demo's own history when the clock is behind it.
    assert note(demo_db, str(litware), "by id", "--today", PINNED) == 0
    assert note(demo_db, f"#{litware}", "by hash id", "--today", PINNED) == 0
    assert note(demo_db, "litware", "by part of the name", "--today", PINNED) == 0
    wide = "ＬＩＴＷＡＲＥ ＥＮＥＲＧＹ"
    assert note(demo_db, wide, "full width, upper case", "--today", PINNED) == 0
    lanhai = account_id("深圳蓝海电子")
    assert note(demo_db, "蓝海", "按名称片段", "--today", PINNED) == 0
    by_age = Activity.select().where(Activity.account == litware).order_by(Activity.id)
    notes = [a.notes for a in by_age]
    assert notes[-4:] == ["by id", "by hash id", "by part of the name", "full width, upper case"]
    assert last_activity(lanhai).notes == "按名称片段"


def test_exact_name_wins_over_names_containing_it(demo_db: Path) -> None:
    contoso = save_account({"name": "Contoso"})
    assert find_account("contoso") == contoso
    assert find_account("Ｃｏｎｔｏｓｏ") == contoso
    assert find_account("contoso retail") == account_id("Contoso Retail")


def test_ambiguous_name_lists_the_candidates(demo_db: Path, capsys) -> None:
    before = counts()
    assert note(demo_db, "ware", "which one?") == 2
    err = capsys.readouterr().err
    assert '"ware" matches 2 accounts' in err
    assert f"{account_id('Litware Energy')}  Litware Energy" in err
    assert f"{account_id('Proseware Inc.')}  Proseware Inc." in err
    assert counts() == before


def test_many_candidates_are_capped_at_ten(demo_db: Path) -> None:
    for n in range(13):
        save_account({"name": f"Branch office {n:02d}"})
    with pytest.raises(FollowupError) as info:
        find_account("branch office")
    lines = info.value.message.splitlines()
    assert lines[0].startswith('"branch office" matches 13 accounts')
    assert len(lines) == 12  # the sentence, ten candidates, "... and 3 more"
    assert lines[1].endswith("Branch office 00") and lines[10].endswith("Branch office 09")
    assert lines[-1].strip() == "... and 3 more"


def test_unknown_name_exits_2_with_similar_names(demo_db: Path, capsys) -> None:
    before = counts()
    assert note(demo_db, "Nortwind", "typo") == 2
    err = capsys.readouterr().err
    assert 'no account matches "Nortwind"' in err
    assert f"{account_id('Northwind Logistics')}  Northwind Logistics" in err
    assert note(demo_db, "xyzzy", "nothing like it") == 2
    assert 'no account matches "xyzzy"' in capsys.readouterr().err
    # One trigram in common ("ent", "ist") is chance: no unrelated suggestions.
    assert note(demo_db, "Nonexistent Corp", "x") == 2
    err = capsys.readouterr().err
    assert "similar names" not in err and "Adventure" not in err
    assert note(demo_db, "华为技朮", "typo") == 2  # a typo still suggests the near name
    assert "华为技术" in capsys.readouterr().err
    assert note(demo_db, "99999", "no such id") == 2
    assert counts() == before


def test_archived_accounts_are_refused(demo_db: Path, capsys) -> None:
    litware = account_id("Litware Energy")
    Account.update(archived=True).where(Account.id == litware).execute()
    assert note(demo_db, str(litware), "hello") == 2
    assert "archived" in capsys.readouterr().err
    assert note(demo_db, "Litware Energy", "hello") == 2


def test_bad_outcome_lists_the_configured_ones(demo_db: Path, capsys) -> None:
    before = counts()
    assert note(demo_db, "华为技术", "x", "--outcome", "maybe") == 2
    err = capsys.readouterr().err
    assert 'unknown outcome "maybe"' in err
    for key in ("reached", "no_answer", "voicemail", "rejected", "meeting_booked", "won", "lost"):
        assert key in err
    assert counts() == before


def test_outcome_by_label_in_either_language(demo_db: Path) -> None:
    huawei = account_id("华为技术")
    assert note(demo_db, "华为技术", "", "--outcome", "No answer") == 0
    assert last_activity(huawei).outcome == "no_answer"
    assert note(demo_db, "华为技术", "", "--outcome", "留言") == 0
    assert last_activity(huawei).outcome == "voicemail"


def test_rejected_raises_the_count_and_closes_the_follow_up(demo_db: Path, capsys) -> None:
    account = account_id("青岛海辰化工")
    before = Account.get_by_id(account).rejection_count
    previous = open_follow_up(account)
    assert note(demo_db, "海辰", "不需要", "--outcome", "rejected", "--today", PINNED) == 0
    assert Account.get_by_id(account).rejection_count == before + 1
    activity = last_activity(account)
    assert activity.outcome == "rejected"
    if previous is not None:
        closed = FollowUp.get_by_id(previous.id)
        assert closed.done and closed.activity_id == activity.id
    assert open_follow_up(account) is None
    out = capsys.readouterr().out
    assert "no next follow-up; the cadence suggests 2026-" in out


@pytest.mark.parametrize("outcome", ["no_answer", "voicemail"])
def test_nobody_reached_schedules_the_apps_retry(demo_db: Path, capsys, outcome: str) -> None:
    account = account_id("青岛海辰化工")
    previous = open_follow_up(account)
    assert previous is not None and previous.due < dt.date(2026, 11, 27), "an overdue step"
    # A Friday: the retry is the next working day, Monday, as the app's close-out proposes.
    assert note(demo_db, "海辰", "", "--outcome", outcome, "--today", "2026-11-27") == 0
    follow_up = open_follow_up(account)
    assert follow_up is not None and follow_up.id != previous.id
    assert (follow_up.due, follow_up.purpose) == (dt.date(2026, 11, 30), previous.purpose)
    assert f"next follow-up 2026-11-30: {previous.purpose}" in capsys.readouterr().out


def test_next_in_chinese_shorthand_keeps_the_purpose(demo_db: Path, capsys) -> None:
    huawei = account_id("华为技术")
    previous = open_follow_up(huawei)
    assert previous is not None and previous.purpose
    args = ("华为技术", "谈了预算", "--outcome", "reached", "--next", "明天", "--today", PINNED)
    assert note(demo_db, *args) == 0
    open_ = list(FollowUp.select().where((FollowUp.account == huawei) & (FollowUp.done == False)))  # noqa: E712
    assert len(open_) == 1
    assert open_[0].due == dt.date(2026, 11, 23)
    assert open_[0].purpose == previous.purpose
    assert FollowUp.get_by_id(previous.id).done
    assert f"next follow-up 2026-11-23: {previous.purpose}" in capsys.readouterr().out


def test_next_counts_from_the_real_today_by_default(demo_db: Path) -> None:
    litware = account_id("Litware Energy")
    FollowUp.update(done=True).where(FollowUp.account == litware).execute()
    text = "Asked for the revised quote with volume pricing for next year"
    assert note(demo_db, "Litware", text, "--next", "+3d") == 0
    follow_up = open_follow_up(litware)
    assert follow_up is not None
    assert FollowUp.get_by_id(follow_up.id).due == dt.date.today() + dt.timedelta(days=3)
    assert follow_up.purpose == "Follow up: Asked for the revised quote with…"


def test_bad_or_past_next_date_exits_2(demo_db: Path, capsys) -> None:
    before = counts()
    assert note(demo_db, "华为技术", "x", "--next", "someday", "--today", PINNED) == 2
    assert "Use one of:" in capsys.readouterr().err
    assert note(demo_db, "华为技术", "x", "--next", "2026-11-01", "--today", PINNED) == 2
    assert "in the past" in capsys.readouterr().err
    assert counts() == before


def test_nothing_to_record_exits_2(demo_db: Path, capsys) -> None:
    assert note(demo_db, "华为技术", "   ") == 2
    assert "nothing to record" in capsys.readouterr().err


def test_a_failure_leaves_nothing_written(demo_db: Path, monkeypatch, capsys) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    # The last step of the transaction fails, after the activity and follow-ups were written.
    monkeypatch.setattr("followup_tui.db.follow_ups.refresh_heat", boom)
    account = account_id("青岛海辰化工")
    before = counts()
    open_before = open_follow_up(account)
    args = ("海辰", "不需要", "--outcome", "rejected", "--next", "+7d", "--today", PINNED)
    assert note(demo_db, *args) == 1
    assert "disk full" in capsys.readouterr().err
    assert counts() == before
    assert open_follow_up(account) == open_before


def test_default_purpose_quotes_the_first_words() -> None:
    assert default_purpose("Call back about pricing", "en") == "Follow up: Call back about pricing"
    assert default_purpose("客户要求下周发报价单并确认交期", "zh") == (
        "跟进\uff1a客户要求下周发报价单并确认交期"
    )
    assert default_purpose("", "en") == "Follow up"


# -- a scheduled step is never dropped (issue 13, item 9) ----------------------------------

TOMORROW = dt.date(2026, 11, 23)


def open_steps(account: int) -> list[FollowUp]:
    return list(
        FollowUp.select().where((FollowUp.account == account) & (FollowUp.done == False))  # noqa: E712
    )


def test_without_next_tomorrows_follow_up_is_kept(demo_db: Path, capsys) -> None:
    huawei = account_id("华为技术")
    step = schedule(huawei, TOMORROW, "送样品")
    args = ("华为技术", "谈了预算", "--outcome", "reached", "--today", PINNED)
    assert note(demo_db, *args) == 0
    assert [(f.id, f.due, f.purpose) for f in open_steps(huawei)] == [(step, TOMORROW, "送样品")]
    assert FollowUp.get_by_id(step).activity_id is None  # not carried out by this call
    assert last_activity(huawei).outcome == "reached"
    out = capsys.readouterr().out
    assert "next follow-up kept: 2026-11-23 (送样品)" in out
    assert "closed" not in out and "no next follow-up" not in out


def test_a_follow_up_due_on_the_day_is_the_one_the_call_carries_out(demo_db: Path, capsys) -> None:
    huawei = account_id("华为技术")
    step = schedule(huawei, dt.date(2026, 11, 22), "确认交期")
    assert note(demo_db, "华为技术", "done", "--outcome", "reached", "--today", PINNED) == 0
    assert open_steps(huawei) == []
    assert FollowUp.get_by_id(step).activity_id == last_activity(huawei).id
    out = capsys.readouterr().out
    assert "closed the follow-up '确认交期'" in out and "the cadence suggests" in out


def test_the_day_of_the_contact_decides_what_is_ahead(demo_db: Path, capsys) -> None:
    """Logged for the day before, tomorrow's step is two days ahead and kept; logged for
    the day after, it is the one carried out."""
    huawei = account_id("华为技术")
    step = schedule(huawei, TOMORROW, "送样品")
    args = ("华为技术", "x", "--outcome", "reached")
    assert note(demo_db, *args, "--date", "2026-11-21") == 0
    assert [f.id for f in open_steps(huawei)] == [step]
    assert note(demo_db, *args, "--date", "2026-11-23") == 0
    assert open_steps(huawei) == []
    assert last_activity(huawei).occurred_at.date() == TOMORROW


def test_next_none_ends_the_open_follow_up(demo_db: Path, capsys) -> None:
    huawei = account_id("华为技术")
    step = schedule(huawei, TOMORROW, "送样品")
    args = ("华为技术", "客户暂停采购", "--next", "none", "--today", PINNED)
    assert note(demo_db, *args) == 0
    assert open_steps(huawei) == []
    closed = FollowUp.get_by_id(step)
    assert closed.done and closed.activity_id == last_activity(huawei).id
    out = capsys.readouterr().out
    assert "ended the follow-up '送样品'" in out
    assert "no next follow-up; the cadence suggests" in out
    # Nothing open: `none` says so rather than failing.
    assert note(demo_db, "华为技术", "again", "--next", "NONE", "--today", PINNED) == 0
    assert "no next follow-up" in capsys.readouterr().out


def test_a_note_leaves_an_overdue_step_open_and_says_so(demo_db: Path, capsys) -> None:
    huawei = account_id("华为技术")
    step = schedule(huawei, dt.date(2026, 11, 20), "回电")
    assert note(demo_db, "华为技术", "客户在出差", "--today", PINNED) == 0
    assert [f.id for f in open_steps(huawei)] == [step]
    assert "next follow-up kept: 2026-11-20 (回电)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("flag", "value", "expected"),
    [
        ("--next", "+3d", dt.date(2026, 11, 25)),
        ("--next", "明天", TOMORROW),
        ("--next", "下周一", dt.date(2026, 11, 23)),
        ("--next", "next fri", dt.date(2026, 11, 27)),
        ("--next", "2026-12-01", dt.date(2026, 12, 1)),
        ("--next", "today", dt.date(2026, 11, 22)),
    ],
)
def test_next_takes_the_apps_shorthand(
    demo_db: Path, flag: str, value: str, expected: dt.date
) -> None:
    huawei = account_id("华为技术")
    assert (
        note(demo_db, "华为技术", "x", "--outcome", "reached", flag, value, "--date", PINNED) == 0
    )
    assert [f.due for f in open_steps(huawei)] == [expected]


def test_date_takes_shorthand_and_past_days(demo_db: Path) -> None:
    huawei = account_id("华为技术")
    today = dt.date.today()
    for value, day in (
        ("yesterday", today - dt.timedelta(days=1)),
        ("-3d", today - dt.timedelta(days=3)),
        ("3天前", today - dt.timedelta(days=3)),
        ("today", today),
    ):
        assert note(demo_db, "华为技术", f"on {value}", "--date", value) == 0
        assert last_activity(huawei).occurred_at.date() == day, value


def test_bad_days_exit_2_naming_the_option_and_the_value(demo_db: Path, capsys) -> None:
    before = counts()
    assert note(demo_db, "华为技术", "x", "--next", "someday", "--today", PINNED) == 2
    err = capsys.readouterr().err
    assert '--next: cannot read "someday" as a date' in err
    assert note(demo_db, "华为技术", "x", "--next", "-1d", "--today", PINNED) == 2
    assert '--next: cannot read "-1d"' in capsys.readouterr().err  # a next step is ahead
    with pytest.raises(SystemExit) as info:
        note(demo_db, "华为技术", "x", "--date", "someday")
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --date" in err and 'cannot read "someday" as a date' in err
    assert "yesterday" in err  # the accepted forms, past ones included
    assert counts() == before


def test_help_texts_name_the_shorthand_and_the_keep_rule(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["note", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "is kept" in out and "--next none ends the open follow-up" in out
    assert "明天" in out and "+3d" in out and "yesterday" in out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "every --date and --next takes an ISO date or the shorthand" in out
    for command in ("due", "demo", "sheet", "import", "export"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = " ".join(capsys.readouterr().out.split())
        assert "--date DAY" in out and "yesterday, -1d, +3d" in out, command


ahead = st.integers(min_value=-4, max_value=4)


def test_a_scheduled_step_is_never_dropped_unsaid(db_path: Db) -> None:
    """Whatever is logged, a step ahead of the contact's day stays unless --next says
    otherwise, and the summary names what became of the open step."""

    @settings(max_examples=examples(db_path, on_a_file=25, on_a_server=10), deadline=None)
    @given(
        due_in=ahead,
        outcome=st.sampled_from([None, "reached", "no_answer", "rejected"]),
        next_when=st.sampled_from([None, "none", "+2d"]),
    )
    def check(due_in: int, outcome: str | None, next_when: str | None) -> None:
        day = dt.date(2026, 11, 22)
        account = save_account({"name": f"Prop {dt.datetime.now().timestamp()}"})
        due = day + dt.timedelta(days=due_in)
        step = schedule(account, due, "plan")
        result = record_note(
            str(account), "n", load_settings(None), outcome=outcome, next_when=next_when, today=day
        )
        line = summary_line(result, load_settings(None))
        left = [f.due for f in open_steps(account)]
        if next_when == "+2d":
            assert left == [day + dt.timedelta(days=2)]
        elif next_when == "none":
            assert left == [] and FollowUp.get_by_id(step).done and "ended the follow-up" in line
        elif due > day or outcome is None:
            assert left == [due] and f"next follow-up kept: {due.isoformat()}" in line
        elif outcome == "no_answer":
            # Nobody reached: the step is carried out and the quick retry scheduled (Monday).
            assert left == [dt.date(2026, 11, 23)] and "closed the follow-up 'plan'" in line
        else:
            assert left == [] and "closed the follow-up 'plan'" in line

    check()


def test_a_dormant_account_is_offered_its_revival_plan(db_path: Path) -> None:
    # QA: `followup note` on a dormant account suggested its class cadence (30 days)
    # while the queue brought it back on the revival plan (+75 days after 8 rejections).
    from followup_tui.core.accounts.revival import revival_gap

    settings = load_settings(None)
    account = save_account(
        {"name": "Echo Dormant", "relationship": "dormant", "rejection_count": 7}
    )
    day = dt.date(2026, 11, 23)  # a Monday
    result = record_note(str(account), "no", settings, outcome="rejected", today=day)
    line = summary_line(result, settings)
    assert "revival plan" in line and "class" not in line
    gap = revival_gap(8, settings.revival)
    assert (day + dt.timedelta(days=gap)).isoformat() in line or "moved from" in line


def test_note_names_an_account_as_the_app_does(demo_db: Path, capsys) -> None:
    """`followup note huawei` used to say no account matches while `/huawei` found 华为技术."""
    huawei = account_id("华为技术")
    assert note(demo_db, "huawei", "by pinyin", "--today", PINNED) == 0
    assert last_activity(huawei).notes == "by pinyin"
    assert note(demo_db, "HWJS", "by initials", "--today", PINNED) == 0
    assert last_activity(huawei).notes == "by initials"
    capsys.readouterr()
    # An accented name by its bare letters.
    cafe = save_account({"name": "Café Müller"})
    assert note(demo_db, "cafe muller", "accents folded", "--today", PINNED) == 0
    assert last_activity(cafe).notes == "accents folded"


def zh_config(tmp_path: Path) -> str:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    return str(config)


def test_note_speaks_the_configured_language(demo_db: Path, tmp_path: Path, capsys) -> None:
    """QA: `followup note nosuch "x"` said "no account matches" in English under `language: zh`."""
    zh = ["--db", str(demo_db), "--config", zh_config(tmp_path)]
    assert main([*zh, "note", "nosuch", "x", "--today", PINNED]) == 2
    said = capsys.readouterr().err
    assert "没有客户匹配“nosuch”" in said
    assert "no account" not in said
    assert main([*zh, "note", "华为技术", "x", "--outcome", "maybe", "--today", PINNED]) == 2
    said = capsys.readouterr().err
    assert "未知的结果“maybe”" in said and "unknown" not in said
    assert main([*zh, "note", "华为技术", "x", "--next", "someday", "--today", PINNED]) == 2
    said = capsys.readouterr().err
    assert said.startswith("followup: --next：无法识别日期“someday”"), said
    assert main([*zh, "note", "华为技术", "", "--today", PINNED]) == 2
    assert "没有可记录的内容" in capsys.readouterr().err
    assert main([*zh, "note", "华为技术", "确认预算", "--today", PINNED]) == 0
    out = capsys.readouterr().out
    huawei = account_id("华为技术")
    assert out.startswith(f"已记录华为技术（#{huawei}）的备注"), out
    assert not any(word in out for word in ("Logged", "follow-up", "kept"))
    assert main([*zh, "note", "华为", "x", "--outcome", "reached", "--today", PINNED]) == 0
    out = capsys.readouterr().out
    assert "跟进周期建议" in out and "cadence" not in out, out
    assert main([*zh, "find", " "]) == 2
    assert "TEXT 为空" in capsys.readouterr().err
    # English stays as it was.
    assert main(["--db", str(demo_db), "note", "nosuch", "x", "--today", PINNED]) == 2
    assert 'no account matches "nosuch"' in capsys.readouterr().err
