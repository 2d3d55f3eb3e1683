"""How one queue row is drawn: what its cells say."""

from __future__ import annotations

from conftest import TODAY

from followup_tui.queue_items import QueueItem
from followup_tui.records import BestActionRec
from followup_tui.widgets.queue_rows import render_line


def row(action: BestActionRec) -> QueueItem:
    return QueueItem(
        "overdue", 1, "Acme", None, None, "A", 50.0, "steady", None, action, None, 60.0, None,
        lambda: (("best action overdue",), ()),
    )  # fmt: skip


def test_a_best_action_row_names_who_only_when_there_is_a_who(settings) -> None:
    items = [row(BestActionRec(1, 1, who, "send the ROI sheet", TODAY)) for who in ("Li", "")]
    cells = [render_line(0, ("item", (items, n)), settings)[1] for n in range(2)]
    assert [str(c[4]) for c in cells] == ["Li: send the ROI sheet", "send the ROI sheet"]
