"""One review tab read for the screen: the same reads and tables as `followup review`.

Called from a worker thread (on its own connection) for the slow tabs: nothing
here touches a widget. The result carries the core review and its tables, so the
screen only draws.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_tui.core.base.config import Settings
from followup_tui.core.review.periods import Period
from followup_tui.core.review.review_view import as_of

if TYPE_CHECKING:
    from followup_tui.core.review.review_tables import Table


@dataclass(frozen=True)
class TabData:
    """A tab's review as read: its period, the day judged, the core result, its tables."""

    tab: str
    period: Period
    day: dt.date  # the day it is judged on
    result: object  # BoardReview, Pipeline, Health, YearEnd, HeatReview or ActivityReview
    tables: tuple[Table, ...]

    @property
    def key(self) -> tuple[str, str, dt.date]:
        """What the screen keeps it under."""
        return (self.tab, self.period.label, self.day)


def load_tab(tab: str, period: Period, today: dt.date, settings: Settings) -> TabData:
    """Read and judge one tab (see `cli.review.render`: the same calls)."""
    # Imported here: key 4 draws the board, which needs neither the sheets' reads (and
    # Peewee's models with them) nor the other tabs' rules.
    day = as_of(period, today)
    result: object
    if tab == "board":
        from followup_tui.db.action_plans import board_review

        return TabData(tab, period, day, board_review(period.start.year, day, settings), ())
    if tab == "team":  # a manager's, on a team's server (#19)
        from followup_tui.core.review.team_tables import team_tables
        from followup_tui.db.review_team import team_tab

        team = team_tab(period, today, settings)
        return TabData(tab, period, day, team, tuple(team_tables(team, settings)))
    from followup_tui.core.review import review_tables as rt
    from followup_tui.db import review_reads as rr

    if tab == "pipeline":
        p = rr.pipeline_review(day, settings)
        result, tables = p, rt.pipeline_tables(p, settings)
    elif tab == "health":
        h = rr.health_review(period, day, settings)
        result, tables = h, rt.health_tables(h, settings)
    elif tab == "year-end":
        y = rr.year_end_review(period.start.year, settings)
        result, tables = y, rt.year_end_tables(y, settings)
    elif tab == "heat":
        heat = rr.heat_tab(day, settings)
        result, tables = heat, rt.heat_tables(heat, settings)
    else:
        a = rr.activity_tab(period, today)
        result, tables = a, rt.activity_tables(a, settings)
    return TabData(tab, period, day, result, tuple(tables))
