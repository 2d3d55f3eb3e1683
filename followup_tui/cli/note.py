"""`followup note ACCOUNT "text" [--outcome O] [--next WHEN] [--date DAY]`: a contact logged
from a shell.

Everything is checked before anything is written; then one `log_contact` writes
the activity, closes the follow-up and schedules the next one together. Without
`--next`, a follow-up already set after the contact's day stays (the rule the
app's close-out uses, `cadence.keep_scheduled`); `--next none` ends it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from followup_tui.core.accounts.cadence import keep_scheduled, propose_next, retry_to_schedule
from followup_tui.core.accounts.proposal_words import proposal_reason
from followup_tui.core.base.config import Settings
from followup_tui.core.base.dates import DateParseError, parse_when
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.moments import write_stamp
from followup_tui.core.base.text import search_key, whole_number
from followup_tui.core.base.vocabulary import shipped_words
from followup_tui.core.call.script import shorten
from followup_tui.db.accounts import deals, get_account
from followup_tui.db.contacts import contact_record
from followup_tui.db.follow_ups import ContactLog, log_contact
from followup_tui.db.lookup import (
    AccountHit,
    OpenFollowUp,
    account_by_id,
    accounts_by_name,
    accounts_sharing,
    open_follow_up,
)

MAX_CANDIDATES = 10
PURPOSE_WORDS = 6  # a default purpose quotes this many words of the note
PURPOSE_WIDTH = 40  # ... and at most this many terminal cells
_CJK_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")
# `--next` with one of these ends the open follow-up instead of scheduling one.
NO_NEXT = ("none", "无")


@dataclass(frozen=True, slots=True)
class NoteResult:
    """What `record_note` wrote, for the one-line summary."""

    account_id: int
    account_name: str
    activity_id: int
    outcome: str | None
    closed_purpose: str | None  # the purpose of the follow-up this contact closed
    next_due: dt.date | None
    next_purpose: str
    suggested: str = ""  # with no next step left: the cadence's proposal, as a hint
    kept: OpenFollowUp | None = None  # the open follow-up left as it was
    ended: bool = False  # `--next none` ended the open follow-up


def _say(language: str, message: str, **values: object) -> str:
    """A message of `followup note` in `language` (the vocabulary's `note_<message>`)."""
    return shipped_words(language, "note_")[message].format(**values)


def _listing(hits: list[AccountHit], total: int, language: str = "en") -> str:
    """Candidates one per line with their ids, and how many more there are."""
    lines = [f"  {hit.id:>6}  {hit.name}" for hit in hits[:MAX_CANDIDATES]]
    if total > len(lines):
        lines.append("  " + _say(language, "more_candidates", n=total - len(lines)))
    return "\n".join(lines)


def _pieces(text: str) -> list[str]:
    """Fragments of a typed name to look for: Latin trigrams, CJK bigrams."""
    out: list[str] = []
    for word in search_key(text).split():
        runs = _CJK_RUN.findall(word)
        latin = _CJK_RUN.sub(" ", word).split()
        for run in runs:
            out += [run] if len(run) < 3 else [run[i : i + 2] for i in range(len(run) - 1)]
        for part in latin:
            out += [part] if len(part) < 4 else [part[i : i + 3] for i in range(len(part) - 2)]
    return list(dict.fromkeys(out))


def find_account(text: str, language: str = "en") -> int:
    """The id of the account `text` names: an id, a whole name, or a unique part of one.

    Names match as the app's "Go to" matches them (`core.accounts.naming`): case,
    width and accents folded, Chinese names by pinyin or initials; a whole-name
    match wins over names that merely contain the text. Unknown or ambiguous text raises a
    `FollowupError` listing candidates with their ids, said in `language`.
    """
    raw = text.strip()
    if not raw:
        raise FollowupError(_say(language, "name_needed"))
    digits = raw.removeprefix("#")
    if whole_number(digits):
        hit = account_by_id(int(digits))
        if hit is not None:
            if hit.archived:
                raise FollowupError(_say(language, "archived", id=hit.id, name=hit.name))
            return hit.id
    named = accounts_by_name(raw)
    if len(named) == 1:
        return named[0].thing.id
    if named:
        hits = [AccountHit(h.thing.id, h.thing.name) for h in named]
        raise FollowupError(
            _say(language, "ambiguous", text=raw, n=len(hits))
            + "\n"
            + _listing(hits, len(hits), language)
        )
    similar = accounts_sharing(_pieces(raw), MAX_CANDIDATES)
    more = ""
    if similar:
        more = _say(language, "similar") + "\n" + _listing(similar, len(similar), language)
    raise FollowupError(_say(language, "no_account", text=raw) + more)


def _fold(text: str) -> str:
    """An outcome as typed, comparable with keys and labels: 'No answer' = 'no-answer'."""
    return "_".join(search_key(text).replace("-", " ").split())


def outcome_key(text: str, settings: Settings) -> str:
    """The configured outcome `text` names: its key or its label in either language."""
    wanted = _fold(text)
    outcomes = settings.data.get("outcomes", {})
    for key, entry in outcomes.items():
        labels = entry.values() if isinstance(entry, Mapping) else (entry,)
        if wanted in {key, *(_fold(str(label)) for label in labels)}:
            return str(key)
    zh = settings.language == "zh"
    known = ("、" if zh else ", ").join(
        f"{key}（{settings.text(entry)}）" if zh else f"{key} ({settings.text(entry)})"
        for key, entry in outcomes.items()
    )
    raise FollowupError(_say(settings.language, "unknown_outcome", text=text, known=known))


def default_purpose(note: str, language: str) -> str:
    """'Follow up: <the first words of the note>' for a next step with no purpose of its own."""
    words = note.split()
    quoted = shorten(" ".join(words[:PURPOSE_WORDS]), PURPOSE_WIDTH)
    if len(words) > PURPOSE_WORDS and not quoted.endswith("…"):
        quoted += "…"
    template = shipped_words(language)["note_default_purpose"]
    return template.format(words=quoted) if quoted else template.split("{")[0].rstrip(":： ")


def next_day(next_when: str, day: dt.date, language: str = "en") -> dt.date | None:
    """The day `--next` names, counted from the contact's `day`; None for `none`.

    A bad value is refused with the option and the value named; so is a past day.
    """
    if next_when.strip().casefold() in NO_NEXT:
        return None
    try:
        due = parse_when(next_when, day, "zh" if language == "zh" else None)
    except DateParseError as exc:
        raise FollowupError(_say(language, "bad_next", error=exc.message)) from None
    if due < day:
        raise FollowupError(_say(language, "next_past", day=due.isoformat()))
    return due


def _occurred_at(today: dt.date | None) -> dt.datetime | None:
    """The UTC time to record: now, or now's local time of day on a pinned day."""
    if today is None:
        return None
    return write_stamp(today, dt.datetime.now(dt.UTC))


def record_note(
    account: str,
    note: str,
    settings: Settings,
    *,
    outcome: str | None = None,
    next_when: str | None = None,
    today: dt.date | None = None,
) -> NoteResult:
    """Check everything, then log one call with the account in one transaction.

    `next_when` (date shorthand) schedules the next follow-up with the previous
    purpose, or one from the note; `none` ends the open one. Without it, an
    outcome closes the open follow-up due on or before the contact's day, and
    one set after it stays.
    """
    day = today or dt.date.today()
    text = note.strip()
    key = outcome_key(outcome, settings) if outcome is not None else None
    language = settings.language
    if not text and key is None:
        raise FollowupError(_say(language, "nothing"))
    next_due = next_day(next_when, day, language) if next_when is not None else None
    ends = next_when is not None and next_due is None
    account_id = find_account(account, language)
    hit = account_by_id(account_id)
    if hit is None:  # deleted between the two reads, by another process
        raise FollowupError(_say(language, "gone", id=account_id))
    previous = open_follow_up(account_id)
    # A dormant account with no deal in play follows its revival plan, as in the app.
    facts = get_account(account_id)
    dormant = facts["relationship"] == "dormant" and not any(
        d["outcome"] == "open" for d in deals(account_id)
    )
    rejections = int(facts["rejection_count"] or 0) if dormant else None
    proposal = propose_next(day, hit.quadrant, settings, outcome=key, dormant_rejections=rejections)
    ahead = previous is not None and (
        keep_scheduled(proposal, previous.due, day).source == "scheduled"
    )
    if next_due is None and not ends and key is not None:
        # Nobody reached: the quick retry the app's close-out proposes (none when a
        # follow-up is already set ahead: that one stays).
        who = previous.contact_id if previous is not None else None
        called = contact_record(who) if who is not None else None
        due = previous.due if previous is not None else None
        retry = retry_to_schedule(day, hit.quadrant, settings, key, due, called)
        next_due = retry.date if retry is not None else None
    # The follow-up this contact carries out (or ends): it lends its person and deal.
    carried_out = key is not None and (next_due is not None or not ahead)
    closes = previous if ends or carried_out else None
    purpose = ""
    if next_due is not None:
        purpose = (previous.purpose if previous else "") or default_purpose(text, settings.language)
    log = ContactLog(
        account_id=account_id,
        outcome=key,
        notes=text,
        # With an outcome it was a call; without one it is what the rep learned: a note.
        kind="call" if key is not None else "note",
        follow_up_id=closes.id if closes else None,
        next_due=next_due,
        next_purpose=purpose,
        end_open=ends,
    )
    activity_id = log_contact(log, settings, at=_occurred_at(today))
    suggested = ""
    if next_due is None and (previous is None or closes is not None):
        why = proposal_reason(proposal.reason, language)
        suggested = _say(language, "dated", day=proposal.date.isoformat(), why=why)
    return NoteResult(
        account_id=account_id,
        account_name=hit.name,
        activity_id=activity_id,
        outcome=key,
        closed_purpose=closes.purpose if closes else None,
        next_due=next_due,
        next_purpose=purpose,
        suggested=suggested,
        kept=previous if closes is None and next_due is None else None,
        ended=ends and closes is not None,
    )


def summary_line(result: NoteResult, settings: Settings) -> str:
    """One line saying what was recorded, in the configured language."""
    language = settings.language
    name, number = result.account_name, result.account_id
    if result.outcome:
        outcome = settings.label("outcomes", result.outcome)
        parts = [_say(language, "logged_call", name=name, id=number, outcome=outcome)]
    else:
        parts = [_say(language, "logged_note", name=name, id=number)]
    if result.closed_purpose is not None:
        done = "ended" if result.ended else "closed"
        parts.append(_say(language, done, purpose=result.closed_purpose or "-"))
    if result.next_due is not None:
        parts.append(
            _say(language, "next", day=result.next_due.isoformat(), purpose=result.next_purpose)
        )
    elif result.kept is not None:
        due = result.kept.due.isoformat() if result.kept.due else "-"
        parts.append(_say(language, "kept", day=due, purpose=result.kept.purpose or "-"))
    elif result.suggested:
        parts.append(_say(language, "suggest", suggested=result.suggested))
    return _say(language, "joiner").join(parts)
