"""A queue row in few words: the short reason by section, and badges for its other sections."""

from __future__ import annotations

import datetime as dt

import pytest

from followup_tui.core.base.records import BestActionRec, FollowUpRec
from followup_tui.core.queue.queue_items import SECTIONS, QueueItem
from followup_tui.core.queue.row_words import badges, short_reason

TODAY = dt.date(2026, 11, 22)


def row(
    section: str,
    *,
    follow_up: int | None = None,
    action: int | None = None,
    was_hot: bool = False,
    also: tuple[str, ...] = (),
) -> QueueItem:
    """A row in `section`; follow_up/action: how many days before TODAY each is due."""
    fu = FollowUpRec(1, 1, TODAY - dt.timedelta(days=follow_up)) if follow_up is not None else None
    ba = (
        BestActionRec(2, 3, "Li", "send it", TODAY - dt.timedelta(days=action))
        if action is not None
        else None
    )
    return QueueItem(
        section, 1, "Acme", None, None, "A", 50.0, "steady", fu, ba, None, 60.0, None,
        lambda: ((), ()), was_hot=was_hot, also=also,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("item", "en", "zh"),
    [
        # The follow-up's lateness comes first, as in the full reasons.
        # The most overdue thing names the row: here the best action.
        (row("overdue", follow_up=3, action=6), "action 6d late", "行动逾期6天"),
        (row("overdue", follow_up=6, action=3), "6d late", "逾期6天"),
        (row("overdue", action=4), "action 4d late", "行动逾期4天"),
        (row("today", follow_up=0, action=2), "action 2d late", "行动逾期2天"),
        (row("today", action=0), "action today", "行动今天到期"),
        (row("no_next_step"), "no next step", "没有下一步"),
        (row("cooling"), "cooling", "正在降温"),
        (row("cooling", was_hot=True), "was hot, cooling", "曾热，降温中"),
        (row("dormant"), "revive", "待唤醒"),
        (row("buying_season"), "buying season", "采购季"),
    ],
)
def test_the_short_reason_says_the_section_in_its_own_terms(
    item: QueueItem, en: str, zh: str
) -> None:
    assert (short_reason(item, TODAY, "en"), short_reason(item, TODAY, "zh")) == (en, zh)


def test_every_section_has_a_short_reason_and_a_badge() -> None:
    for section in SECTIONS:
        item = row(section, follow_up=1, also=tuple(s for s in SECTIONS if s != section))
        assert short_reason(item, TODAY, "zh")
        assert len(badges(item, "en")) == len(badges(item, "zh")) == len(SECTIONS) - 1


def test_badges_follow_the_other_sections_in_either_language() -> None:
    item = row("overdue", follow_up=1, also=("cooling", "buying_season"))
    assert badges(item, "en") == ("cooling", "season")
    assert badges(item, "zh") == ("降温", "采购季")
    assert badges(row("overdue", follow_up=1), "en") == ()


@pytest.mark.parametrize(
    ("language", "tags"), [("en", "  [cooling]  [season]"), ("zh", "  【降温】  【采购季】")]
)
def test_followup_due_shows_the_badges_after_the_reasons(
    tmp_path, language: str, tags: str
) -> None:  # type: ignore[no-untyped-def]
    from followup_tui.core.base.config import load_settings
    from followup_tui.core.queue.due_text import render_queue
    from followup_tui.core.queue.queue_items import DueQueue, QueueRows, QueueSection

    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    settings = load_settings(config)
    item = QueueItem(
        "overdue", 1, "Acme", None, None, "A", 50.0, "steady", None, None, None, 60.0, None,
        lambda: (("overdue by 3 days",), ()), also=("cooling", "buying_season"),
    )  # fmt: skip
    rows = {s: QueueRows(s, [], {}) for s in SECTIONS}
    rows["overdue"] = QueueRows("overdue", [(True, -60.0, "acme", 1)], {(1, "overdue"): item})
    queue = DueQueue(TODAY, tuple(QueueSection(s, s, rows[s]) for s in SECTIONS))
    lines = render_queue(queue, settings).splitlines()
    assert f"      overdue by 3 days{tags}" in lines


# -- `followup due`'s text in a terminal: widths and wrapping ------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from followup_tui.core.base.text import display_width, printable  # noqa: E402
from followup_tui.core.queue.due_text import wrap  # noqa: E402

CLOSING = "，。；：、）」』】》！？"
pieces = st.sampled_from(
    ["上海", "明远", "机电", "（", "）", "；", "，", "6次", "20天前", "B类", "MES", "overdue",
     "by", "3", "days;", "2026-11-14", " ", "  ", "é", "e\u0301", "\u200b"]
)  # fmt: skip


@given(st.lists(pieces, max_size=60), st.integers(min_value=30, max_value=120))
def test_wrapped_reasons_fit_and_keep_every_character(words, columns) -> None:
    text = "      " + "".join(words)
    lines = wrap(text, columns, 6)
    assert "".join("".join(lines).split()) == "".join(text.split())  # nothing lost
    for n, line in enumerate(lines):
        # Too wide only when there was nowhere to break it (one long run of letters).
        assert display_width(line) <= columns or len(wrap(line.strip(), 1, 0)) == 1, line
        if n:
            assert line.startswith("        ")  # a hanging indent
            assert line.strip()[0] not in CLOSING, line  # no line opens on "）" or "；"


def test_widths_count_cells_and_printable_keeps_one_line() -> None:
    assert display_width("Café") == display_width("Cafe\u0301") == 4
    assert display_width("a\u200bb") == 2 and display_width("上海") == 4
    assert printable("a\x1b[31mb\nc\td\r\n") == "a [31mb c d "


@given(
    st.lists(st.integers(0, 100_000), min_size=len(SECTIONS), max_size=len(SECTIONS)),
    st.integers(1, 160),
    st.sampled_from(["en", "zh"]),
)
def test_the_counts_line_fits_and_cuts_no_word_unmarked(
    counts: list[int], width: int, language: str
) -> None:
    from followup_tui.core.base.config import load_settings
    from followup_tui.core.queue.queue_items import QueueRows, QueueSection
    from followup_tui.core.queue.row_words import section_counts

    titles = load_settings(None).data["vocabulary"][language]
    sections = [
        QueueSection(sid, titles[f"queue_section_{sid}"], QueueRows(sid, [()] * n, {}))  # type: ignore[list-item]
        for sid, n in zip(SECTIONS, counts, strict=True)
    ]
    line = section_counts(sections, language, width)
    assert display_width(line) <= width
    if "…" not in line:
        # Whole: every section's count follows its label.
        assert [w for w in line.split() if w.isdigit()] == [str(n) for n in counts]
    assert section_counts(sections, language, None).split("  ")[-1].startswith(sections[-1].title)
