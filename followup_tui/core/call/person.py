"""The person first: who is being called, how to reach them, and whether now suits them.

The call script opens with this card so the rep can dial from the script alone:
name, role and response mode on the open deal, every phone number in full, the
email, their local time and calling window, and the last contact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from followup_tui.core.base.phones import dial_string, numbers_in, split_extension
from followup_tui.core.base.records import ActivityRec, ContactRec
from followup_tui.core.call.call_window import callable_now, local_now
from followup_tui.core.call.script import bridge_source, contact_verb, relative_day
from followup_tui.core.call.script_words import phrase as _t


@dataclass(frozen=True, slots=True)
class Person:
    """What the card shows about the person called; the screen gathers it from the database."""

    name: str = ""
    title: str = ""
    role: str = ""  # the role's label on the open deal, "" when no blue sheet has them
    mode: str = ""  # the response mode's label
    phone: str = ""  # as typed: one number or several
    account_phone: str = ""  # the switchboard, shown when it is another number
    email: str = ""
    contact: ContactRec | None = None  # time zone and calling window


def phone_numbers(*fields: str) -> list[str]:
    """Every number in the phone fields, as typed, once each, in order."""
    seen: dict[tuple[str, str], str] = {}
    for text in fields:
        for number in numbers_in(text):
            dial = dial_string(number)
            # The same line with another extension is another person's desk.
            key = (dial, split_extension(number)[1])
            if dial and key not in seen:
                seen[key] = number
    return list(seen.values())


def local_time_line(
    contact: ContactRec | None,
    now_utc: dt.datetime | None,
    language: str,
    *,
    weekdays_only: bool = True,
) -> str:
    """'Their time: 14:05 (Asia/Shanghai), inside their hours 09:00-18:00', or why unknown.

    With `weekdays_only` their Saturday and Sunday are outside their hours, and
    the line says it is their weekend.
    """
    if contact is None or not contact.time_zone:
        return _t("person_no_zone", language)
    if now_utc is None:
        return _t("person_zone_only", language, zone=contact.time_zone)
    local = local_now(contact.time_zone, now_utc)
    if local is None:
        return _t("person_bad_zone", language, zone=contact.time_zone)
    clock = local.strftime("%H:%M")
    weekday = _t("weekdays", language).split()[local.weekday()]
    inside = callable_now(contact, now_utc, weekdays_only=weekdays_only)
    window = f"{contact.call_window_start}-{contact.call_window_end}"
    if inside is None:
        verdict = _t("person_no_window", language)
    elif weekdays_only and local.weekday() >= 5:
        verdict = _t("person_weekend", language, window=window)
    else:
        verdict = _t("person_inside" if inside else "person_outside", language, window=window)
    return _t(
        "person_local",
        language,
        time=clock,
        weekday=weekday,
        zone=contact.time_zone,
        verdict=verdict,
    )


def last_contact_line(
    history: tuple[ActivityRec, ...], today: dt.date, language: str, contact_id: int | None
) -> str:
    """When the account (and this person) was last spoken to, in words."""
    source = bridge_source(history, today, contact_id)
    if source is None:
        return _t("person_never", language)
    when = relative_day(source.occurred_on, today, language)
    return _t("person_last", language, when=when, how=contact_verb(source.kind, language))


def person_lines(
    person: Person,
    *,
    history: tuple[ActivityRec, ...],
    today: dt.date,
    now_utc: dt.datetime | None,
    language: str,
    weekdays_only: bool = True,
) -> list[tuple[str, str]]:
    """The card as (label, text) lines: the screen draws them; numbers are never cut."""
    name = person.name.strip() or _t("person_nobody", language)
    stance = " · ".join(part for part in (person.title, person.role, person.mode) if part)
    lines = [(_t("person_calling", language), f"{name}  {stance}".strip())]
    if not person.role:
        lines.append(("", _t("person_no_role", language)))
    numbers = phone_numbers(person.phone)
    for number in numbers:
        lines.append((_t("person_phone", language), number))
    for number in phone_numbers(person.account_phone):
        if dial_string(number) not in {dial_string(n) for n in numbers}:
            lines.append((_t("person_switchboard", language), number))
    if not numbers and not person.account_phone.strip():
        lines.append((_t("person_phone", language), _t("person_no_phone", language)))
    if person.email.strip():
        lines.append((_t("person_email", language), person.email.strip()))
    when = local_time_line(person.contact, now_utc, language, weekdays_only=weekdays_only)
    lines.append((_t("person_time", language), when))
    contact_id = person.contact.id if person.contact else None
    lines.append(
        (_t("person_last_label", language), last_contact_line(history, today, language, contact_id))
    )
    return lines


def number_to_copy(person: Person) -> str | None:
    """The number the copy key puts on the clipboard: the person's first, else the switchboard.

    Only the dialable part: the extension is asked for once through (`extension_to_ask`).
    """
    numbers = phone_numbers(person.phone) or phone_numbers(person.account_phone)
    return dial_string(numbers[0]) if numbers else None


def extension_to_ask(person: Person) -> str:
    """The extension of the number the copy key copies ('' when it has none)."""
    numbers = phone_numbers(person.phone) or phone_numbers(person.account_phone)
    return split_extension(numbers[0])[1] if numbers else ""
