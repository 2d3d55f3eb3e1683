"""The pipeline as a manager sees it: every open deal with its verdict, weight and flags.

Each row reads the deal's one verdict (`core.sheet.deal_verdict`) and its one
landmine list (`core.sheet.landmines.sheet_landmines`, whose length is the
`landmine_count` the deal list and the sheet show).

- **Weighted amount** = amount x the funnel level's weight x the verdict's weight
  (`review.funnel_weight`, `review.verdict_weight`, shares 0..1), rounded toward
  zero to the cent: it never exceeds the amount.
- **Stalled**: no contact with the deal's account (notes are not contact) for more
  than `review.stalled_days`, counted from the deal's creation when that is later.
- **Out of control**: an SSO indicator without evidence (the blue sheet's rule:
  the verdict is capped at contender for it).
- **Effort on a lost cause**: judged stand-in or out, yet the account was contacted
  within `review.effort_days`.
- **Empty levels**: funnel levels holding no open deal ("full today, starving
  tomorrow", seed 003 part 3).

Sorted by risk: the verdict, worst first (out, stand-in, unknown, contender,
first choice); then more high-severity landmines, more landmines, the soonest
completion date (none last), the larger amount, and the deal id.

Judging a sheet (its verdict and landmines) is most of the pipeline's cost, and a
book's sheets rarely change between two looks. `Judgements` keeps each sheet's
judgement keyed by the sheet itself - every field of the deal and of everything on
its sheet - and the day and settings: a sheet changed in any way is another key,
so a kept judgement can never be a stale one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import FUNNEL_LEVELS, SSO_INDICATORS
from followup_tui.core.review.review_config import ReviewConfig, review_config
from followup_tui.core.sheet.deal_verdict import deal_verdict
from followup_tui.core.sheet.landmines import sheet_landmines
from followup_tui.core.sheet.position import ALL_KINDS, stage_of, verdict
from followup_tui.core.sheet.sheet_records import BlueSheet

# Worst first: what a manager should look at first.
RISK_ORDER = ("out", "stand_in", "unknown", "contender", "first_choice")
LOST_CAUSES = ("stand_in", "out")
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class PipelineDeal:
    """One open deal as the pipeline reads it: its sheet and the account's last contact."""

    sheet: BlueSheet
    last_contact: date | None = None  # the last contact with the account, notes aside


@dataclass(frozen=True, slots=True)
class Judged:
    """What the sheet's rules say of one deal on a day: the verdict and its landmines."""

    verdict: str  # a verdict kind (core.sheet.position.ALL_KINDS)
    landmines: int
    high_landmines: int


def judge(sheet: BlueSheet, today: date, settings: Settings) -> Judged:
    """The deal's one verdict and one landmine list, counted (see the module doc)."""
    deal = sheet.deal
    # The signals' verdict once: the landmines read it, and the deal's verdict caps it.
    # Neither's text: the pipeline counts landmines and shows verdict kinds.
    stage = stage_of(deal.status, deal.funnel)
    signals = verdict(sheet.answers(), stage, settings, explain=False)
    mines = sheet_landmines(sheet, today, settings, signals, explain=False)
    kind = deal_verdict(sheet, today, settings, landmines=mines, signals=signals).kind
    return Judged(kind, len(mines), sum(1 for m in mines if m.severity == "high"))


class Judgements:
    """Sheets judged, kept by the sheet's whole content for the next pipeline read.

    Each read keeps only the sheets it judged, so what is kept is one book's open
    deals at most. Another day or other settings judge every sheet again.
    """

    def __init__(self) -> None:
        # (day, settings, judged by sheet), replaced whole: a reader in another thread
        # never pairs one day's judgements with another.
        self._kept: tuple[date | None, Settings | None, dict[BlueSheet, Judged]] = (
            None,
            None,
            {},
        )

    def of(self, sheets: Iterable[BlueSheet], today: date, settings: Settings) -> list[Judged]:
        """Each sheet's judgement on `today`: kept when the same sheet was judged before."""
        day, kept_for, kept = self._kept
        if day != today or kept_for is not settings:
            kept = {}
        now: dict[BlueSheet, Judged] = {}
        out = []
        for sheet in sheets:
            # A sheet's hash walks all its fields: looked up only when something is kept.
            judged = kept.get(sheet) if kept else None
            if judged is None:
                judged = judge(sheet, today, settings)
            now[sheet] = judged
            out.append(judged)
        self._kept = (today, settings, now)
        return out


@dataclass(frozen=True, slots=True)
class PipelineRow:
    """One open deal on the pipeline."""

    deal_id: int
    account_id: int
    account_name: str
    title: str
    verdict: str  # a verdict kind (core.sheet.position.ALL_KINDS)
    position: int | None
    funnel: str
    amount: Decimal | None
    weight: float  # funnel weight x verdict weight, 0..1
    weighted: Decimal | None
    completion_date: date | None
    landmines: int
    high_landmines: int
    last_review: date | None
    last_contact: date | None
    idle_days: int | None  # days since the last contact (or the deal's creation)
    stalled: bool
    missing_evidence: tuple[str, ...]  # SSO indicators without evidence: out of control
    effort_on_lost: bool

    @property
    def out_of_control(self) -> bool:
        """Whether an SSO indicator lacks evidence."""
        return bool(self.missing_evidence)


@dataclass(frozen=True, slots=True)
class Total:
    """Deals counted and summed under one key (a funnel level or a verdict)."""

    key: str
    count: int
    amount: Decimal
    weighted: Decimal


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The pipeline on a day: rows by risk, totals and flags."""

    today: date
    rows: tuple[PipelineRow, ...]
    by_funnel: tuple[Total, ...]  # FUNNEL_LEVELS order, every level
    by_verdict: tuple[Total, ...]  # RISK_ORDER, every kind
    empty_levels: tuple[str, ...]

    @property
    def stalled(self) -> int:
        """How many deals are stalled."""
        return sum(r.stalled for r in self.rows)

    @property
    def out_of_control(self) -> int:
        """How many deals lack evidence for an SSO indicator."""
        return sum(r.out_of_control for r in self.rows)

    @property
    def effort_on_lost(self) -> int:
        """How many stand-in or out deals still get effort."""
        return sum(r.effort_on_lost for r in self.rows)


def weighted_amount(amount: Decimal | None, weight: float) -> Decimal | None:
    """`amount` x `weight` (0..1), rounded toward zero to the cent: never above the amount."""
    if amount is None:
        return None
    return (amount * Decimal(str(weight))).quantize(CENT, rounding=ROUND_DOWN)


def deal_weight(funnel: str, verdict: str, cfg: ReviewConfig) -> float:
    """The share of a deal's amount the pipeline counts: funnel weight x verdict weight."""
    return cfg.funnel_weight.get(funnel, 0.0) * cfg.verdict_weight.get(verdict, 0.0)


def pipeline_row(
    item: PipelineDeal,
    today: date,
    settings: Settings,
    cfg: ReviewConfig,
    judged: Judged | None = None,
) -> PipelineRow:
    """One deal's row (see the module rules); `judged`: its sheet's `judge`, when known."""
    sheet, deal = item.sheet, item.sheet.deal
    if judged is None:
        judged = judge(sheet, today, settings)
    kind = judged.verdict
    since = [d for d in (item.last_contact, deal.created_at and deal.created_at.date()) if d]
    idle = (today - max(since)).days if since else None
    contacted = None if item.last_contact is None else (today - item.last_contact).days
    weight = deal_weight(deal.funnel, kind, cfg)
    review = sheet.last_review()
    return PipelineRow(
        deal_id=deal.id,
        account_id=deal.account_id,
        account_name=deal.account_name,
        title=deal.title,
        verdict=kind,
        position=deal.position,
        funnel=deal.funnel,
        amount=deal.amount,
        weight=weight,
        weighted=weighted_amount(deal.amount, weight),
        completion_date=deal.completion_date,
        landmines=judged.landmines,
        high_landmines=judged.high_landmines,
        last_review=review.reviewed_on if review else None,
        last_contact=item.last_contact,
        idle_days=idle,
        stalled=idle is not None and idle > cfg.stalled_days,
        missing_evidence=tuple(k for k in SSO_INDICATORS if not deal.evidence(k).strip()),
        effort_on_lost=kind in LOST_CAUSES
        and contacted is not None
        and contacted <= cfg.effort_days,
    )


def risk_key(row: PipelineRow) -> tuple[object, ...]:
    """A row's place on the pipeline: riskiest first (see the module doc)."""
    return (
        RISK_ORDER.index(row.verdict) if row.verdict in RISK_ORDER else len(RISK_ORDER),
        -row.high_landmines,
        -row.landmines,
        row.completion_date is None,
        row.completion_date or date.max,
        -(row.amount or Decimal(0)),
        row.deal_id,
    )


def _totals(rows: Iterable[PipelineRow], keys: Iterable[str], attr: str) -> tuple[Total, ...]:
    """Each key's deals counted and summed, in one pass (each sum in the rows' order)."""
    zero = Decimal(0)
    counts = dict.fromkeys(keys, 0)
    amounts = dict.fromkeys(counts, zero)
    weighted = dict.fromkeys(counts, zero)
    for r in rows:
        key = getattr(r, attr)
        if key in counts:
            counts[key] += 1
            amounts[key] += r.amount or zero
            weighted[key] += r.weighted or zero
    return tuple(Total(k, n, amounts[k], weighted[k]) for k, n in counts.items())


def build_pipeline(
    deals: Iterable[PipelineDeal],
    today: date,
    settings: Settings,
    judgements: Judgements | None = None,
) -> Pipeline:
    """The pipeline of these open deals on `today` (closed deals given are left out).

    `judgements`: sheets judged by an earlier read, kept for the next (see the module doc).
    """
    cfg = review_config(settings)
    items = [d for d in deals if d.sheet.deal.outcome == "open"]
    judged = (
        [judge(d.sheet, today, settings) for d in items]
        if judgements is None  # read once (the command line): nothing to keep
        else judgements.of((d.sheet for d in items), today, settings)
    )
    rows = sorted(
        (pipeline_row(d, today, settings, cfg, j) for d, j in zip(items, judged, strict=True)),
        key=risk_key,
    )
    by_funnel = _totals(rows, FUNNEL_LEVELS, "funnel")
    verdicts = [k for k in RISK_ORDER if k in ALL_KINDS]
    return Pipeline(
        today,
        tuple(rows),
        by_funnel,
        _totals(rows, verdicts, "verdict"),
        tuple(t.key for t in by_funnel if t.count == 0),
    )
