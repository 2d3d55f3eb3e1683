"""How one queue row is drawn: what its cells say."""

from __future__ import annotations

from followup_tui.core.base.records import BestActionRec
from followup_tui.core.queue.queue_items import QueueItem
from followup_tui.core.queue.queue_lines import loaded
from followup_tui.widgets.queue_rows import render_loaded
from tests.support import TODAY


def row(action: BestActionRec) -> QueueItem:
    return QueueItem(
        "overdue", 1, "Acme", None, None, "A", 50.0, "steady", None, action, None, 60.0, None,
        lambda: (("best action overdue",), ()),
    )  # fmt: skip


def test_a_best_action_row_names_who_only_when_there_is_a_who(settings) -> None:
    items = [row(BestActionRec(1, 1, who, "send the ROI sheet", TODAY)) for who in ("Li", "")]
    cells = [render_loaded(0, loaded(("item", (items, n))), settings)[1] for n in range(2)]
    assert [str(c[4]) for c in cells] == ["Li: send the ROI sheet", "send the ROI sheet"]


def test_the_moon_stays_when_a_long_name_is_cut(settings) -> None:
    from rich.cells import cell_len

    from followup_tui.widgets.queue_rows import ACCOUNT_WIDTH

    long = QueueItem(
        "overdue", 1, "东莞福宇制药科技有限公司华南分公司", None, None, "A", 50.0, "steady",
        None, None, None, 60.0, False, lambda: ((), ()),
    )  # fmt: skip
    name = render_loaded(0, loaded(("item", ([long], 0))), settings)[1][0]
    assert str(name).endswith("… ☾") and cell_len(str(name)) <= ACCOUNT_WIDTH


def test_a_contact_made_today_reads_today(settings) -> None:
    from followup_tui.core.queue.queue_items import LastContact

    def last(days_ago: int) -> str:
        contact = LastContact(TODAY, days_ago, "call", "reached", "", None)
        item = QueueItem(
            "cooling", 1, "Acme", None, None, "A", 50.0, "steady", None, None, contact, 60.0,
            None, lambda: ((), ()),
        )  # fmt: skip
        return str(render_loaded(0, loaded(("item", ([item], 0))), settings)[1][5])

    assert (last(0), last(3)) == ("today · Reached", "3d ago · Reached")
