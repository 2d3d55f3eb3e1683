"""A bar chart drawn in terminal cells: grouped, stacked or centred bars, and their legend.

The drawing is `core.review.text_chart` (the handout prints the same grid); this
widget measures with Rich's `cell_len`, so a Chinese label keeps the chart's width,
and colours each series from the theme (`$primary`, `$warning`, ...), so the chart
reads in the light and the dark theme alike. Each series keeps its own mark as well.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from followup_tui.core.review.text_chart import (
    BLANK,
    LABEL,
    LINE_MARKS,
    MARKS,
    VALUE,
    ChartRow,
    Line,
    bar_chart,
    legend,
    line_chart,
)

SERIES = 4  # series with a colour of their own; more repeat them
WIDEST = 120  # wider, bars only get longer: the chart stops growing here
NARROW = 60  # narrower than this (80x24 beside a table), labels may take half the width
TALL, SHORT = 8, 5  # lines of a line chart's plot: wide, and narrower than 100 cells (80x24)


def _number(value: float) -> str:
    return f"{value:,.0f}"


class BarChart(Widget):
    """Bars (or lines) for labelled values in one or more series, a legend above when several."""

    DEFAULT_CSS = """
    BarChart { height: auto; width: 1fr; }
    BarChart > .bar-chart--s0 { color: $primary; }
    BarChart > .bar-chart--s1 { color: $warning; }
    BarChart > .bar-chart--s2 { color: $success; }
    BarChart > .bar-chart--s3 { color: $error; }
    BarChart > .bar-chart--label { color: $text; }
    BarChart > .bar-chart--value { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "bar-chart--s0",
        "bar-chart--s1",
        "bar-chart--s2",
        "bar-chart--s3",
        "bar-chart--label",
        "bar-chart--value",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: tuple[ChartRow, ...] = ()
        self.names: tuple[str, ...] = ()
        self.shape = "grouped"
        self.number: Callable[[float], str] = _number

    def show(
        self,
        rows: Sequence[ChartRow],
        names: Sequence[str] = (),
        *,
        shape: str = "grouped",
        number: Callable[[float], str] = _number,
    ) -> None:
        """Draw these rows; `names` are the series' names for the legend."""
        self.rows, self.names, self.shape, self.number = tuple(rows), tuple(names), shape, number
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Line]:
        """The chart's lines at `width` cells: the legend (several series), then the bars
        (or, shape `lines`, a line per series through its points)."""
        width = min(width, WIDEST)
        marks = LINE_MARKS if self.shape == "lines" else MARKS
        head = (
            legend(self.names, width, width_of=cell_len, marks=marks) if len(self.names) > 1 else []
        )
        if self.shape == "lines":
            height = TALL if width >= 100 else SHORT
            plot = line_chart(self.rows, width, height, number=self.number, width_of=cell_len)
            return head + plot if plot else []
        cap = width // 2 if width < NARROW else width // 3
        bars = bar_chart(
            self.rows, width, shape=self.shape, number=self.number, width_of=cell_len,
            max_label=cap,
        )  # fmt: skip
        return head + bars

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the chart has at this width."""
        return len(self.lines(width))

    def render(self) -> Text:
        """The lines, each part styled by its role."""
        styles: dict[int, Style] = {
            LABEL: self.get_component_rich_style("bar-chart--label", partial=True),
            VALUE: self.get_component_rich_style("bar-chart--value", partial=True),
            BLANK: Style(),
        }
        for n in range(SERIES):
            styles[n] = self.get_component_rich_style(f"bar-chart--s{n}", partial=True)
        out = Text(no_wrap=True, overflow="crop", end="")
        for number, line in enumerate(self.lines(self.size.width)):
            if number:
                out.append("\n")
            for text, role in line:
                out.append(text, styles[role % SERIES if role >= 0 else role])
        return out
