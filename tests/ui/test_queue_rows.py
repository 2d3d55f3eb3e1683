"""How one queue row is drawn: what its cells say."""

from __future__ import annotations

from followup_tui.core.base.records import BestActionRec
from followup_tui.core.queue.queue_items import QueueItem
from followup_tui.core.queue.queue_lines import loaded
from followup_tui.widgets.queue_rows import render_loaded
from tests.support import TODAY
from tests.ui.test_zh_ui import zh  # noqa: F401 (a fixture)


def row(action: BestActionRec) -> QueueItem:
    return QueueItem(
        "overdue", 1, "Acme", None, None, "A", 50.0, "steady", None, action, None, 60.0, None,
        lambda: (("best action overdue",), ()),
    )  # fmt: skip


def test_a_best_action_row_names_who_only_when_there_is_a_who(settings) -> None:
    items = [row(BestActionRec(1, 1, who, "send the ROI sheet", TODAY)) for who in ("Li", "")]
    cells = [render_loaded(0, loaded(("item", (items, n))), settings, TODAY)[1] for n in range(2)]
    assert [str(c[4]) for c in cells] == ["Li: send the ROI sheet", "send the ROI sheet"]


def test_the_moon_stays_when_a_long_name_is_cut(settings) -> None:
    from rich.cells import cell_len

    from followup_tui.widgets.queue_rows import ACCOUNT_WIDTH

    long = QueueItem(
        "overdue", 1, "东莞福宇制药科技有限公司华南分公司", None, None, "A", 50.0, "steady",
        None, None, None, 60.0, False, lambda: ((), ()),
    )  # fmt: skip
    name = render_loaded(0, loaded(("item", ([long], 0))), settings, TODAY)[1][0]
    assert str(name).endswith("… ☾") and cell_len(str(name)) <= ACCOUNT_WIDTH


def test_a_contact_made_today_reads_today(settings) -> None:
    from followup_tui.core.queue.queue_items import LastContact

    def last(days_ago: int) -> str:
        contact = LastContact(TODAY, days_ago, "call", "reached", "", None)
        item = QueueItem(
            "cooling", 1, "Acme", None, None, "A", 50.0, "steady", None, None, contact, 60.0,
            None, lambda: ((), ()),
        )  # fmt: skip
        return str(render_loaded(0, loaded(("item", ([item], 0))), settings, TODAY)[1][5])

    assert (last(0), last(3)) == ("today · Reached", "3d ago · Reached")


def why_cell(item: QueueItem, settings):  # type: ignore[no-untyped-def]
    from followup_tui.widgets.queue_rows import WhyCell

    cell = render_loaded(0, loaded(("item", ([item], 0))), settings, TODAY)[1][6]
    assert isinstance(cell, WhyCell)
    return cell


def late_row(also: tuple[str, ...], reason: str) -> QueueItem:
    import datetime as dt

    from followup_tui.core.base.records import FollowUpRec

    follow_up = FollowUpRec(1, 1, TODAY - dt.timedelta(days=3), "send the quote")
    return QueueItem(
        "overdue", 1, "Acme", None, None, "A", 50.0, "steady", follow_up, None, None, 60.0,
        None, lambda: ((reason, "heat 50, will be below 50 in 1 day"), ()), also=also,
    )  # fmt: skip


def test_a_narrow_why_column_says_the_short_reason_and_the_badges(settings, zh) -> None:  # noqa: F811
    reason = "overdue by 3 days; best action overdue by 6 days: 教练: 确认最终签字人"
    item = late_row(("cooling", "buying_season"), reason)
    assert why_cell(item, settings).at(24).plain == "3d late  cooling   season "
    assert why_cell(item, zh).at(24).plain == "逾期3天  降温   采购季 "
    # Wide: the full reasons, cut to leave the badges their room at the end.
    wide = why_cell(item, settings).at(60)
    assert wide.plain.startswith("overdue by 3 days; best action overdue b")
    assert wide.plain.endswith("…  cooling   season ") and wide.cell_len <= 60
    # Whatever fits whole is said whole, badges or not.
    plain = late_row((), "overdue by 3 days")
    assert why_cell(plain, settings).at(200).plain.startswith("overdue by 3 days; heat 50")


def test_cjk_reasons_are_cut_by_cells_not_characters(zh) -> None:  # noqa: F811
    from rich.cells import cell_len

    reason = "逾期3天；最佳行动逾期6天：教练：确认最终签字人（产线改造 MES 授权扩容）"
    item = late_row(("cooling",), reason)
    badge = cell_len("  降温 ")
    assert why_cell(item, zh).at(40 + badge - 1).plain == "逾期3天  降温 "
    for width in range(40 + badge, 90):
        text = why_cell(item, zh).at(width)
        assert text.cell_len <= width and text.plain.endswith(" 降温 "), (width, text.plain)
        cut = text.plain[: -len("  降温 ")]
        assert cut.endswith("…") and cell_len(cut) >= width - badge - 1, "a wide char short at most"
