"""The reviews' reads on the demo: each tab's figures agree with the tables they come from."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.review.periods import month, quarter
from followup_tui.core.sheet.landmines import landmine_count
from followup_tui.db import review_reads
from followup_tui.db.connection import db
from followup_tui.db.sheet_reads import load_sheet
from tests.support import TODAY


def scalar(sql: str) -> int:
    return int(db.execute_sql(sql).fetchone()[0])


def test_pipeline_holds_every_open_deal_of_a_live_account(
    demo_db: Path, settings: Settings
) -> None:
    p = review_reads.pipeline_review(TODAY, settings)
    expected = scalar(
        "SELECT COUNT(*) FROM deal d JOIN account a ON a.id = d.account_id "
        "WHERE d.outcome = 'open' AND NOT a.archived"
    )
    assert len(p.rows) == expected > 0
    row = p.rows[0]
    assert row.landmines == landmine_count(load_sheet(row.deal_id), TODAY, settings)
    assert row.last_contact is not None and row.last_contact <= TODAY


def test_health_year_end_heat_activity_board(demo_db: Path, settings: Settings) -> None:
    h = review_reads.health_review(quarter(2026, 4), TODAY, settings)
    never_bought = scalar(
        "SELECT COUNT(*) FROM account WHERE NOT archived "
        "AND id NOT IN (SELECT account_id FROM purchase WHERE purchased_on <= '2026-11-22')"
    )
    assert h.live == never_bought
    y = review_reads.year_end_review(2026, settings)
    buyers = scalar(
        "SELECT COUNT(DISTINCT p.account_id) FROM purchase p JOIN account a "
        "ON a.id = p.account_id WHERE NOT a.archived AND p.purchased_on <= '2026-12-31'"
    )
    assert len(y.rows) == buyers > 0
    heat = review_reads.heat_tab(TODAY, settings)
    live = scalar("SELECT COUNT(*) FROM account WHERE NOT archived")
    assert sum(sum(counts) for _, counts in heat.bands) == live
    a = review_reads.activity_tab(month(2026, 11), TODAY)
    assert a.contacts > 0 and a.contacts == sum(t.total for t in a.by_day)
    tiers = review_reads.board_tab(settings)
    tiered = scalar("SELECT COUNT(*) FROM account WHERE NOT archived AND tier IS NOT NULL")
    assert sum(len(t.accounts) for t in tiers) == tiered


def test_last_contacts_agree_with_the_whole_history(demo_db: Path) -> None:
    import datetime as dt

    from followup_tui.core.base.local_days import LocalDays

    local = LocalDays()
    # Notes between the contacts, just before each day looked at: never a last contact.
    with db.atomic():
        for (account,) in db.execute_sql("SELECT id FROM account").fetchall():
            for back in (3, 4, 5, 13, 43):
                at = f"{TODAY - dt.timedelta(days=back)} 12:00:00"
                db.execute_sql(
                    "INSERT INTO activity (account_id, kind, occurred_at, notes, "
                    "our_commitments, their_commitments, created_at) "
                    "VALUES (?, 'note', ?, 'n', '', '', ?)",
                    (account, at, at),
                )
    rows = db.execute_sql(
        "SELECT account_id, occurred_at FROM activity WHERE kind != 'note'"
    ).fetchall()
    for back in (0, 1, 2, 3, 10, 40):
        day = TODAY - dt.timedelta(days=back)
        expected: dict[int, dt.date] = {}
        for account, at in rows:
            on = local(str(at))
            if on <= day and on > expected.get(account, dt.date.min):
                expected[account] = on
        assert review_reads.last_contacts(day) == expected, back


def test_heat_from_seeds_is_the_whole_replay(demo_db: Path, settings: Settings) -> None:
    import datetime as dt

    from followup_tui.core.review.heat_review import HeatInput, heat_review, heat_rows
    from followup_tui.db.queue_data import load_queue_inputs

    for day in (TODAY, TODAY - dt.timedelta(days=45)):
        whole = load_queue_inputs(until=day)  # no settings: every history whole
        full = [
            HeatInput(a.id, a.name, a.quadrant, whole.activities.get(a.id, ()), a.heat_anchor)
            for a in whole.accounts
        ]
        seeded = review_reads.heat_inputs(day, settings, 30)
        assert any(i.seed is not None for i in seeded)  # the window read, not the whole
        got = {r.account_id: r for r in heat_rows(seeded, day, settings)}
        review = review_reads.heat_tab(day, settings)
        month = heat_review(list(got.values()), day, settings)
        assert (review.bands, review.cold) == (month.bands, month.cold)
        tab = {r.account_id: r for r in review.fell}
        assert len(tab) == len(month.fell) > 0
        for r in tab.values():  # the tab's two short replays agree with the month's replay
            assert r.now == pytest.approx(got[r.account_id].now, abs=1e-6)
            assert r.before == pytest.approx(got[r.account_id].before, abs=1e-6)
        for r in heat_rows(full, day, settings):
            assert got[r.account_id].now == pytest.approx(r.now, abs=1e-6)
            assert got[r.account_id].before == pytest.approx(r.before, abs=1e-6)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Shanghai", "America/New_York", "Asia/Kolkata"])
def test_activity_counted_in_sql_is_the_review_of_every_row(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    """SQLite's local days are LocalDays' in any zone (DST and half hours too)."""
    import time

    from followup_tui.core.base.local_days import LocalDays

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    from followup_tui.core.base.records import ActivityRec
    from followup_tui.core.review.activity import activity_review
    from followup_tui.core.review.periods import year

    local = LocalDays()
    rows = [
        ActivityRec(rid, account, local(str(at)), kind, outcome, deal_id=deal)
        for rid, account, at, kind, outcome, deal in db.execute_sql(
            "SELECT a.id, a.account_id, a.occurred_at, a.kind, a.outcome, a.deal_id "
            "FROM activity a JOIN account c ON c.id = a.account_id WHERE NOT c.archived"
        ).fetchall()
    ]
    for period in (month(2026, 11), month(2026, 10), year(2026)):
        _, follow_ups = review_reads.activity_inputs(period, TODAY)
        expected = activity_review(period, rows, follow_ups, TODAY)
        got = review_reads.activity_tab(period, TODAY)
        monkeypatch.undo()  # the zone back before any assertion can fail
        time.tzset()
        assert got == expected and got.contacts > 0
        monkeypatch.setenv("TZ", zone)
        time.tzset()
    monkeypatch.undo()
    time.tzset()


def _prospects_from_every_row() -> list[object]:
    """Health's prospects from every activity, deal and purchase grouped by account: what
    the read of each account's firsts through its index must equal."""
    from followup_tui.core.base.kinds import FUNNEL_LEVELS
    from followup_tui.core.base.local_days import LocalDays
    from followup_tui.core.review.health import Prospect

    local = LocalDays()
    firsts: dict[str, dict[int, object]] = {}
    for name, sql in (
        ("contact", "SELECT account_id, occurred_at FROM activity WHERE kind != 'note'"),
        ("deal", "SELECT account_id, created_at FROM deal"),
        ("purchase", "SELECT account_id, purchased_on FROM purchase"),
    ):
        found: dict[int, str] = {}
        for account, at in db.execute_sql(sql).fetchall():
            if account not in found or str(at) < found[account]:
                found[account] = str(at)
        firsts[name] = {a: local(at) for a, at in found.items()}
    rank = {level: n for n, level in enumerate(FUNNEL_LEVELS)}
    best: dict[int, str] = {}
    for account, funnel in db.execute_sql(
        "SELECT account_id, funnel FROM deal WHERE outcome = 'open'"
    ).fetchall():
        if funnel in rank and rank[funnel] > rank.get(best.get(account, ""), -1):
            best[account] = funnel
    return [
        Prospect(
            rid,
            quad,
            local(str(created)),
            local(str(archived_at)) if archived else None,
            firsts["contact"].get(rid),  # type: ignore[arg-type]
            firsts["deal"].get(rid),  # type: ignore[arg-type]
            firsts["purchase"].get(rid),  # type: ignore[arg-type]
            best.get(rid),
        )
        for rid, quad, created, archived, archived_at in db.execute_sql(
            "SELECT id, quadrant, created_at, archived, COALESCE(archived_at, updated_at) "
            "FROM account"
        ).fetchall()
    ]


def test_each_accounts_firsts_are_those_of_every_row(demo_db: Path) -> None:
    """A note before any contact is no first contact; an account without any has none."""
    import random

    rnd = random.Random(16)
    accounts = [r[0] for r in db.execute_sql("SELECT id FROM account ORDER BY id").fetchall()]
    assert len(accounts) > 4
    with db.atomic():
        for n, account in enumerate(rnd.sample(accounts, 4)):
            # Notes a year and more before anything else, one of them the account's only row.
            db.execute_sql(
                "INSERT INTO activity (account_id, kind, occurred_at, notes, our_commitments, "
                "their_commitments, created_at) VALUES (?, 'note', ?, 'n', '', '', ?)",
                (account, f"2024-0{n + 1}-02 23:30:00", "2024-01-01 00:00:00"),
            )
        db.execute_sql(
            "INSERT INTO account (name, owner, search_key, sort_key, name_forms, relationship, "
            "heat, rejection_count, stop_reason, start_reason, archived, notes, address, phone, "
            "email, website, bank, industry, business_plans, fiscal_year_start, interests, "
            "dislikes, delivery_preferences, business_record, market_data, technical_needs, "
            "design_cycle, supplier_reduction, special_requirements, credit, "
            "critical_operations, rules_of_engagement, plan_text, created_at, updated_at, "
            "search_text) SELECT 'only a note', owner, 'only a note', 'only a note', '', "
            "relationship, heat, 0, '', '', archived, '', '', '', '', '', '', '', '', '', '', "
            "'', '', '', '', '', '', '', '', '', '', '', '', created_at, updated_at, '' "
            "FROM account WHERE id = ?",
            (accounts[0],),
        )
        (lonely,) = db.execute_sql("SELECT id FROM account WHERE name = 'only a note'").fetchone()
        db.execute_sql(
            "INSERT INTO activity (account_id, kind, occurred_at, notes, our_commitments, "
            "their_commitments, created_at) VALUES (?, 'note', '2025-05-05 10:00:00', 'n', '', "
            "'', '2025-05-05 10:00:00')",
            (lonely,),
        )
    got = review_reads.prospects()
    assert got == _prospects_from_every_row()
    assert next(p for p in got if p.account_id == lonely).first_contact is None
    assert sum(p.first_contact is not None for p in got) > len(got) // 2


def test_purchases_converted_once_are_each_row_converted(demo_db: Path) -> None:
    """Amounts equal in value but not in text (5 and 5.0) stay apart, none stays none."""
    import datetime as dt
    from decimal import Decimal

    from followup_tui.core.base.records import PurchaseRec

    (account,) = db.execute_sql("SELECT MIN(id) FROM account").fetchone()
    with db.atomic():
        for day, amount in (("2026-03-01", 5), ("2026-03-01", 5.0), ("2026-03-02", None)):
            db.execute_sql(
                "INSERT INTO purchase (account_id, purchased_on, amount, product, notes) "
                "VALUES (?, ?, ?, '', '')",
                (account, day, amount),
            )
    until = dt.date(2026, 12, 31)
    expected = [
        PurchaseRec(a, dt.date.fromisoformat(str(on)[:10]), None if m is None else Decimal(str(m)))
        for a, on, m in db.execute_sql(
            "SELECT account_id, purchased_on, amount FROM purchase WHERE purchased_on <= ?",
            (until.isoformat(),),
        ).fetchall()
    ]
    got = review_reads.purchases_until(until)
    assert got == expected and len(got) > 3
    assert [str(p.amount) for p in got] == [str(p.amount) for p in expected]
    assert None in {p.amount for p in got}
