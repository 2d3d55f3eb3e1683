"""The due queue as plain text for `followup due`, aligned for CJK names, in the set language."""

from __future__ import annotations

from followup_tui.core.base.config import Settings
from followup_tui.core.base.text import display_width
from followup_tui.core.queue.queue_items import DueQueue, QueueItem
from followup_tui.core.queue.queue_words import say
from followup_tui.core.queue.row_words import badges

NAME_WIDTH = 24
TREND_MARKS = {"rising": "↑", "falling": "↓", "steady": "→"}
PURPOSE_WIDTH = 38


def fit(text: str, width: int) -> str:
    """Cut or pad to exactly `width` terminal cells (wide characters count two)."""
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - (1 if display_width(text) > width else 0):
            break
        out.append(ch)
        used += w
    if display_width(text) > width:
        out.append("…")
        used += 1
    return "".join(out) + " " * (width - used)


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


def render_queue(queue: DueQueue, settings: Settings) -> str:
    """Sections with counts, then each row and why it is there."""
    counts = "  ".join(f"{s.title} {len(s.items)}" for s in queue.sections)
    lines = [f"{settings.word('due_for').format(day=queue.today.isoformat())}  {counts}", ""]
    total = sum(len(s.items) for s in queue.sections)
    if total == 0:
        lines.append(settings.word("nothing_due"))
    for section in queue.sections:
        if not section.items:
            continue
        lines.append(
            settings.word("queue_heading").format(title=section.title, n=len(section.items))
        )
        for item in section.items:
            lines.extend(_row(item, settings))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
