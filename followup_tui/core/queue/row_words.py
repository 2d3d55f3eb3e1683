"""A queue row in few words: its first reason short, and its other sections as badges.

A narrow terminal has room for a dozen cells of "why": the short reason says
the row's section in its own terms ("3d late", "逾期3天"), and each other
section the account is in (`QueueItem.also`) is one badge word ("cooling",
"降温"). The full reasons stay the detail line's. Words are the vocabulary's
`reason_short_*` and `reason_badge_*`, so the screen and `followup due` agree.
"""

from __future__ import annotations

from datetime import date

from followup_tui.core.queue.queue_items import QueueItem
from followup_tui.core.queue.queue_words import say, words

# A section's badge word, by section id.
BADGES = {
    "overdue": "badge_overdue",
    "today": "badge_today",
    "no_next_step": "badge_no_next_step",
    "cooling": "badge_cooling",
    "dormant": "badge_dormant",
    "buying_season": "badge_buying_season",
}
# The short reason of the sections whose rows all say the same.
SHORT = {
    "no_next_step": "short_no_next_step",
    "dormant": "short_dormant",
    "buying_season": "short_season",
}


def short_reason(item: QueueItem, today: date, language: str) -> str:
    """The row's first reason in a few words, in `language`."""
    section = item.section
    if section in ("overdue", "today"):
        # The builder's first reason is the follow-up's lateness, else the best action's.
        fu, ba = item.follow_up, item.best_action
        due = fu.due if fu is not None else ba.due if ba is not None else None
        action = fu is None
        if due is None or due >= today:
            return say(language, "short_action_today" if action else "short_due_today")
        late = (today - due).days
        return say(language, "short_action_late" if action else "short_late", n=late)
    if section == "cooling":
        return say(language, "short_was_hot" if item.was_hot else "short_cooling")
    return say(language, SHORT[section])


def badges(item: QueueItem, language: str) -> tuple[str, ...]:
    """A badge word for each other section the account is in, in section order."""
    table = words(language)
    return tuple(table[BADGES[s]] for s in item.also if s in BADGES)
