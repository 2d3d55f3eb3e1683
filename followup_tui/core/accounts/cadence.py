"""Cadence: when the next follow-up should be, and moving a follow-up later.

`propose_next` is what the call log pre-fills after a contact; the rep can
always override it. The rules, in order:
1. A date the customer asked for wins, as it is (no weekend shift: they chose
   it). An asked-for date that is not after today is ignored, and said so.
2. Nobody reached (no answer, voicemail): a quick retry rather than the class
   cadence, since nothing was said that the cadence could follow on from. The
   retry is `cadence.retry_after_no_answer_days` (default 1; 0 turns it off)
   ahead, on a weekday with `skip_weekends`, and inside the contact's calling
   window when it is known: the first day, counted from then, on which their
   window opens on one of their weekdays, as a day of the rep's. Rules 3-5 do
   not move a retry: it is already the soonest sensible day.
3. Otherwise the class cadence: today + `cadence_days` of the account's class
   (class C's while unjudged).
4. An open deal whose completion date comes sooner pulls the date forward to
   `cadence.completion_margin_days` (default 2) before completion, but never
   before tomorrow.
5. The proposal is never today: a follow-up is a *next* step.
6. With `cadence.skip_weekends` (default true) a Saturday or Sunday moves to
   Monday; before a completion date it moves back to Friday instead, unless
   that Friday is not after today.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from followup_tui.core.accounts.revival import revival_gap
from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.kinds import UNREACHED_OUTCOMES
from followup_tui.core.base.records import ContactRec, effective_class
from followup_tui.core.call.call_window import first_call_moment

ONE_DAY = dt.timedelta(days=1)


class Proposal(NamedTuple):
    """A proposed next follow-up date and why (a named tuple: see `DueQueue`)."""

    date: dt.date
    reason: str
    # 'asked', 'retry', 'cadence', 'completion' or 'scheduled' (see `keep_scheduled`)
    source: str


def is_weekend(day: dt.date) -> bool:
    """Saturday or Sunday."""
    return day.weekday() >= 5


def next_weekday(day: dt.date) -> dt.date:
    """The day itself on a weekday, else the following Monday."""
    return day + dt.timedelta(days=7 - day.weekday()) if is_weekend(day) else day


def _previous_weekday(day: dt.date) -> dt.date:
    """The day itself on a weekday, else the Friday before."""
    return day - dt.timedelta(days=day.weekday() - 4) if is_weekend(day) else day


def skips_weekends(settings: Settings) -> bool:
    """Whether weekends are not working days (`cadence.skip_weekends`, default true)."""
    return _cadence_settings(settings)[0]


def _cadence_settings(settings: Settings) -> tuple[bool, int]:
    """(skip_weekends, completion_margin_days), with defaults if the keys are absent."""
    section = settings.data.get("cadence", {})
    return bool(section.get("skip_weekends", True)), int(section.get("completion_margin_days", 2))


def retry_days(settings: Settings) -> int:
    """Days from a call that reached nobody to its retry; 0: no quick retry, the cadence."""
    return int(settings.data.get("cadence", {}).get("retry_after_no_answer_days", 1))


def _retry(
    today: dt.date,
    days: int,
    skip_weekends: bool,
    contact: ContactRec | None,
    rep_zone: dt.tzinfo | None,
) -> Proposal:
    """Rule 2: the retry after a call that reached nobody."""
    day = today + dt.timedelta(days=days)
    reason = f"nobody reached: retry in {days} day{'s' if days != 1 else ''}"
    if skip_weekends and is_weekend(day):
        moved = next_weekday(day)
        reason += f"; moved from {day.strftime('%A')} to {moved.strftime('%A')}"
        day = moved
    # The rep's midnight starting that day (rep_zone None: this machine's zone).
    begins = dt.datetime.combine(day, dt.time(), tzinfo=rep_zone).astimezone(rep_zone)
    moment = first_call_moment(contact, begins, weekdays_only=skip_weekends)
    if contact is not None and moment is not None:
        start, end = contact.call_window_start.strip(), contact.call_window_end.strip()
        reason += (
            f"; their calling window {start}-{end} {contact.time_zone},"
            f" on their {moment.strftime('%A')}"
        )
        day = moment.astimezone(rep_zone).date()
    return Proposal(day, reason, "retry")


def propose_next(
    today: dt.date,
    quadrant: str | None,
    settings: Settings,
    *,
    deal_completion: dt.date | None = None,
    asked_for: dt.date | None = None,
    outcome: str | None = None,
    contact: ContactRec | None = None,
    rep_zone: dt.tzinfo | None = None,
    dormant_rejections: int | None = None,
) -> Proposal:
    """The proposed next follow-up after a contact on `today` (see the module rules).

    `outcome` is the contact's (None: not known yet); `contact` the person called,
    whose calling window places a retry; `rep_zone` the rep's time zone (None:
    this machine's), in which `today` is a day. `dormant_rejections`, for a
    dormant account with no open deal, replaces the class cadence with the
    revival plan's next attempt (`revival.revival_gap`), counting this call's
    rejection.
    """
    tomorrow = today + ONE_DAY
    note = ""
    if asked_for is not None:
        if asked_for > today:
            return Proposal(asked_for, f"the customer asked for {asked_for.isoformat()}", "asked")
        note = f"; the asked-for date {asked_for.isoformat()} is not after today, ignored"
    skip_weekends, margin = _cadence_settings(settings)
    days = retry_days(settings)
    if outcome in UNREACHED_OUTCOMES and days > 0:
        retry = _retry(today, days, skip_weekends, contact, rep_zone)
        return Proposal(retry.date, retry.reason + note, retry.source)
    klass = effective_class(quadrant)
    if dormant_rejections is not None:
        rejections = dormant_rejections + (1 if outcome == "rejected" else 0)
        gap = revival_gap(rejections, settings.revival)
        day = today + dt.timedelta(days=gap)
        reason = f"revival plan: the next attempt in {gap} days"
        source = "revival"
    else:
        cadence_days = settings.classes[klass].cadence_days
        who = f"class {klass}" if quadrant else f"unjudged (as class {klass})"
        day = today + dt.timedelta(days=cadence_days)
        reason = f"{who} cadence: every {cadence_days} days"
        source = "cadence"
    if deal_completion is not None and deal_completion - dt.timedelta(days=margin) < day:
        source = "completion"
        if deal_completion <= today:
            day = tomorrow
            reason = (
                f"the open deal's completion date {deal_completion.isoformat()} has passed:"
                " confirm it now"
            )
        else:
            day = max(tomorrow, deal_completion - dt.timedelta(days=margin))
            reason = (
                f"{margin} days before the open deal completes on {deal_completion.isoformat()}"
            )
    if skip_weekends and is_weekend(day):
        earlier = _previous_weekday(day)
        moved = earlier if source == "completion" and earlier > today else next_weekday(day)
        reason += f"; moved from {day.strftime('%A')} to {moved.strftime('%A')}"
        day = moved
    return Proposal(day, reason + note, source)


def keep_scheduled(proposal: Proposal, scheduled: dt.date | None, today: dt.date) -> Proposal:
    """The open follow-up's date while it is still ahead (logging replaces it), else `proposal`.

    Logging a contact closes the account's open follow-up and schedules the new
    one, so a date the rep already chose must be offered back rather than
    silently swapped for the cadence's. One due today or earlier is the one this
    contact carries out: then the cadence decides.
    """
    if scheduled is None or scheduled <= today:
        return proposal
    return Proposal(
        scheduled,
        f"the open follow-up on {scheduled.isoformat()}, which this contact replaces",
        "scheduled",
    )


def retry_to_schedule(
    today: dt.date,
    quadrant: str | None,
    settings: Settings,
    outcome: str | None,
    scheduled: dt.date | None,
    contact: ContactRec | None = None,
) -> Proposal | None:
    """The retry to schedule after a call that reached nobody, when no later step is set.

    What `followup note --outcome no_answer` writes without `--next`: the retry
    the app's close-out proposes. None for any other outcome, with the quick
    retry turned off, or when a follow-up is already set ahead (it stays).
    """
    if scheduled is not None and scheduled > today:
        return None
    proposal = propose_next(today, quadrant, settings, outcome=outcome, contact=contact)
    return proposal if proposal.source == "retry" else None


def snooze(
    follow_up_due: dt.date,
    today: dt.date,
    until: dt.date | None = None,
    *,
    skip_weekends: bool = False,
) -> dt.date:
    """The new due date of a snoozed follow-up: `until`, or by default the day after.

    The default is the day after the later of today and the current due date,
    so snoozing never pulls a future follow-up forward.
    """
    if until is not None:
        if until <= today:
            raise FollowupError(
                f"cannot snooze to {until.isoformat()}: "
                f"the date must be after today ({today.isoformat()})"
            )
        return until
    day = max(today, follow_up_due) + ONE_DAY
    return next_weekday(day) if skip_weekends else day


def reschedule(follow_up_due: dt.date, today: dt.date, new_date: dt.date) -> dt.date:
    """The new due date of a rescheduled follow-up: any day from today on."""
    if new_date < today:
        raise FollowupError(
            f"cannot reschedule to {new_date.isoformat()}: "
            f"the date is in the past (today is {today.isoformat()})"
        )
    return new_date
