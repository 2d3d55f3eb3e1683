"""The account and contact form rules: every rule, as tables of good and bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from followup_tui.core.accounts.account_rules import (
    account_values,
    contact_values,
    suggest_quadrant_inputs,
    target_market_potential,
    validate_account,
    validate_contact,
)
from followup_tui.db.accounts import ACCOUNT_FIELDS, CONTACT_FIELDS


def account_error(field: str, value: Any, **others: Any) -> str | None:
    """The message for one field of an otherwise valid account."""
    values = {"name": "Acme", **others, field: value}
    return validate_account(values).get(field)


def contact_error(field: str, value: Any, **others: Any) -> str | None:
    """The message for one field of an otherwise valid contact."""
    values = {"name": "Ann", **others, field: value}
    return validate_contact(values).get(field)


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Acme", True),
        ("  Acme  ", True),
        ("华为技术有限公司", True),
        ("株式会社トヨタ", True),
        ("삼성전자", True),
        ("ＡＣＭＥ 华为", True),
        ("x" * 200, True),
        ("华" * 200, True),
        ("", False),
        ("   ", False),
        ("\u3000", False),  # an ideographic space is blank too
        ("x" * 201, False),
        (None, False),
    ],
)
def test_account_name(name: str | None, ok: bool) -> None:
    assert (account_error("name", name) is None) == ok


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("", True),
        ("+86 21 5555 0100", True),
        ("(021) 5555-0100", True),
        ("13800000000", True),
        ("＋８６ １３８ ０００００００", True),  # full-width, as a Chinese IME types it
        ("123456", True),
        ("1" * 20, True),
        ("12345", False),
        ("1" * 21, False),
        ("555-CALL-NOW", False),
        # An extension after the number, in the ways reps write it (QA: all were refused).
        ("+86 10 1234 5678 ext 12", True),
        ("+86 10 1234 5678 ext. 12", True),
        ("+86 10 1234 5678 x12", True),
        ("+86 10 1234 5678 转12", True),
        ("+86 10 1234 5678 分机 12", True),
        ("+86 139 0000 1234 / +86 10 1234 5678 转12", True),  # two numbers, as the card reads
        ("12345 ext 678", False),  # the extension's digits do not make the number long enough
        ("+86 10 1234 5678 ext", False),
        ("ext 12", False),
        ("+-()", False),
    ],
)
def test_phone_shape(phone: str, ok: bool) -> None:
    assert (account_error("phone", phone) is None) == ok
    assert (contact_error("phone", phone) is None) == ok


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("", True),
        ("ann@example.com", True),
        ("ann.lee+crm@mail.example.co.uk", True),
        ("王伟@例子.中国", True),
        ("ann", False),
        ("ann@example", False),
        ("ann@@example.com", False),
        ("ann @example.com", False),
        ("@example.com", False),
        ("ann@.com", False),
    ],
)
def test_email_shape(email: str, ok: bool) -> None:
    assert (account_error("email", email) is None) == ok
    assert (contact_error("email", email) is None) == ok


@pytest.mark.parametrize(
    ("website", "ok"),
    [
        ("", True),
        ("example.com", True),
        ("www.example.com", True),
        ("https://example.com/about?x=1", True),
        ("HTTP://EXAMPLE.COM", True),
        ("华为.中国", True),
        ("example", False),
        ("exa mple.com", False),
        ("ftp://example.com", False),
    ],
)
def test_website_shape(website: str, ok: bool) -> None:
    assert (account_error("website", website) is None) == ok


@pytest.mark.parametrize(
    ("birthday", "ok"),
    [
        ("", True),
        ("1970-03-15", True),
        ("2000-02-29", True),
        (dt.date(1970, 3, 15), True),
        ("1970-3-5", True),
        ("2001-02-29", False),
        ("1970-13-01", False),
        ("15/03/1970", False),
        ("tomorrow", False),
    ],
)
def test_birthday_is_a_real_date(birthday: Any, ok: bool) -> None:
    assert (account_error("birthday", birthday) is None) == ok


@pytest.mark.parametrize(
    ("start", "ok"),
    [("", True), ("01-01", True), ("02-29", True), ("04-31", False), ("4/1", False)],
)
def test_fiscal_year_start(start: str, ok: bool) -> None:
    assert (account_error("fiscal_year_start", start) is None) == ok


@pytest.mark.parametrize("field", ["rejection_count", "order_to_delivery_days"])
@pytest.mark.parametrize(
    ("value", "ok"),
    [("", True), ("0", True), ("12", True), (7, True), ("１２", True), ("-1", False),
     ("1.5", False), ("many", False), (-3, False)],
)  # fmt: skip
def test_counts_are_whole_and_not_negative(field: str, value: Any, ok: bool) -> None:
    assert (account_error(field, value) is None) == ok


@pytest.mark.parametrize(
    "field", ["total_market", "channels_not_in", "plan_expected", "plan_actual"]
)
@pytest.mark.parametrize(
    ("value", "ok"),
    [("", True), ("0", True), ("1250000", True), ("1,250,000.50", True), (Decimal("3.5"), True),
     ("-1", False), ("abc", False), ("NaN", False), ("Infinity", False), ("1e13", False),
     ("¥100", False)],
)  # fmt: skip
def test_money_is_a_non_negative_number(field: str, value: Any, ok: bool) -> None:
    others = {"total_market": "1e11"} if field == "channels_not_in" else {}
    assert (account_error(field, value, **others) is None) == ok


@pytest.mark.parametrize(
    ("total", "outside", "ok"),
    [("1000", "400", True), ("1000", "1000", True), ("1000", "1000.01", False), ("", "5", True)],
)
def test_channels_not_in_at_most_the_total_market(total: str, outside: str, ok: bool) -> None:
    assert (account_error("channels_not_in", outside, total_market=total) is None) == ok


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("relationship", "dormant", True),
        ("relationship", "prospect", False),
        ("relationship", "", False),
        ("willingness", "", True),
        ("willingness", "high", True),
        ("willingness", "maybe", False),
        ("need", "weak", True),
        ("need", "huge", False),
        ("tier", "", True),
        ("tier", "no_business", True),
        ("tier", "gold", False),
    ],
)
def test_choices_must_be_known_keys(field: str, value: str, ok: bool) -> None:
    assert (account_error(field, value) is None) == ok


def test_every_problem_is_reported_at_once() -> None:
    errors = validate_account({"name": "", "email": "x", "phone": "1", "plan_actual": "-2"})
    assert set(errors) == {"name", "email", "phone", "plan_actual"}
    assert validate_account({"name": "Acme"}) == {}


def test_account_values_are_typed() -> None:
    raw = {field: "" for field in ACCOUNT_FIELDS} | {
        "name": "  华为  ",
        "relationship": "dormant",
        "willingness": "high",
        "need": "",
        "rejection_count": "4",
        "birthday": "1970-03-15",
        "total_market": "1,000,000",
        "channels_not_in": "250000.5",
        "order_to_delivery_days": "",
    }
    assert validate_account(raw) == {}
    values = account_values(raw, ACCOUNT_FIELDS)
    assert set(values) == set(ACCOUNT_FIELDS)
    assert values["name"] == "华为"
    assert values["willingness"] == "high"
    assert values["need"] is None and values["tier"] is None
    assert values["rejection_count"] == 4
    assert values["birthday"] == dt.date(1970, 3, 15)
    assert values["total_market"] == Decimal("1000000")
    assert values["channels_not_in"] == Decimal("250000.5")
    assert values["plan_expected"] is None
    assert values["order_to_delivery_days"] is None
    assert values["notes"] == "" and values["owner"] == ""
    assert account_values({"rejection_count": ""}, ("rejection_count",)) == {"rejection_count": 0}


@pytest.mark.parametrize(
    ("total", "outside", "expected"),
    [
        (Decimal("1000"), Decimal("400"), Decimal("600")),
        (Decimal("1000"), None, Decimal("1000")),
        (Decimal("1000"), Decimal("1000"), Decimal("0")),
        (None, Decimal("5"), None),
        (None, None, None),
    ],
)
def test_target_market_potential(
    total: Decimal | None, outside: Decimal | None, expected: Decimal | None
) -> None:
    assert target_market_potential(total, outside) == expected


@pytest.mark.parametrize(
    ("name", "ok"), [("Ann", True), ("王伟", True), ("", False), ("x" * 201, False)]
)
def test_contact_name(name: str, ok: bool) -> None:
    assert (contact_error("name", name) is None) == ok


@pytest.mark.parametrize(
    ("level", "ok"),
    [("", True), (None, True), ("1", True), ("5", True), (3, True), ("0", False), ("6", False),
     ("high", False)],
)  # fmt: skip
def test_contact_level(level: Any, ok: bool) -> None:
    assert (contact_error("level", level) is None) == ok


@pytest.mark.parametrize(
    ("zone", "ok"),
    [("", True), ("Asia/Shanghai", True), ("Europe/Berlin", True), ("UTC", True),
     ("Asia/Beijing", False), ("Mars/Olympus", False), ("GMT+8", False), ("../etc", False)],
)  # fmt: skip
def test_contact_time_zone(zone: str, ok: bool) -> None:
    assert (contact_error("time_zone", zone) is None) == ok


@pytest.mark.parametrize(
    ("start", "end", "bad"),
    [
        ("", "", None),
        ("09:00", "17:30", None),
        ("00:00", "23:59", None),
        ("09:00", "", "call_window_end"),
        ("", "17:00", "call_window_start"),
        ("17:00", "09:00", "call_window_end"),
        ("09:00", "09:00", "call_window_end"),
        ("9:00", "17:00", "call_window_start"),
        ("24:00", "25:00", "call_window_start"),
        ("09:00", "17:60", "call_window_end"),
        ("nine", "17:00", "call_window_start"),
    ],
)
def test_contact_call_window(start: str, end: str, bad: str | None) -> None:
    errors = validate_contact({"name": "Ann", "call_window_start": start, "call_window_end": end})
    if bad is None:
        assert errors == {}
    else:
        assert bad in errors


def test_contact_values_are_typed() -> None:
    raw: dict[str, Any] = {field: "" for field in CONTACT_FIELDS} | {
        "name": " 王伟 ",
        "level": "4",
        "is_coach": True,
        "time_zone": "Asia/Shanghai",
    }
    assert validate_contact(raw) == {}
    values = contact_values(raw, CONTACT_FIELDS)
    assert set(values) == set(CONTACT_FIELDS)
    assert values["name"] == "王伟"
    assert values["level"] == 4
    assert values["is_coach"] is True
    assert contact_values({"level": "", "is_coach": False}, ("level", "is_coach")) == {
        "level": None,
        "is_coach": False,
    }


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, (None, None)),
        ({"knows_our_products": True, "interested_in_growing_together": True}, ("high", None)),
        ({"knows_our_products": False, "interested_in_growing_together": False}, ("low", None)),
        ({"has_obstacles_to_us": True}, ("low", None)),
        ({"used_similar_products": True, "knows_the_value": True}, (None, "strong")),
        ({"used_similar_products": False, "knows_the_value": False}, (None, "weak")),
        ({"knows_our_products": True, "has_obstacles_to_us": True, "knows_the_value": False},
         ("high", "weak")),
        ({"knows_our_products": None, "unknown_question": True}, (None, None)),
    ],
)  # fmt: skip
def test_questionnaire_suggests_willingness_and_need(
    answers: dict[str, bool | None], expected: tuple[str | None, str | None]
) -> None:
    assert suggest_quadrant_inputs(answers) == expected


def test_messages_follow_the_language() -> None:
    from followup_tui.core.accounts.account_rules import validate_contact
    from followup_tui.core.sheet.deal_rules import validate_deal

    zh = validate_account({"name": "", "phone": "12", "email": "x@"}, "zh")
    assert zh == {
        "name": "名称必填",
        "phone": "电话号码应有6到20位数字（现在是2位）",
        "email": "邮箱地址应形如 name@example.com",
    }
    assert validate_contact({"name": "李", "call_window_start": "09:00"}, "zh") == {
        "call_window_end": "请同时填写通话时段的开始和结束"
    }
    deal = validate_deal({"title": "", "amount": "-1"}, dt.date(2026, 11, 22), "zh")
    assert deal["title"].startswith("标题必填") and deal["amount"] == "不能为负数"
    assert validate_account({"name": ""})["name"] == "a name is required"
