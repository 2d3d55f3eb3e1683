"""Edit the Single Sales Objective: the five indicators and a line of evidence for each."""

from __future__ import annotations

from typing import Any

from followup_tui.core.accounts.account_rules import parse_money
from followup_tui.core.base.kinds import SSO_INDICATORS
from followup_tui.screens.sheet.sheet_form import (
    FieldSpec,
    SheetForm,
    choices,
    date_error,
    read_date,
    stripped,
    text_required,
)
from followup_tui.widgets.form_fields import FormValue

EVIDENCE = tuple(f"evidence_{key}" for key in SSO_INDICATORS)


class SsoForm(SheetForm):
    """Dismisses with deal values (title, product, amount, date, status, funnel, evidence)."""

    RECORD_NAME = "the SSO"

    def specs(self) -> list[FieldSpec]:
        """Title, the indicators' values, then their evidence."""
        s, w = self.settings, self.w
        label = s.label
        fields = [
            FieldSpec("title", w("sso", "SSO")),
            FieldSpec("product", label("sso_indicators", "product")),
            FieldSpec(
                "amount",
                label("sso_indicators", "amount"),
                placeholder=w("amount_hint", "e.g. 1,280,000"),
            ),
            FieldSpec(
                "completion_date",
                label("sso_indicators", "completion_date"),
                placeholder=self.date_hint,
            ),
            FieldSpec(
                "status", label("sso_indicators", "status"), "choice", choices(s, "deal_statuses")
            ),
            FieldSpec("funnel", w("funnel", "Funnel"), "choice", choices(s, "funnel_levels")),
        ]
        evidence = w("evidence", "{indicator}: evidence")
        fields += [
            FieldSpec(f"evidence_{key}", evidence.format(indicator=label("sso_indicators", key)))
            for key in SSO_INDICATORS
        ]
        return fields

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """A title, a readable amount and date."""
        errors = text_required(raw, "title", self.w("err_title", "Name the objective"))
        try:
            amount = parse_money(raw.get("amount", ""))
            if amount is not None and amount < 0:
                errors["amount"] = self.w("err_negative", "An amount cannot be negative")
        except ValueError:
            errors["amount"] = self.w("err_amount", "Type a number, e.g. 1,280,000")
        problem = date_error(
            raw.get("completion_date", ""), self.today, language=self.settings.language
        )
        if problem:
            errors["completion_date"] = problem
        return errors

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """Typed deal values."""
        return {
            **stripped(raw, "title", "product", *EVIDENCE),
            "amount": parse_money(raw.get("amount", "")),
            "completion_date": read_date(raw.get("completion_date", ""), self.today),
            "status": str(raw["status"]),
            "funnel": str(raw["funnel"]),
        }
