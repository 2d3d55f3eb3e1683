"""A queue row in few words: its first reason short, and its other sections as badges.

A narrow terminal has room for a dozen cells of "why": the short reason says
the row's section in its own terms ("3d late", "逾期3天"), and each other
section the account is in (`QueueItem.also`) is one badge word ("cooling",
"降温"). The full reasons stay the detail line's. Words are the vocabulary's
`reason_short_*` and `reason_badge_*`, so the screen and `followup due` agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from followup_tui.core.base.text import display_width
from followup_tui.core.queue.queue_items import QueueItem, QueueSection
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


COUNTS_GAP = "  "  # between two sections' counts


def section_counts(sections: Sequence[QueueSection], language: str, width: int | None) -> str:
    """Each section's count on one line of at most `width` cells (None: any width).

    The titles in full where they fit ("Buying season ahead 2"), else each
    section's badge word ("Season 2"); where even those do not fit, as many as
    do and an ellipsis, so no word is ever cut short unmarked.
    """
    table = words(language)
    full = [f"{s.title} {len(s.items)}" for s in sections]
    short = [f"{_capital(table[BADGES[s.id]])} {len(s.items)}" for s in sections]
    for parts in (full, short):
        line = COUNTS_GAP.join(parts)
        if width is None or display_width(line) <= width:
            return line
    assert width is not None
    kept = ""
    for part in short:
        longer = kept + COUNTS_GAP + part if kept else part
        if display_width(longer) + 2 > width:  # " …" must still fit
            break
        kept = longer
    if kept:
        return kept + " …"
    return _cut(short[0], width) if short else ""


def _capital(word: str) -> str:
    """A badge word ("late") as a count's label ("Late"); Chinese is left as it is."""
    return word[:1].upper() + word[1:]


def _cut(text: str, width: int) -> str:
    """`text` cut to `width` cells, its last one an ellipsis."""
    out, used = "", 0
    for ch in text:
        if used + display_width(ch) > width - 1:
            break
        out += ch
        used += display_width(ch)
    return out + "…" if width > 0 else ""
