"""Edit one buying influence: role, mode, degree, rating with evidence, contact, results, win."""

from __future__ import annotations

from typing import Any

from followup_tui.core.sheet.contact_rules import contact_error, contact_values
from followup_tui.screens.sheet.sheet_form import (
    FieldSpec,
    SheetForm,
    choices,
    rating_ok,
    read_rating,
    stripped,
)
from followup_tui.widgets.form_fields import FormValue

TEXTS = ("role_evidence", "mode_evidence", "rating_evidence", "results", "personal_win")


class InfluenceForm(SheetForm):
    """Dismisses with Influence values (without deal and contact), or None."""

    RECORD_NAME = "this influence"
    # The values a rep sets on every person come first, one key each (an initial, a
    # typed number); the evidence and notes behind them follow.
    FIELDS = (
        "role",
        "mode",
        "degree",
        "rating",
        "contacted",
        "last_contacted_on",
        "role_evidence",
        "mode_evidence",
        "rating_evidence",
        "results",
        "personal_win",
    )

    def specs(self) -> list[FieldSpec]:
        """Role by function in this deal (never by title), stance, contact; then evidence."""
        s, w = self.settings, self.w
        return [
            FieldSpec("role", w("role", "Role"), "choice", choices(s, "roles")),
            FieldSpec(
                "mode",
                w("mode", "Response mode"),
                "choice",
                choices(s, "response_modes", blank="?"),
            ),
            FieldSpec(
                "degree", w("degree", "Influence"), "choice", choices(s, "influence_degrees")
            ),
            FieldSpec(
                "rating",
                w("rating", "Rating"),
                hint=w("rating_hint", "+5 for us .. -5 against"),
                placeholder="-5 .. +5",
            ),
            FieldSpec("contacted", w("contacted", "Contacted"), "flag"),
            FieldSpec(
                "last_contacted_on",
                w("last_contacted", "Last contacted"),
                placeholder=w("last_contacted_hint", "today, yesterday, -3d, 2026-11-20"),
            ),
            FieldSpec(
                "role_evidence",
                w("role_evidence", "Role: evidence"),
                placeholder=w("role_evidence_hint", "what they do in this deal"),
            ),
            FieldSpec("mode_evidence", w("mode_evidence", "Mode: evidence")),
            FieldSpec("rating_evidence", w("rating_evidence", "Rating: evidence")),
            FieldSpec("results", w("results", "Results they want"), "text"),
            FieldSpec("personal_win", w("personal_win", "Personal win"), "text"),
        ]

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """A rating of -5..+5; a past contact date, and a date whenever "contacted" is ticked."""
        errors: dict[str, str] = {}
        problem = contact_error(
            raw.get("contacted"),
            raw.get("last_contacted_on", ""),
            self.today,
            self.settings.language,
        )
        if problem:
            errors["last_contacted_on"] = problem
        if not rating_ok(raw.get("rating", "")):
            text = str(raw.get("rating", "")).strip()
            message = self.w("err_rating", "A rating is a whole number from -5 to +5, not {text}")
            errors["rating"] = message.format(text=text)
        return errors

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """Typed values; a contact date means the person was contacted."""
        return {
            **stripped(raw, *TEXTS),
            "role": str(raw["role"]),
            "mode": str(raw["mode"]) or None,
            "degree": str(raw["degree"]),
            "rating": read_rating(raw["rating"]),
            **contact_values(raw["contacted"], raw.get("last_contacted_on", ""), self.today),
        }
