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


# The short reason of a due row, by what is most overdue on it.
DUE_TODAY = {
    "late": "short_due_today",
    "action": "short_action_today",
    "season": "short_season_today",
}
DUE_LATE = {"late": "short_late", "action": "short_action_late", "season": "short_season_late"}


def short_reason(item: QueueItem, today: date, language: str) -> str:
    """The row's first reason in a few words, in `language`."""
    section = item.section
    if section in ("overdue", "today"):
        # The most overdue of what made the row due, as the builder's first reason says.
        fu, ba = item.follow_up, item.best_action
        dues = [
            (due, kind)
            for due, kind in (
                (fu.due if fu is not None else None, "late"),
                (ba.due if ba is not None else None, "action"),
                (item.season_mark, "season"),
            )
            if due is not None and due <= today
        ]
        if not dues:
            return say(language, "short_due_today")
        due, kind = min(dues, key=lambda pair: pair[0])
        late = (today - due).days
        if not late:
            return say(language, DUE_TODAY[kind])
        return say(language, DUE_LATE[kind], n=late)
    if section == "cooling":
        return say(language, "short_was_hot" if item.was_hot else "short_cooling")
    return say(language, SHORT[section])


def badges(item: QueueItem, language: str) -> tuple[str, ...]:
    """A badge word for each other section the account is in, in section order."""
    table = words(language)
    return tuple(table[BADGES[s]] for s in item.also if s in BADGES)
