"""Validation and conversion of the deal (SSO) form, free of Textual and Peewee.

The form hands over what was typed; `validate_deal` returns field -> message and
`deal_values` turns valid input into the Deal columns `save_deal` stores. The
completion date takes an ISO date or the app's shorthand (`+3w`, `下周一`, ...)
read against the injected today; a past ISO date is allowed (deals slip).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from followup_tui.core.accounts.account_rules import MONEY_MAX, parse_money
from followup_tui.core.accounts.rule_words import say
from followup_tui.core.base.dates import DateParseError, parse_when
from followup_tui.core.base.kinds import DEAL_OUTCOMES, DEAL_STATUSES, FUNNEL_LEVELS, SSO_INDICATORS

TITLE_MAX = 200
LINE_MAX = 500  # product and each line of evidence
EVIDENCE_FIELDS = tuple(f"evidence_{key}" for key in SSO_INDICATORS)
DEAL_CHOICES = {"status": DEAL_STATUSES, "funnel": FUNNEL_LEVELS, "outcome": DEAL_OUTCOMES}
# The columns the deal form writes, in form order (the account is fixed by the caller).
DEAL_FORM_FIELDS = (
    "title",
    "product",
    "amount",
    "completion_date",
    *DEAL_CHOICES,
    *EVIDENCE_FIELDS,
)


def _text(value: Any) -> str:
    """A form value as stripped text ('' for None)."""
    return "" if value is None else str(value).strip()


def parse_completion(value: Any, today: dt.date) -> dt.date | None:
    """A typed completion date: None when empty; DateParseError when unreadable."""
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    return parse_when(text, today) if text else None


def missing_evidence(values: Mapping[str, Any]) -> list[str]:
    """The SSO indicators (keys of SSO_INDICATORS) that have no line of evidence."""
    return [key for key in SSO_INDICATORS if not _text(values.get(f"evidence_{key}"))]


def out_of_control(values: Mapping[str, Any]) -> bool:
    """A rep who cannot back all five indicators with evidence has lost control of the deal."""
    return bool(missing_evidence(values))


def validate_deal(
    values: Mapping[str, Any], today: dt.date, language: str = "en"
) -> dict[str, str]:
    """Field -> message for every invalid value of a deal form (empty when valid)."""
    errors: dict[str, str] = {}
    title = _text(values.get("title"))
    if not title:
        errors["title"] = say(language, "title_required")
    elif len(title) > TITLE_MAX:
        errors["title"] = say(language, "too_long", max=TITLE_MAX, n=len(title))
    for field in ("product", *EVIDENCE_FIELDS):
        text = _text(values.get(field))
        if len(text) > LINE_MAX:
            errors[field] = say(language, "too_long", max=LINE_MAX, n=len(text))
    try:
        amount = parse_money(values.get("amount"))
    except ValueError:
        errors["amount"] = say(language, "deal_money")
    else:
        if amount is not None and amount < 0:
            errors["amount"] = say(language, "negative")
        elif amount is not None and amount > MONEY_MAX:
            errors["amount"] = say(language, "too_large")
    try:
        completion = _text(values.get("completion_date"))
        if completion:
            # An English screen still answers Chinese input in Chinese (the parser's own rule).
            parse_when(completion, today, None if language == "en" else language)
    except DateParseError as exc:
        errors["completion_date"] = str(exc)
    for field, allowed in DEAL_CHOICES.items():
        choice = _text(values.get(field))
        if choice not in allowed:
            errors[field] = say(language, "one_of", choices=", ".join(allowed))
    return errors


def deal_values(values: Mapping[str, Any], today: dt.date, account_id: int) -> dict[str, Any]:
    """Validated form input as typed Deal column values, `account` included."""
    out: dict[str, Any] = {"account": account_id}
    for field in DEAL_FORM_FIELDS:
        raw = values.get(field)
        if field == "amount":
            out[field] = parse_money(raw)
        elif field == "completion_date":
            out[field] = parse_completion(raw, today)
        else:
            out[field] = _text(raw)
    return out
