"""Review tables printed: text for the terminal, Markdown for a meeting handout (its
charts drawn in text, `core.review.review_charts`), CSV.

Text aligns columns by terminal cells (`core.base.text.display_width`), so Chinese
names keep their columns. CSV holds the tab's main table; a cell a spreadsheet
would read as a formula (starting with = + - @, a tab or a carriage return) is
written with a leading apostrophe, and a cell that is only a number (an amount
like '-1,200.00') is kept as it is so it still sums.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from followup_tui.core.base.text import display_width, printable
from followup_tui.core.review.review_charts import Chart, chart_lines
from followup_tui.core.review.review_tables import Table
from followup_tui.core.review.text_chart import chart_text
from followup_tui.core.transfer.sheet_cells import neutralised

_NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?%?$")


def safe_cell(text: str) -> str:
    """A CSV cell a spreadsheet opens as text, never as a formula (see the module doc)."""
    # The export's one guard (`sheet_cells.neutralised`), but a cell here is text already:
    # a formatted number keeps its sign so it still sums, and a lone '-' (no value) is
    # text to a spreadsheet too.
    if text == "-" or _NUMBER.match(text):
        return text
    return neutralised(text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def table_text(table: Table) -> list[str]:
    """A table as aligned lines: its title, the header, a rule, the rows."""
    cells = [tuple(printable(c) for c in row) for row in (table.headers, *table.rows)]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(table.headers))]
    lines = [table.title]
    for n, row in enumerate(cells):
        line = "  ".join(_pad(c, widths[i], i in table.right) for i, c in enumerate(row))
        lines.append(line.rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    if not table.rows:
        lines.pop()
    return lines


def text_report(title: str, tables: Iterable[Table]) -> str:
    """A whole tab as text."""
    out = [title, "=" * display_width(title)]
    for t in tables:
        out.append("")
        out.extend(table_text(t))
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return printable(text).replace("\\", "\\\\").replace("|", "\\|") or " "


def _md_chart(chart: Chart) -> list[str]:
    """A chart as text in a fenced block ('' when too narrow to draw: the table says it)."""
    lines = chart_lines(chart)
    return ["```text", chart_text(lines), "```", ""] if lines else []


def markdown_report(title: str, tables: Iterable[Table], charts: Sequence[Chart] = ()) -> str:
    """A whole tab as Markdown: a heading per table, its chart drawn in text above its
    numbers (numbers right-aligned); a chart with no table of its title under its own."""
    out = [f"# {_md_cell(title)}"]
    tables = list(tables)
    titles = {t.title for t in tables}
    for c in charts:
        if c.title not in titles:
            out += ["", f"## {_md_cell(c.title)}", "", *_md_chart(c)]
    for t in tables:
        out += ["", f"## {_md_cell(t.title)}", ""]
        for c in charts:
            if c.title == t.title:
                out += _md_chart(c)
        out.append("| " + " | ".join(_md_cell(h) for h in t.headers) + " |")
        out.append(
            "|" + "|".join("---:" if i in t.right else "---" for i in range(len(t.headers))) + "|"
        )
        out.extend("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in t.rows)
    return "\n".join(out) + "\n"


def csv_report(table: Table) -> str:
    """One table as CSV, every cell safe for a spreadsheet."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in table.headers])
    writer.writerows([safe_cell(c) for c in row] for row in table.rows)
    return buf.getvalue()
