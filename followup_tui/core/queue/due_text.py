"""The due queue as plain text for `followup due`, aligned for CJK names, in the set language."""

from __future__ import annotations

from collections.abc import Iterator

from followup_tui.core.base.config import Settings
from followup_tui.core.base.text import display_width
from followup_tui.core.queue.queue_items import DueQueue, QueueItem, first_rows
from followup_tui.core.queue.queue_words import say
from followup_tui.core.queue.row_words import badges

NAME_WIDTH = 24
TREND_MARKS = {"rising": "↑", "falling": "↓", "steady": "→"}
PURPOSE_WIDTH = 38


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


def _row(item: QueueItem, settings: Settings) -> list[str]:
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
    call = word("outside_hours") if item.callable_now is False else ""
    head = (
        f"  {fit(item.account_name, NAME_WIDTH)} {item.quadrant or '-'}  "
        f"{item.heat:3.0f}{TREND_MARKS.get(item.heat_trend, ' ')}  "
        f"{fit(purpose, PURPOSE_WIDTH)} {last}{call}"
    )
    lines = [head.rstrip()]
    who = word("who_says").format(who=item.contact_name) if item.contact_name else ""
    # The other sections the account is in, after its reasons: "[cooling]", "【降温】".
    tags = "".join(
        "  " + say(settings.language, "badge_tag", badge=b) for b in badges(item, settings.language)
    )
    lines.append(f"      {who}{word('list_sep').join(item.reasons)}{tags}")
    return lines


def queue_lines(queue: DueQueue, settings: Settings, limit: int | None) -> Iterator[str]:
    """The text of `followup due`, a line at a time: every section's count, then each
    section's first `limit` rows (all when None) and why each is there."""
    if limit is not None:
        first_rows(queue, limit)
    counts = "  ".join(f"{s.title} {len(s.items)}" for s in queue.sections)
    yield f"{settings.word('due_for').format(day=queue.today.isoformat())}  {counts}"
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
            yield from _row(item, settings)
        left = len(section.items) - (len(section.items) if limit is None else limit)
        if left > 0:
            yield settings.word("due_more").format(n=left)
        if n < len(shown) - 1:
            yield ""


def render_queue(queue: DueQueue, settings: Settings, limit: int | None = None) -> str:
    """The whole text of `followup due` (see `queue_lines`)."""
    return "".join(line + "\n" for line in queue_lines(queue, settings, limit))
