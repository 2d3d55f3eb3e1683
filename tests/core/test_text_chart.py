"""The text chart: every line takes the width asked for, whatever the labels' script."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from followup_tui.core.base.text import display_width
from followup_tui.core.review.text_chart import (
    GAP,
    LABEL,
    ChartRow,
    bar_chart,
    chart_text,
    cut,
    legend,
    line_chart,
    line_text,
    line_width,
)

SHAPES = ("grouped", "stacked", "centred")
# Latin, CJK (two cells each), full-width punctuation and a combining accent.
LABEL_CHARS = st.sampled_from([*"abcXYZ 12-华为技术上海明远机电有限公司，。（）", "e\u0301"])
labels = st.lists(LABEL_CHARS, min_size=0, max_size=30).map("".join)
values = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(labels, st.lists(values, min_size=1, max_size=4)), min_size=1, max_size=8
    ),
    width=st.sampled_from([1, 8, 20, 33, 40, 60, 80, 120, 200]),
    shape=st.sampled_from(SHAPES),
)
def test_every_line_takes_the_width_asked(rows, width, shape) -> None:
    chart = bar_chart([ChartRow(t, tuple(v)) for t, v in rows], width, shape=shape)
    assert chart
    for line in chart:
        assert line_width(line) == width
        assert display_width(line_text(line)) == width


def test_a_chinese_label_keeps_the_bars_in_line() -> None:
    """The bars start in the same cell on every line, Chinese label or not."""
    rows = [ChartRow("华为技术", (100.0,)), ChartRow("Contoso", (50.0,)), ChartRow("宁波", (25.0,))]
    for width in (30, 60, 100):
        lines = [line_text(line) for line in bar_chart(rows, width)]
        starts = [display_width(text[: text.index("█")]) for text in lines]
        assert len(set(starts)) == 1
        assert all(display_width(text) == width for text in lines)


def test_bars_scale_to_the_largest_and_a_small_value_still_shows() -> None:
    rows = [ChartRow("a", (1000.0,)), ChartRow("b", (1.0,)), ChartRow("c", (0.0,))]
    a, b, c = (line_text(line) for line in bar_chart(rows, 40))
    assert a.count("█") == 40 - 1 - 1 - len("1,000") - 1
    assert b.count("█") == 1  # one deal is never drawn empty
    assert c.count("█") == 0


def test_stacked_shares_add_up_to_the_bar() -> None:
    rows = [ChartRow("A", (3.0, 1.0)), ChartRow("B", (2.0, 2.0))]
    lines = bar_chart(rows, 30, shape="stacked")
    for line in lines:
        bar = sum(len(t) for t, role in line if role >= 0)
        assert bar == 30 - 1 - 1 - 1 - 1  # label, space, space, the total "4"
    assert "4" in line_text(lines[0])


def test_a_long_label_is_cut_at_a_whole_character() -> None:
    assert cut("上海明远机电有限公司", 7) == "上海明…"
    assert display_width(cut("上海明远机电有限公司", 6)) <= 6


def test_legend_wraps_and_names_each_series() -> None:
    lines = legend(["Expected", "实际", "Goal"], 16)
    assert all(line_width(line) == 16 for line in lines)
    names = [t.strip() for line in lines for t, role in line if role == LABEL]
    assert names == ["Expected", "实际", "Goal"]


def test_chart_text_is_the_plain_lines() -> None:
    text = chart_text(bar_chart([ChartRow("一月", (5.0, 3.0))], 20))
    assert text.splitlines()[0].startswith("一月")
    assert "█" in text and "▒" in text


points = st.one_of(values, st.just(GAP))


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(labels, st.lists(points, min_size=1, max_size=3)), min_size=1, max_size=12
    ),
    width=st.sampled_from([1, 8, 20, 33, 40, 60, 80, 120, 200]),
    height=st.integers(min_value=1, max_value=10),
)
def test_every_line_of_a_line_chart_takes_the_width_asked(rows, width, height) -> None:
    chart = line_chart([ChartRow(t, tuple(v)) for t, v in rows], width, height)
    for line in chart:
        assert line_width(line) == width
        assert display_width(line_text(line)) == width
    assert chart == [] or len(chart) == height + 2  # the plot, the axis, the labels


def test_line_chart_rises_with_its_values_and_stops_at_a_gap() -> None:
    """Expected (·) and actual (●) from January: the actual stops at a month to come."""
    months = [f"{n}月" for n in range(1, 13)]
    rows = [
        ChartRow(m, (100.0 * (n + 1), 100.0 * (n + 1) if n < 6 else GAP))
        for n, m in enumerate(months)
    ]
    chart = line_chart(rows, 60, 6)
    plot = [line_text(line) for line in chart[:6]]
    assert plot[0].startswith("1,200 ┤") and plot[-1].startswith("    0 ┤")
    # The expected reaches the top line; the actual never gets past the middle.
    assert "·" in plot[0] and "●" not in plot[0] and "●" not in plot[1]
    assert "●" in plot[-1] or "●" in plot[-2]
    labels = line_text(chart[-1])
    # 4-cell labels under points 4 cells apart: every second one, none cut.
    assert labels.split() == ["1月", "3月", "5月", "7月", "9月", "11月"]
    assert display_width(labels) == 60
