"""Heat anchors: read from their two columns, and set only where history does not give the heat."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.accounts.heat_anchor import KEPT_TOLERANCE, anchor_of, anchor_to_keep

DAY = dt.date(2026, 11, 22)
heats = st.floats(min_value=0, max_value=100, allow_nan=False)


def test_an_anchor_needs_both_its_day_and_its_value() -> None:
    assert anchor_of(DAY, 55) == (DAY, 55.0)
    assert anchor_of(DAY, 0.0) == (DAY, 0.0)  # a cold account is an anchor too
    assert anchor_of(None, 55.0) is None
    assert anchor_of(DAY, None) is None


@given(kept=heats, replayed=heats)
def test_an_anchor_keeps_exactly_the_documents_heat_where_history_differs(
    kept: float, replayed: float
) -> None:
    anchor = anchor_to_keep(kept, replayed, DAY)
    if abs(kept - replayed) < KEPT_TOLERANCE:
        assert anchor is None  # the history already gives it: nothing to freeze
    else:
        assert anchor == (DAY, kept)


@given(replayed=heats)
def test_an_exported_heat_round_trips_without_an_anchor(replayed: float) -> None:
    """An export writes heat to four places; read back, the history still gives it."""
    assert anchor_to_keep(round(replayed, 4), replayed, DAY) is None
