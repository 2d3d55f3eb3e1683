"""Whether and when a buying influence was last contacted: the form's check and its values.

No contact means opposition (seed 003 part 3), so "contacted" is a fact with a
day. The day is read by the app's one date parser for past days
(`core.base.dates.parse_past_day`): `today`, `yesterday`, `-1d`, `3天前` or a
date; a future day is refused. Ticked with no day is refused too: a "yes" with
no date cannot be checked or aged. A day typed without the tick means the
person was contacted on it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from followup_tui.core.accounts.rule_words import say
from followup_tui.core.base.dates import DateParseError, FutureDayError, parse_past_day


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def contact_error(contacted: Any, last_text: Any, today: date, language: str = "en") -> str | None:
    """Why the contact fields cannot be saved (the message for the date field), or None."""
    text = _text(last_text)
    if not text:
        return say(language, "contact_when") if contacted else None
    try:
        # An English screen still answers Chinese input in Chinese (the parser's own rule).
        parse_past_day(text, today, None if language == "en" else language)
    except FutureDayError as exc:
        return str(exc)
    except DateParseError:
        # The parser's own message lists the forms of a next step too (tomorrow, +3d):
        # a contact happened, so only the past forms are offered.
        return say(language, "contact_unreadable", text=text)
    return None


def contact_values(contacted: Any, last_text: Any, today: date) -> dict[str, Any]:
    """The Influence columns `contacted` and `last_contacted_on` of checked input."""
    text = _text(last_text)
    day = parse_past_day(text, today) if text else None
    return {"contacted": day is not None, "last_contacted_on": day}
