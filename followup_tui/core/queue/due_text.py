"""The due queue as plain text for `followup due`, aligned for CJK names, in the set language."""

from __future__ import annotations

from collections.abc import Iterator

from followup_tui.core.base.config import Settings
from followup_tui.core.base.text import display_width, printable
from followup_tui.core.base.wrap import wrap_lines
from followup_tui.core.queue.queue_items import DueQueue, QueueItem, first_rows
from followup_tui.core.queue.queue_words import say
from followup_tui.core.queue.row_words import badges

NAME_WIDTH = 24
TREND_MARKS = {"rising": "↑", "falling": "↓", "steady": "→"}
PURPOSE_WIDTH = 38
MIN_PURPOSE_WIDTH = 12
NARROW_NAME_WIDTH = 20  # in a terminal under 100 columns
LAST_WIDTH = 23  # "134d ago, No answer", "11d ago, Meeting booked", "27天前，未接通"


def fit(text: str, width: int) -> str:
    """Cut or pad to exactly `width` terminal cells (wide characters count two)."""
    total = display_width(text)
    if total <= width:
        return text + " " * (width - total)
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:  # a cell kept for the ellipsis
            break
        out.append(ch)
        used += w
    return "".join(out) + "…" + " " * (width - used - 1)


def wrap(text: str, columns: int, indent: int) -> list[str]:
    """`text` (already indented by `indent` spaces) in lines of at most `columns` cells,
    broken between words or between wide characters by the one set of Chinese and
    English line-breaking rules (`core.base.wrap`), each further line indented two more."""
    if display_width(text) <= columns:
        return [text]
    lines = wrap_lines(text[indent:], columns, " " * indent, " " * (indent + 2))
    return [line.rstrip() for line in lines]


def _joined(parts: list[str], columns: int | None) -> Iterator[str]:
    """Parts two spaces apart, on as many lines of `columns` cells as they need."""
    line = parts[0]
    for part in parts[1:]:
        if columns is not None and display_width(line) + 2 + display_width(part) > columns:
            yield line
            line = "  " + part
        else:
            line += "  " + part
    yield line


def widths(columns: int | None) -> tuple[int, int]:
    """(name, purpose) column cells in a terminal of `columns` (None: not a terminal):
    below 100 columns the name narrows, and the purpose takes what the row leaves."""
    if columns is None:
        return NAME_WIDTH, PURPOSE_WIDTH
    name = NAME_WIDTH if columns >= 100 else NARROW_NAME_WIDTH
    fixed = 2 + name + 1 + 1 + 2 + 4 + 2 + 1  # indent, name, class, heat and the gaps
    return name, max(MIN_PURPOSE_WIDTH, min(PURPOSE_WIDTH, columns - fixed - LAST_WIDTH))


def _row(item: QueueItem, settings: Settings, columns: int | None = None) -> list[str]:
    word = settings.word
    purpose = ""
    if item.follow_up is not None:
        purpose = item.follow_up.purpose
    elif item.best_action is not None:
        # As the app shows it: the language's colon ('我：...' in Chinese), none without a who.
        action = item.best_action
        purpose = (word("who_says").format(who=action.who) if action.who else "") + action.what
    last = word("never")
    if item.last_contact is not None:
        lc = item.last_contact
        outcome = settings.label("outcomes", lc.outcome) if lc.outcome else "-"
        last = word("ago_text").format(n=lc.days_ago, outcome=outcome)
    name_cells, purpose_cells = widths(columns)
    head = (
        f"  {fit(printable(item.account_name), name_cells)} {item.quadrant or '-'}  "
        f"{item.heat:3.0f}{TREND_MARKS.get(item.heat_trend, ' ')}  "
        f"{fit(printable(purpose), purpose_cells)} {last}"
    ).rstrip()
    if columns is not None and display_width(head) > columns:
        head = fit(head, columns).rstrip()  # a terminal narrower than any layout
    who = word("who_says").format(who=item.contact_name) if item.contact_name else ""
    # Outside the calling window, then the other sections the account is in:
    # "[cooling]", "【降温】".
    call = word("outside_hours") if item.callable_now is False else ""
    tags = "".join(
        "  " + say(settings.language, "badge_tag", badge=b) for b in badges(item, settings.language)
    )
    why = printable(f"      {who}{word('list_sep').join(item.reasons)}{call}{tags}")
    return [head, *([why] if columns is None else wrap(why, columns, 6))]


# Rows per section a listing gives when not told (`followup due` without --limit).
DEFAULT_ROWS = 5


def screenful(lines: int, columns: int, sections: int) -> int:
    """Rows per section that keep a listing of `sections` sections about one terminal
    screen of `lines` (at least one row each, at most DEFAULT_ROWS)."""
    if sections == 0:
        return DEFAULT_ROWS
    per_row = 2 if columns >= 100 else 3  # a row and its reasons, which wrap when narrow
    room = lines - 3 - 3 * sections  # the counts, then a heading, a "more" and a gap each
    return max(1, min(DEFAULT_ROWS, room // (sections * per_row)))


def queue_lines(
    queue: DueQueue, settings: Settings, limit: int | None, columns: int | None = None
) -> Iterator[str]:
    """The text of `followup due`, a line at a time: every section's count, then each
    section's first `limit` rows (all when None) and why each is there. In a terminal
    of `columns` cells the purpose column narrows so that a row's columns fit it."""
    if limit is not None:
        first_rows(queue, limit)
    parts = [settings.word("due_for").format(day=queue.today.isoformat())]
    parts += [f"{s.title} {len(s.items)}" for s in queue.sections]
    yield from _joined(parts, columns)
    if not any(s.items for s in queue.sections):
        yield ""
        yield settings.word("nothing_due")
        return
    if limit == 0:
        return  # the counts alone
    yield ""
    shown = [s for s in queue.sections if s.items]
    for n, section in enumerate(shown):
        yield settings.word("queue_heading").format(title=section.title, n=len(section.items))
        for item in section.items.stream(limit):
            yield from _row(item, settings, columns)
        left = len(section.items) - (len(section.items) if limit is None else limit)
        if left > 0:
            yield settings.word("due_more").format(n=left)
        if n < len(shown) - 1:
            yield ""


def render_queue(queue: DueQueue, settings: Settings, limit: int | None = None) -> str:
    """The whole text of `followup due` (see `queue_lines`)."""
    return "".join(line + "\n" for line in queue_lines(queue, settings, limit))
