"""The team view as a table of text cells: what `followup review team` prints and the
review screen's Team tab draws. A row per rep, sorted by rep, then the team's row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import TIERS
from followup_tui.core.review.board_tables import PLAN_WORDS
from followup_tui.core.review.pipeline import RISK_ORDER
from followup_tui.core.review.review_tables import Table, money, percent, rev_words
from followup_tui.core.review.team_view import RepFigures, TeamReview
from followup_tui.core.sheet.position import kind_label

# The columns, by what the screen keeps when narrow: rep, board, status, deals,
# weighted, contacts, reach and late first.
REP, BOARD, EMPTY, EXPECTED, ACTUAL, STATUS, DEALS, AMOUNT, WEIGHTED = range(9)
VERDICTS = tuple(range(9, 9 + len(RISK_ORDER)))
STALLED, OUT_OF_CONTROL, CONTACTS, REACH, ON_TIME, LATE, MISSED = range(
    9 + len(RISK_ORDER), 16 + len(RISK_ORDER)
)


def rep_name(rep: str | None, settings: Settings) -> str:
    """A rep's login; the team's row and a file's own rep ('') in words."""
    w = rev_words(settings)
    if rep is None:
        return w["team_total"]
    return rep or w["team_no_rep"]


def board_cell(f: RepFigures) -> str:
    """Accounts per tier: '5+5+3'."""
    return "+".join(str(n) for n in f.tier_counts)


def team_row(f: RepFigures, settings: Settings) -> tuple[str, ...]:
    """One rep's (or the team's) cells."""
    w = rev_words(settings)
    return (
        rep_name(f.rep, settings),
        board_cell(f),
        str(f.empty_slots),
        money(f.expected),
        money(f.actual),
        w[PLAN_WORDS[f.status]],
        str(f.deals),
        money(f.amount),
        money(f.weighted),
        *(str(n) for n in f.verdicts),
        str(f.stalled),
        str(f.out_of_control),
        str(f.contacts),
        percent(f.reach_rate),
        str(f.on_time),
        str(f.late),
        str(f.missed),
    )


def team_tables(team: TeamReview, settings: Settings) -> list[Table]:
    """The reps side by side, then the team's row (one table)."""
    w = rev_words(settings)
    headers = (
        w["col_rep"],
        w["col_board"],
        w["col_empty"],
        w["col_cum_expected"],
        w["col_cum_actual"],
        w["col_status"],
        w["col_deals"],
        w["col_amount"],
        w["col_weighted"],
        *(kind_label(k, settings) for k in RISK_ORDER),
        w["flag_stalled_n"],
        w["flag_out_of_control"],
        w["contacts"],
        w["reach_rate"],
        w["col_on_time"],
        w["col_late"],
        w["col_missed"],
    )
    rows = tuple(team_row(r.figures, settings) for r in team.reps)
    right = frozenset(range(len(headers))) - {REP, BOARD, STATUS}
    return [
        Table(
            w["t_team"].format(slots=team.slots),
            headers,
            (*rows, team_row(team.total, settings)) if rows else (),
            right,
        )
    ]


def _money(value: Decimal | None) -> str | None:
    """An amount as `review --format json` gives it: a string with two decimals."""
    return None if value is None else f"{value:.2f}"


def figures_json(f: RepFigures) -> dict[str, Any]:
    """One rep's (or the team's) figures, with stable English ids."""
    return {
        "rep": f.rep,
        "board": {
            "tiers": dict(zip(TIERS, f.tier_counts, strict=True)),
            "empty_slots": f.empty_slots,
            "over_by": f.over_by,
            "expected_to_date": _money(f.expected),
            "actual": _money(f.actual),
            "status": f.status,
        },
        "pipeline": {
            "open_deals": f.deals,
            "amount": _money(f.amount),
            "weighted": _money(f.weighted),
            "by_verdict": dict(zip(RISK_ORDER, f.verdicts, strict=True)),
            "stalled": f.stalled,
            "out_of_control": f.out_of_control,
            "effort_on_lost": f.effort_on_lost,
        },
        "activity": {
            "contacts": f.contacts,
            "reached": f.reached,
            "reach_rate": round(f.reach_rate, 4),
            "on_time": f.on_time,
            "late": f.late,
            "missed": f.missed,
            "notes": f.notes,
        },
    }


def team_json(team: TeamReview) -> dict[str, Any]:
    """Every rep's figures, sorted by rep, and the team's (`followup review team`)."""
    return {
        "reps": [figures_json(r.figures) for r in team.reps],
        "total": figures_json(team.total),
    }
