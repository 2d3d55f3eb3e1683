"""The account rules that need the day or compare two amounts, free of Textual."""

from __future__ import annotations

from decimal import Decimal

from followup_tui.account_rules import (
    channels_error,
    target_market_potential,
    validate_account,
)


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
