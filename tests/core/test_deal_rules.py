"""Validation and conversion of the deal (SSO) form: table tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from followup_tui.core.sheet.deal_rules import (
    DEAL_FORM_FIELDS,
    EVIDENCE_FIELDS,
    LINE_MAX,
    TITLE_MAX,
    deal_values,
    missing_evidence,
    out_of_control,
    parse_completion,
    validate_deal,
)
from followup_tui.db.sheets import DEAL_FIELDS
from tests.support import TODAY

VALID: dict[str, Any] = {
    "title": "产线改造 MES 授权扩容",
    "product": "MES licences",
    "amount": "860,000",
    "completion_date": "2026-12-31",
    "status": "in_progress",
    "funnel": "in",
    "outcome": "open",
    **{field: "" for field in EVIDENCE_FIELDS},
}


def form(**changes: Any) -> dict[str, Any]:
    return {**VALID, **changes}


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"title": ""}, "title", "required"),
        ({"title": "   "}, "title", "required"),
        ({"title": "x" * (TITLE_MAX + 1)}, "title", f"at most {TITLE_MAX}"),
        ({"product": "p" * (LINE_MAX + 1)}, "product", f"at most {LINE_MAX}"),
        ({"evidence_amount": "e" * (LINE_MAX + 1)}, "evidence_amount", "at most"),
        ({"amount": "lots"}, "amount", "a number"),
        ({"amount": "-5"}, "amount", "negative"),
        ({"amount": "1e20"}, "amount", "too large"),
        ({"amount": "NaN"}, "amount", "a number"),
        ({"completion_date": "someday"}, "completion_date", "cannot read"),
        ({"completion_date": "2026-02-30"}, "completion_date", "no such date"),
        ({"completion_date": "+0d"}, "completion_date", "at least 1"),
        ({"completion_date": "某天"}, "completion_date", "无法识别日期"),
        ({"status": "hot"}, "status", "urgent"),
        ({"status": ""}, "status", "one of"),
        ({"funnel": "top"}, "funnel", "best_few"),
        ({"outcome": "maybe"}, "outcome", "won"),
    ],
)
def test_invalid_values(changes: dict[str, Any], field: str, fragment: str) -> None:
    errors = validate_deal(form(**changes), TODAY)
    assert set(errors) == {field}
    assert fragment in errors[field]


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"amount": ""},  # unknown yet: the missing evidence says so, not an error
        {"amount": "0"},
        {"amount": "１２３，４５６"},  # full-width digits from a Chinese input method
        {"amount": "1 250 000.50"},
        {"completion_date": ""},
        {"completion_date": "2020-01-01"},  # a past ISO date: deals slip
        {"completion_date": "+6w"},
        {"completion_date": "下周一"},
        {"product": "", "title": "x" * TITLE_MAX},
        {"status": "urgent", "funnel": "best_few", "outcome": "won"},
    ],
)
def test_valid_values(changes: dict[str, Any]) -> None:
    assert validate_deal(form(**changes), TODAY) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("  ", None),
        ("2027-01-15", dt.date(2027, 1, 15)),
        ("+2w", TODAY + dt.timedelta(days=14)),
        ("明天", TODAY + dt.timedelta(days=1)),
        (dt.date(2027, 3, 1), dt.date(2027, 3, 1)),
    ],
)
def test_parse_completion(text: Any, expected: dt.date | None) -> None:
    assert parse_completion(text, TODAY) == expected


@pytest.mark.parametrize(
    ("evidence", "missing"),
    [
        ({}, ["customer", "product", "amount", "completion_date", "status"]),
        ({"evidence_customer": "CFO said so"}, ["product", "amount", "completion_date", "status"]),
        ({f: "seen" for f in EVIDENCE_FIELDS}, []),
        ({**{f: "seen" for f in EVIDENCE_FIELDS}, "evidence_status": "   "}, ["status"]),
        ({**{f: "证据" for f in EVIDENCE_FIELDS}, "evidence_amount": None}, ["amount"]),
    ],
)
def test_missing_evidence_makes_the_deal_out_of_control(
    evidence: dict[str, Any], missing: list[str]
) -> None:
    assert missing_evidence(evidence) == missing
    assert out_of_control(evidence) == bool(missing)


def test_values_are_typed_deal_columns() -> None:
    raw = form(
        title="  华为 平台  ",
        amount="１,２００,０００",
        completion_date="+1m",
        evidence_customer=" 王总确认 ",
    )
    values = deal_values(raw, TODAY, account_id=7)
    assert set(values) == {"account", *DEAL_FORM_FIELDS}
    assert set(values) <= set(DEAL_FIELDS)
    assert values["account"] == 7
    assert values["title"] == "华为 平台"
    assert values["amount"] == Decimal("1200000")
    assert values["completion_date"] == dt.date(2026, 12, 22)
    assert values["evidence_customer"] == "王总确认"
    assert values["evidence_product"] == ""
    empty = deal_values(form(amount="", completion_date=""), TODAY, account_id=7)
    assert empty["amount"] is None and empty["completion_date"] is None
