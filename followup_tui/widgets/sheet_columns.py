"""Column widths for the sheet's tables: fitted to the terminal, cut with an ellipsis.

Narrow columns (a role, a date, an answer) get what their longest cell needs; the
text columns share the rest by weight, none wider than its longest cell, so a wide
terminal shows whole landmines and a narrow one keeps every column, the widest cut
first when even the narrow ones do not fit.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from followup_tui.widgets.cells import truncate_cell
from followup_tui.widgets.fit_table import fit_widths as give_way

NARROWEST = 6  # a text column never goes below this many cells


def fit_widths(room: int, natural: Sequence[int], weights: Sequence[int]) -> list[int]:
    """Each column's width: its natural one if fixed (weight 0), else a share of what is left.

    A text column needing less than its share keeps only what it needs and leaves the
    rest to the others; what no column needs stays unused.
    """
    widths = [n if w == 0 else 0 for n, w in zip(natural, weights, strict=True)]
    left = room - sum(widths)
    open_ = [i for i, w in enumerate(weights) if w > 0]
    while open_:
        parts = sum(weights[i] for i in open_)
        share = {i: max(NARROWEST, left * weights[i] // parts) for i in open_}
        settled = [i for i in open_ if natural[i] <= share[i]]
        if not settled:
            for i in open_:
                widths[i] = share[i]
            break
        for i in settled:
            widths[i] = natural[i]
            left -= natural[i]
            open_.remove(i)
    if sum(widths) <= room:
        return widths
    # Too narrow for the fixed columns whole (80 columns, Chinese with ages): from their
    # natural widths the widest give way, cut with an ellipsis, rather than the table
    # scrolling past the screen's edge; the first two columns, which say what the row
    # is (a person and their role, a landmine and its kind), give way last.
    return give_way(natural, room, floor=NARROWEST, keep=(0, 1))


def cut(cell: Text | str, width: int) -> Text:
    """A cell on one line cut to `width` cells, ending in an ellipsis when cut."""
    text = Text(cell) if isinstance(cell, str) else cell.copy()
    truncate_cell(text, width)
    return text
