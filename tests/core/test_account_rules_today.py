"""The account rules that need the day or compare two amounts, free of Textual."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from followup_tui.core.accounts.account_rules import (
    birthday_after,
    channels_error,
    target_market_potential,
    validate_account,
)

TODAY = dt.date(2024, 3, 1)


def test_a_birthday_is_after_today_only_when_it_is_a_later_real_date() -> None:
    assert birthday_after("2024-03-02", TODAY)
    assert birthday_after("２０３０-０１-０１", TODAY)  # full-width digits fold
    assert not birthday_after("2024-03-01", TODAY)
    assert not birthday_after("1970-03-15", TODAY)
    assert not birthday_after("", TODAY) and not birthday_after(None, TODAY)
    assert not birthday_after("2030-02-30", TODAY)  # malformed: validate_account says so


def test_channels_beyond_the_total_are_an_error_in_both_languages() -> None:
    million = Decimal("1000000")
    assert channels_error(million, Decimal("5000000")) == "cannot exceed the total market"
    assert channels_error(million, Decimal("5000000"), "zh") == "不能超过市场总量"
    assert channels_error(million, million) is None
    assert channels_error(None, Decimal("5")) is None and channels_error(million, None) is None
    raw = {"name": "Acme", "total_market": "1,000,000", "channels_not_in": "5,000,000"}
    assert validate_account(raw) == {"channels_not_in": "cannot exceed the total market"}


def test_no_negative_potential() -> None:
    assert target_market_potential(Decimal("1000000"), Decimal("5000000")) is None
    assert target_market_potential(Decimal("1000"), Decimal("400")) == Decimal("600")
