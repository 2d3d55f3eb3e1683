"""Each review as JSON for scripts (docs/review-json.md): keys are stable English ids,
amounts strings with two decimals (exact), shares numbers 0..1, days ISO dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from followup_tui.core.review.action_plan import ActionPlan
from followup_tui.core.review.activity import OUTCOME_KEYS, ActivityReview, Tally
from followup_tui.core.review.board import BoardReview
from followup_tui.core.review.health import Health
from followup_tui.core.review.heat_review import BANDS, HeatReview, band_label
from followup_tui.core.review.pipeline import Pipeline, Total
from followup_tui.core.review.plan_track import Track
from followup_tui.core.review.year_end import YearEnd


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _track(t: Track) -> dict[str, Any]:
    return {
        "status": t.status,
        "expected": _money(t.expected),
        "expected_to_date": _money(t.expected_to_date),
        "actual": _money(t.actual),
        "months": [
            {
                "month": m.month,
                "expected": _money(m.expected),
                "actual": _money(m.actual),
                "cum_expected": _money(m.cum_expected),
                "cum_actual": _money(m.cum_actual),
                "status": m.status,
            }
            for m in t.months
        ],
    }


def _plan(p: ActionPlan, today: date) -> dict[str, Any]:
    return {
        "goals": list(p.goals),
        "milestones": [_money(m) for m in p.milestones],
        "steps": [
            {
                "id": s.step_id,
                "position": s.position,
                "when": s.when.text,
                "who": s.who,
                "how": s.how,
                "why": s.why,
                "what_for": s.what_for,
                "status": s.status,
                "marked_on": _day(s.marked_on),
                "late": s.late(today),
            }
            for s in p.steps
        ],
    }


def board_json(review: BoardReview) -> dict[str, Any]:
    """The board's tiers, each account's plan and months, each tier's months."""
    return {
        "year": review.year,
        "slots": review.slots,
        "board": _track(review.track),
        "tiers": [
            {
                "tier": t.tier,
                "empty_slots": t.empty_slots,
                "over_by": t.over_by,
                **_track(t.track),
                "accounts": [
                    {
                        "id": e.account.account_id,
                        "name": e.account.name,
                        "class": e.account.quadrant,
                        "relationship": e.account.relationship,
                        "plan": _plan(e.plan, review.as_of),
                        **_track(e.track),
                    }
                    for e in t.entries
                ],
            }
            for t in review.tiers
        ],
    }


def _total(t: Total) -> dict[str, Any]:
    return {
        "key": t.key,
        "count": t.count,
        "amount": _money(t.amount),
        "weighted": _money(t.weighted),
    }


def pipeline_json(p: Pipeline) -> dict[str, Any]:
    """The pipeline's rows by risk, totals and flags."""
    return {
        "deals": [
            {
                "id": r.deal_id,
                "account_id": r.account_id,
                "account": r.account_name,
                "title": r.title,
                "verdict": r.verdict,
                "position": r.position,
                "funnel": r.funnel,
                "amount": _money(r.amount),
                "weight": round(r.weight, 4),
                "weighted": _money(r.weighted),
                "completion_date": _day(r.completion_date),
                "landmines": r.landmines,
                "high_landmines": r.high_landmines,
                "last_review": _day(r.last_review),
                "last_contact": _day(r.last_contact),
                "idle_days": r.idle_days,
                "stalled": r.stalled,
                "out_of_control": r.out_of_control,
                "missing_evidence": list(r.missing_evidence),
                "effort_on_lost": r.effort_on_lost,
            }
            for r in p.rows
        ],
        "by_funnel": [_total(t) for t in p.by_funnel],
        "by_verdict": [_total(t) for t in p.by_verdict],
        "flags": {
            "stalled": p.stalled,
            "out_of_control": p.out_of_control,
            "effort_on_lost": p.effort_on_lost,
            "empty_levels": list(p.empty_levels),
        },
    }


def health_json(h: Health) -> dict[str, Any]:
    """Live prospects and the quarters."""
    return {
        "live": h.live,
        "by_class": dict(h.by_class),
        "by_funnel": dict(h.by_funnel),
        "quarters": [
            {
                "quarter": q.label,
                "live_at_start": q.live_at_start,
                "goal": q.goal,
                "entered": q.entered,
                "converted": q.converted,
                "entered_behind": q.entered_behind,
                "converted_behind": q.converted_behind,
            }
            for q in h.quarters
        ],
        "trend": {"entered": h.entered_trend, "converted": h.converted_trend},
    }


def year_end_json(y: YearEnd) -> dict[str, Any]:
    """Each account's year and the book's."""
    return {
        "year": y.year,
        "amount": _money(y.amount),
        "amount_before": _money(y.amount_before),
        "reorder_rate": round(y.reorder_rate, 4),
        "accounts": [
            {
                "id": r.account_id,
                "name": r.account_name,
                "orders": r.orders,
                "amount": _money(r.amount),
                "orders_before": r.orders_before,
                "amount_before": _money(r.amount_before),
                "reorder_rate": round(r.reorder_rate, 4),
                "usual_months": list(r.usual_months),
                "proposal": r.proposal,
                "reason": r.reason,
                "verdict": r.verdict,
            }
            for r in y.rows
        ],
        "revisits": [
            {
                "id": r.account_id,
                "name": r.name,
                "verdict": r.verdict,
                "tier": r.tier,
                "class": r.quadrant,
                "relationship": r.relationship,
                "followed": r.followed,
            }
            for r in y.revisits
        ],
    }


def heat_json(h: HeatReview) -> dict[str, Any]:
    """The bands by class and the biggest falls."""
    return {
        "bands": [band_label(b) for b in BANDS],
        "by_class": {k: list(v) for k, v in h.bands},
        "cold": dict(h.cold),
        "fall_days": h.days,
        "fell": [
            {
                "id": r.account_id,
                "name": r.name,
                "class": r.klass,
                "before": round(r.before, 1),
                "now": round(r.now, 1),
                "fall": round(r.fall, 1),
            }
            for r in h.fell
        ],
    }


def _tallies(items: tuple[Tally, ...], key: str) -> list[dict[str, Any]]:
    return [
        {key: t.label, "total": t.total, **dict(zip(OUTCOME_KEYS, t.counts, strict=True))}
        for t in items
    ]


def activity_json(a: ActivityReview) -> dict[str, Any]:
    """Contacts by day and week, reach and follow-ups."""
    return {
        "by_day": _tallies(a.by_day, "day"),
        "by_week": _tallies(a.by_week, "week"),
        "contacts": a.contacts,
        "reached": a.reached,
        "reach_rate": round(a.reach_rate, 4),
        "follow_ups": {"on_time": a.on_time, "late": a.late, "missed": a.missed},
        "notes": a.notes,
        "notes_in_sheets": a.notes_in_sheets,
    }
