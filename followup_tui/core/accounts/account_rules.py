"""Validation and conversion of account and contact form values, free of Textual and Peewee.

The forms hand over what was typed (text, or True/False for a checkbox); the
validators return field -> message, and the `*_values` converters turn valid
input into the typed values the data layer stores (Decimal, int, date, None).
Text is NFKC-folded before shape checks so full-width digits typed with a
Chinese input method pass like ASCII ones.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any
from zoneinfo import available_timezones

from followup_tui.core.accounts.rule_words import say
from followup_tui.core.base.kinds import LEVEL_RANGE, NEED, RELATIONSHIP_TYPES, TIERS, WILLINGNESS
from followup_tui.core.base.phones import numbers_in, split_extension

NAME_MAX = 200
MONEY_FIELDS = ("total_market", "channels_not_in", "plan_expected", "plan_actual")
# DecimalField(max_digits=14, decimal_places=2): twelve digits before the point.
MONEY_MAX = Decimal("999999999999.99")
COUNT_MAX = 1_000_000
ACCOUNT_INT_FIELDS = ("rejection_count", "order_to_delivery_days")
ACCOUNT_CHOICES = {
    "relationship": RELATIONSHIP_TYPES,
    "willingness": WILLINGNESS,
    "need": NEED,
    "tier": TIERS,
}
# Columns that are NULL rather than "" when empty.
ACCOUNT_NULLABLE = ("willingness", "need", "tier", "birthday", "order_to_delivery_days")

_PHONE = re.compile(r"[0-9+\-() ]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_WEBSITE = re.compile(r"(https?://)?[^\s/.]+(\.[^\s/.]+)+(/\S*)?", re.IGNORECASE)
_HHMM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_MMDD = re.compile(r"(\d{2})-(\d{2})")


def _text(value: Any) -> str:
    """A form value as folded, stripped text ('' for None)."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_money(value: Any) -> Decimal | None:
    """'1,250,000.50' -> Decimal; None when empty; ValueError when not a finite number."""
    if isinstance(value, Decimal):
        return value
    text = _text(value).replace(",", "").replace(" ", "").replace("_", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return number


def parse_count(value: Any) -> int | None:
    """'12' -> 12; None when empty; ValueError when not a whole number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _text(value)
    if not text:
        return None
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ValueError(f"not a whole number: {value!r}")
    return int(text)


def parse_date(value: Any) -> dt.date | None:
    """'1970-03-15' -> date; None when empty; ValueError when not a real ISO date."""
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        raise ValueError(f"not a date: {value!r}")
    year, month, day = (int(part) for part in text.split("-"))
    return dt.date(year, month, day)  # raises ValueError for 2026-02-30


def phone_error(value: Any, language: str = "en") -> str | None:
    """Why a phone number is malformed, or None when it is fine or empty."""
    text = _text(value)
    # Each number of the field on its own, its extension ("ext 12", "x12", "转12") apart.
    for number in numbers_in(text):
        main, _ = split_extension(number)
        if not _PHONE.fullmatch(main):
            return say(language, "phone_chars")
        digits = sum(ch.isdigit() for ch in main)
        if not 6 <= digits <= 20:
            return say(language, "phone_digits", n=digits)
    return None


def email_error(value: Any, language: str = "en") -> str | None:
    """Why an email address is malformed, or None when it is fine or empty."""
    text = _text(value)
    if text and not _EMAIL.fullmatch(text):
        return say(language, "email")
    return None


def _website_error(value: Any, language: str) -> str | None:
    """Loose: a host with a dot, an optional http(s):// and path, no spaces."""
    text = _text(value)
    if text and not _WEBSITE.fullmatch(text):
        return say(language, "website")
    return None


def _name_errors(values: Mapping[str, Any], errors: dict[str, str], language: str) -> None:
    """Name required and at most NAME_MAX characters."""
    name = _text(values.get("name"))
    if not name:
        errors["name"] = say(language, "name_required")
    elif len(name) > NAME_MAX:
        errors["name"] = say(language, "too_long", max=NAME_MAX, n=len(name))


def _count_error(value: Any, language: str) -> str | None:
    """Why a count is not a whole number from 0 up, or None."""
    try:
        number = parse_count(value)
    except ValueError:
        return say(language, "count")
    if number is not None and not 0 <= number <= COUNT_MAX:
        return say(language, "count_range", max=f"{COUNT_MAX:,}")
    return None


def validate_account(values: Mapping[str, Any], language: str = "en") -> dict[str, str]:
    """Field -> message for every invalid value of an account form (empty when valid)."""
    errors: dict[str, str] = {}
    _name_errors(values, errors, language)
    for field, allowed in ACCOUNT_CHOICES.items():
        choice = _text(values.get(field))
        if choice and choice not in allowed:
            errors[field] = say(language, "one_of", choices=", ".join(allowed))
    if not _text(values.get("relationship", "target")):
        errors["relationship"] = say(language, "relationship")
    for field, check in (("phone", phone_error), ("email", email_error)):
        if message := check(values.get(field), language):
            errors[field] = message
    if message := _website_error(values.get("website"), language):
        errors["website"] = message
    try:
        parse_date(values.get("birthday"))
    except ValueError:
        errors["birthday"] = say(language, "birthday")
    fiscal = _text(values.get("fiscal_year_start"))
    match = _MMDD.fullmatch(fiscal)
    if fiscal and not (match and _real_month_day(int(match[1]), int(match[2]))):
        errors["fiscal_year_start"] = say(language, "month_day")
    for field in ACCOUNT_INT_FIELDS:
        if message := _count_error(values.get(field), language):
            errors[field] = message
    money: dict[str, Decimal | None] = {}
    for field in MONEY_FIELDS:
        try:
            money[field] = parse_money(values.get(field))
        except ValueError:
            errors[field] = say(language, "money")
            continue
        amount = money[field]
        if amount is not None and amount < 0:
            errors[field] = say(language, "negative")
        elif amount is not None and amount > MONEY_MAX:
            errors[field] = say(language, "too_large")
    total, outside = money.get("total_market"), money.get("channels_not_in")
    if message := channels_error(total, outside, language):
        errors.setdefault("channels_not_in", message)
    return errors


def channels_error(
    total: Decimal | None, channels_not_in: Decimal | None, language: str = "en"
) -> str | None:
    """Why the channels we are not in cannot be right (more than the whole market), or None."""
    if total is not None and channels_not_in is not None and channels_not_in > total:
        return say(language, "channels")
    return None


def birthday_after(value: Any, today: dt.date) -> bool:
    """Whether a typed birthday is a real date later than `today` (no one is born yet then).

    The caller passes its injected today: a rule that read the clock could not be tested.
    """
    try:
        born = parse_date(value)
    except ValueError:
        return False  # malformed: validate_account says so
    return born is not None and born > today


def _real_month_day(month: int, day: int) -> bool:
    """Whether MM-DD exists in some year (02-29 does)."""
    try:
        dt.date(2000, month, day)
    except ValueError:
        return False
    return True


def account_values(values: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Validated form input as typed column values, for the `fields` the caller stores."""
    out: dict[str, Any] = {}
    for field in fields:
        raw = values.get(field)
        if field in MONEY_FIELDS:
            out[field] = parse_money(raw)
        elif field == "birthday":
            out[field] = parse_date(raw)
        elif field == "rejection_count":
            out[field] = parse_count(raw) or 0
        elif field == "order_to_delivery_days":
            out[field] = parse_count(raw)
        elif field in ACCOUNT_NULLABLE:
            out[field] = _text(raw) or None
        elif field == "name":
            out[field] = str(raw or "").strip()
        else:
            out[field] = "" if raw is None else str(raw).strip()
    return out


def target_market_potential(
    total: Decimal | None, channels_not_in: Decimal | None
) -> Decimal | None:
    """Total market minus the channels we are not in; None until the total is known.

    Unknown channels count as none: the whole market is then the potential. Channels
    beyond the total are an error, not a negative potential: None then too.
    """
    if total is None or channels_error(total, channels_not_in) is not None:
        return None
    return total - (channels_not_in or Decimal(0))


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Every IANA time zone name this system knows, sorted."""
    return tuple(sorted(available_timezones()))


@lru_cache(maxsize=1)
def _zone_set() -> frozenset[str]:
    """The same names, for fast membership checks."""
    return frozenset(zone_names())


def validate_contact(values: Mapping[str, Any], language: str = "en") -> dict[str, str]:
    """Field -> message for every invalid value of a contact form (empty when valid)."""
    errors: dict[str, str] = {}
    _name_errors(values, errors, language)
    try:
        level = parse_count(values.get("level"))
    except ValueError:
        level = -1
    if level is not None and level not in LEVEL_RANGE:
        errors["level"] = say(language, "level")
    for field, check in (("phone", phone_error), ("email", email_error)):
        if message := check(values.get(field), language):
            errors[field] = message
    zone = _text(values.get("time_zone"))
    if zone and zone not in _zone_set():
        errors["time_zone"] = say(language, "zone")
    start, end = _text(values.get("call_window_start")), _text(values.get("call_window_end"))
    for field, text in (("call_window_start", start), ("call_window_end", end)):
        if text and not _HHMM.fullmatch(text):
            errors[field] = say(language, "hhmm")
    if not errors.keys() & {"call_window_start", "call_window_end"}:
        if bool(start) != bool(end):
            missing = "call_window_end" if start else "call_window_start"
            errors[missing] = say(language, "window_both")
        elif start and start >= end:
            errors["call_window_end"] = say(language, "window_order")
    return errors


def contact_values(values: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Validated contact input as typed column values, for the `fields` the caller stores."""
    out: dict[str, Any] = {}
    for field in fields:
        raw = values.get(field)
        if field == "level":
            out[field] = parse_count(raw)
        elif field == "is_coach":
            out[field] = bool(raw)
        elif field in ("time_zone", "call_window_start", "call_window_end"):
            out[field] = _text(raw)
        else:
            out[field] = "" if raw is None else str(raw).strip()
    return out


# The seed-002 questionnaires, reduced to the questions that speak to willingness
# (do they want to work with us) or need (does the product matter to them). A yes to
# a `positive=False` question counts against.
QUESTIONS: tuple[tuple[str, str, bool], ...] = (
    ("knows_our_products", "willingness", True),  # 是否知道本公司的产品
    ("knows_us_well", "willingness", True),  # 对本公司产品了解多少
    ("interested_in_growing_together", "willingness", True),  # 与我们共同推动销售发展的兴趣度
    ("has_reason_for_interest", "willingness", True),  # 是什么原因让他有兴趣
    ("has_obstacles_to_us", "willingness", False),  # 对于客户使用我们产品的阻碍
    ("used_similar_products", "need", True),  # 是否使用过同类产品
    ("knows_the_value", "need", True),  # 是否知道使用该产品所获得的价值
    ("compares_other_suppliers", "need", True),  # 对其他公司同类产品了解多少
    ("knows_peers_using_it", "need", True),  # 是否知道其他哪些企业在使用我们的产品
)


def suggest_quadrant_inputs(answers: Mapping[str, bool | None]) -> tuple[str | None, str | None]:
    """(willingness, need) suggested by yes/no answers; None where nothing was answered.

    A dimension is high/strong when at least half of its answered questions favour
    it. It is only a suggestion: the rep decides.
    """
    score: dict[str, list[bool]] = {"willingness": [], "need": []}
    for qid, dimension, positive in QUESTIONS:
        answer = answers.get(qid)
        if answer is not None:
            score[dimension].append(answer == positive)
    will, need = score["willingness"], score["need"]
    return (
        None if not will else ("high" if 2 * sum(will) >= len(will) else "low"),
        None if not need else ("strong" if 2 * sum(need) >= len(need) else "weak"),
    )
