"""The pipeline: verdicts, weighted amounts, flags, the risk order and the totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.kinds import FUNNEL_LEVELS
from followup_tui.core.review.pipeline import (
    Judgements,
    PipelineDeal,
    build_pipeline,
    weighted_amount,
)
from followup_tui.core.review.pipeline_sort import sort_pipeline
from followup_tui.core.sheet.deal_verdict import deal_verdict
from followup_tui.core.sheet.landmines import landmine_count
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    SheetAction,
    SheetDeal,
    SheetReview,
    SignalAnswerRec,
)
from tests.support import TODAY

SHIPPED = load_settings(None)

EVIDENCE = {
    f"evidence_{k}": "seen" for k in ("customer", "product", "amount", "completion_date", "status")
}


def sheet(deal_id: int, **kw: object) -> BlueSheet:
    fields: dict[str, object] = {
        "id": deal_id,
        "account_id": deal_id,
        "account_name": f"Account {deal_id}",
        "title": f"Deal {deal_id}",
        "amount": Decimal("1000.00"),
        "funnel": "in",
        "created_at": dt.datetime(2026, 1, 1),
        **EVIDENCE,
    }
    reviews = kw.pop("reviews", ())
    signals = kw.pop("signals", ())
    fields.update(kw)
    return BlueSheet(SheetDeal(**fields), reviews=reviews, signals=signals)  # type: ignore[arg-type]


def test_row_reads_the_one_verdict_and_landmine_list(settings: Settings) -> None:
    s = sheet(1, reviews=(SheetReview(7, dt.date(2026, 10, 1)),))
    p = build_pipeline([PipelineDeal(s, TODAY)], TODAY, settings)
    row = p.rows[0]
    assert row.verdict == deal_verdict(s, TODAY, settings).kind == "unknown"
    assert row.landmines == landmine_count(s, TODAY, settings) > 0
    assert row.last_review == dt.date(2026, 10, 1)
    # in the funnel 0.4 x unknown 0.4 of 1,000.00
    assert row.weight == 0.4 * 0.4
    assert row.weighted == Decimal("160.00")


def test_flags(settings: Settings) -> None:
    stalled = sheet(1)  # last contact 31 days ago: more than review.stalled_days (30)
    fresh = sheet(2, evidence_amount="  ")  # no evidence for the amount: out of control
    bad = sheet(
        3,
        signals=tuple(
            SignalAnswerRec(s, "bad")
            for s in ("no_sudden_objection", "price_negotiated", "top_boss_appears")
        ),
        status="urgent",
    )
    p = build_pipeline(
        [
            PipelineDeal(stalled, TODAY - dt.timedelta(days=31)),
            PipelineDeal(fresh, TODAY - dt.timedelta(days=30)),
            PipelineDeal(bad, TODAY - dt.timedelta(days=14)),
        ],
        TODAY,
        settings,
    )
    by_id = {r.deal_id: r for r in p.rows}
    assert by_id[1].stalled and by_id[1].idle_days == 31
    assert not by_id[2].stalled
    assert by_id[2].missing_evidence == ("amount",) and by_id[2].out_of_control
    assert not by_id[1].out_of_control
    assert by_id[3].verdict == "out"
    assert by_id[3].effort_on_lost  # contacted 14 days ago: within review.effort_days
    assert (p.stalled, p.out_of_control, p.effort_on_lost) == (1, 1, 1)
    # Riskiest first: the deal judged out leads.
    assert p.rows[0].deal_id == 3


def test_risk_order_and_empty_levels(settings: Settings) -> None:
    soon = sheet(1, completion_date=dt.date(2026, 12, 1))
    later = sheet(2, completion_date=dt.date(2027, 3, 1))
    none = sheet(3, funnel="best_few")
    closed = sheet(4, outcome="won")
    p = build_pipeline(
        [PipelineDeal(s, TODAY) for s in (later, none, soon, closed)], TODAY, settings
    )
    # Same verdict and landmines: soonest completion first, none last; closed deals left out.
    in_funnel = [r for r in p.rows if r.funnel == "in"]
    assert in_funnel[0].landmines == in_funnel[1].landmines
    assert [r.deal_id for r in in_funnel] == [1, 2]
    assert 4 not in {r.deal_id for r in p.rows}
    assert p.empty_levels == ("universe", "above")


def test_weighted_amount_rounds_toward_zero() -> None:
    assert weighted_amount(Decimal("0.03"), 0.5) == Decimal("0.01")
    assert weighted_amount(None, 0.5) is None


amounts = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))


@hsettings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(amounts, st.sampled_from(FUNNEL_LEVELS), st.integers(0, 90)),
        max_size=12,
    )
)
def test_totals_are_the_sum_of_rows_and_weighted_never_exceeds_amount(
    deals: list[tuple[Decimal | None, str, int]],
) -> None:
    settings = SHIPPED
    items = [
        PipelineDeal(sheet(i + 1, amount=a, funnel=f), TODAY - dt.timedelta(days=d))
        for i, (a, f, d) in enumerate(deals)
    ]
    p = build_pipeline(items, TODAY, settings)
    for r in p.rows:
        if r.amount is not None:
            assert r.weighted is not None and 0 <= r.weighted <= r.amount
    amount = sum((r.amount or Decimal(0) for r in p.rows), Decimal(0))
    weighted = sum((r.weighted or Decimal(0) for r in p.rows), Decimal(0))
    for totals in (p.by_funnel, p.by_verdict):
        assert sum(t.count for t in totals) == len(p.rows) == len(deals)
        assert sum((t.amount for t in totals), Decimal(0)) == amount
        assert sum((t.weighted for t in totals), Decimal(0)) == weighted
    assert set(p.empty_levels) == set(FUNNEL_LEVELS) - {f for _, f, _ in deals}
    # The screen shows the rows as built for the risk order: they must be in it.
    assert list(p.rows) == sort_pipeline(p.rows, "risk")
    for totals, attr in ((p.by_funnel, "funnel"), (p.by_verdict, "verdict")):
        for t in totals:  # each key's rows filtered and summed apart: the one pass's figures
            mine = [r for r in p.rows if getattr(r, attr) == t.key]
            assert (t.count, str(t.amount), str(t.weighted)) == (
                len(mine),
                str(sum((r.amount or Decimal(0) for r in mine), Decimal(0))),
                str(sum((r.weighted or Decimal(0) for r in mine), Decimal(0))),
            )


# A sheet's edits the pipeline reads: each moves its verdict, its landmines or both.
EDITS = {
    "evidence": lambda s: replace(s, deal=replace(s.deal, evidence_amount="")),
    "position": lambda s: replace(s, deal=replace(s.deal, position=-4)),
    "completion": lambda s: replace(s, deal=replace(s.deal, completion_date=dt.date(2026, 11, 1))),
    "signals": lambda s: replace(
        s,
        signals=tuple(
            SignalAnswerRec(g, "good") for g in ("many_questions", "spends_time", "senior_access")
        ),
    ),
    "action": lambda s: replace(
        s, actions=(SheetAction(1, "me", "call", due=dt.date(2026, 11, 30)),)
    ),
    "overdue": lambda s: replace(
        s, actions=(SheetAction(1, "me", "call", due=dt.date(2026, 11, 2)),)
    ),
}


@hsettings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(sorted(EDITS)), max_size=3), min_size=1, max_size=6),
    st.lists(st.integers(0, 5), max_size=6),
    st.sampled_from([TODAY, TODAY + dt.timedelta(days=20)]),
)
def test_judgements_kept_from_a_read_are_never_stale(
    edits: list[list[str]], changed: list[int], later: dt.date
) -> None:
    """A pipeline read with the sheets kept from an earlier read is the pipeline read
    afresh: whatever sheet changed, and on a later day too."""
    settings = SHIPPED
    before = [sheet(i + 1) for i in range(len(edits))]
    kept = Judgements()
    build_pipeline([PipelineDeal(s, TODAY) for s in before], TODAY, settings, kept)
    after = list(before)
    for n in changed:
        if n < len(after):
            for name in edits[n]:
                after[n] = EDITS[name](after[n])
    items = [PipelineDeal(s, TODAY) for s in after]
    for day in (TODAY, later):
        assert build_pipeline(items, day, settings, kept) == build_pipeline(items, day, settings)


def test_a_sheet_judged_before_is_not_judged_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from followup_tui.core.review import pipeline

    judged: list[int] = []
    real = pipeline.judge

    def counting(s: BlueSheet, today: dt.date, settings: Settings) -> pipeline.Judged:
        judged.append(s.deal.id)
        return real(s, today, settings)

    monkeypatch.setattr(pipeline, "judge", counting)
    kept = Judgements()
    sheets = [sheet(1), sheet(2), sheet(3)]
    build_pipeline([PipelineDeal(s, TODAY) for s in sheets], TODAY, SHIPPED, kept)
    assert judged == [1, 2, 3]
    sheets[1] = EDITS["evidence"](sheets[1])
    build_pipeline([PipelineDeal(s, TODAY) for s in sheets], TODAY, SHIPPED, kept)
    assert judged == [1, 2, 3, 2]  # only the sheet that changed
    build_pipeline([PipelineDeal(s, TODAY) for s in sheets], TODAY + dt.timedelta(1), SHIPPED, kept)
    assert judged == [1, 2, 3, 2, 1, 2, 3]  # another day: every sheet again
