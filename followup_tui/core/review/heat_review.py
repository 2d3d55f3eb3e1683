"""Heat across the book: its distribution by class, and the accounts whose heat fell most.

Each account's heat is replayed by `core.accounts.heat.scan_heat`, the queue's own
replay: `now` is heat today, `before` heat `review.heat_fall_days` (30) days ago -
either from one replay whose trend reaches back that far (`heat_rows`), or from two
replays each ending on its day (`heat_on`, `rows_between`), each of which the
stored heat lets start at the account's last contact before it. The distribution
counts accounts in bands of 20 (0-19 .. 80-100) per class, an unjudged account under
class C as heat treats it; "cold" counts those below their class's threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from followup_tui.core.accounts.heat import heat_model, scan_heat
from followup_tui.core.accounts.heat_anchor import HeatAnchor
from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import CLASSES
from followup_tui.core.base.records import ActivityRec, effective_class
from followup_tui.core.review.review_config import review_config

BANDS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 101))  # [low, high)


def band_label(band: tuple[int, int]) -> str:
    """'0-19' .. '80-100'."""
    return f"{band[0]}-{min(band[1], 101) - 1}"


@dataclass(frozen=True, slots=True)
class HeatInput:
    """One live account's history as the replay reads it."""

    account_id: int
    name: str
    quadrant: str | None
    activities: Sequence[ActivityRec] = ()  # contacts in replay order (notes left out)
    anchor: HeatAnchor | None = None
    seed: float | None = None  # heat after activities[0] (see scan_heat)


@dataclass(frozen=True, slots=True)
class HeatRow:
    """An account's heat today and `heat_fall_days` ago."""

    account_id: int
    name: str
    klass: str
    now: float
    before: float

    @property
    def fall(self) -> float:
        """How much heat it lost (negative: it gained)."""
        return self.before - self.now


@dataclass(frozen=True, slots=True)
class HeatReview:
    """The heat tab: bands by class, cold counts, and the biggest falls."""

    today: date
    days: int  # how far back `fell` looks
    bands: tuple[tuple[str, tuple[int, ...]], ...]  # class -> count per band
    cold: tuple[tuple[str, int], ...]  # class -> accounts below its threshold
    fell: tuple[HeatRow, ...]  # biggest fall first, at most `heat_fall_rows`


def heat_rows(inputs: Iterable[HeatInput], today: date, settings: Settings) -> list[HeatRow]:
    """Each account's heat now and `review.heat_fall_days` ago."""
    days = review_config(settings).heat_fall_days
    models = {k: heat_model(settings, k) for k in CLASSES}
    out = []
    for i in inputs:
        klass = effective_class(i.quadrant)
        facts = scan_heat(
            i.activities,
            today,
            models[klass],
            trend_days=days,
            window_days=settings.heat.was_hot_days,
            seed=i.seed if i.activities else None,
            anchor=i.anchor,
        )
        out.append(HeatRow(i.account_id, i.name, klass, facts.value, facts.before))
    return out


def heat_on(inputs: Iterable[HeatInput], day: date, settings: Settings) -> dict[int, float]:
    """Each account's heat at the end of `day` (activities after it ignored)."""
    models = {k: heat_model(settings, k) for k in CLASSES}
    return {
        i.account_id: scan_heat(
            i.activities,
            day,
            models[effective_class(i.quadrant)],
            trend_days=0,
            window_days=0,
            seed=i.seed if i.activities else None,
            anchor=i.anchor,
        ).value
        for i in inputs
    }


def rows_between(
    now: Iterable[HeatInput], before: Mapping[int, float], today: date, settings: Settings
) -> list[HeatRow]:
    """Rows from heat today (replayed from `now`) and `review.heat_fall_days` ago (`before`,
    by account; an account missing there had its class's starting heat)."""
    items = list(now)
    values = heat_on(items, today, settings)
    starts = {k: heat_model(settings, k).start for k in CLASSES}
    rows = []
    for i in items:
        klass = effective_class(i.quadrant)
        then = before.get(i.account_id, starts[klass])
        rows.append(HeatRow(i.account_id, i.name, klass, values[i.account_id], then))
    return rows


def heat_review(rows: Iterable[HeatRow], today: date, settings: Settings) -> HeatReview:
    """The distribution and the biggest falls of these rows."""
    cfg = review_config(settings)
    items = list(rows)
    counts: Mapping[str, list[int]] = {k: [0] * len(BANDS) for k in CLASSES}
    cold = dict.fromkeys(CLASSES, 0)
    for r in items:
        for n, (low, high) in enumerate(BANDS):
            if low <= r.now < high:
                counts[r.klass][n] += 1
        if r.now < settings.heat.threshold[r.klass]:
            cold[r.klass] += 1
    fell = sorted((r for r in items if r.fall > 0), key=lambda r: (-r.fall, r.name, r.account_id))
    return HeatReview(
        today,
        cfg.heat_fall_days,
        tuple((k, tuple(v)) for k, v in counts.items()),
        tuple(cold.items()),
        tuple(fell[: cfg.heat_fall_rows]),
    )
