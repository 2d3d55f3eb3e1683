"""Edit a landmine (a risk) or a bullet (a strength the customer sees), tied to a person."""

from __future__ import annotations

from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.screens.sheet.sheet_form import (
    FieldSpec,
    Options,
    SheetForm,
    choices,
    optional_int,
    stripped,
    text_required,
)
from followup_tui.widgets.form_fields import FormValue


class LandmineForm(SheetForm):
    """Dismisses with category, text, influence, bullet and resolved; or None."""

    RECORD_NAME = "this landmine"

    def __init__(
        self,
        settings: Settings,
        title: str,
        initial: dict[str, Any] | None = None,
        *,
        people: Options = (),
        bullets: Options = (),
    ) -> None:
        super().__init__(settings, title, initial)
        self.people = people
        self.bullets = bullets

    def specs(self) -> list[FieldSpec]:
        """The risk, the bullet that disarms it (one on the sheet, or a new one), the rest.

        The new bullet is a field of its own, so a landmine and the strength that answers
        it go down in one form: the rule is to look for a bullet for every landmine.
        """
        s, w = self.settings, self.w
        return [
            FieldSpec("text", w("landmine", "Landmine"), "text"),
            FieldSpec(
                "bullet", w("disarmed_by", "Disarmed by"), "choice", [("-", ""), *self.bullets]
            ),
            FieldSpec(
                "new_bullet",
                w("new_bullet", "Or a new bullet"),
                placeholder=w("new_bullet_hint", "what the customer sees that disarms it"),
            ),
            FieldSpec(
                "category", w("category", "Category"), "choice", choices(s, "landmine_categories")
            ),
            FieldSpec("influence", w("person", "Person"), "choice", [("-", ""), *self.people]),
            FieldSpec("resolved", w("resolved", "Resolved"), "flag"),
        ]

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """Say what the risk is; one bullet, not an old one and a new one."""
        errors = text_required(raw, "text", self.w("err_risk", "Say what the risk is"))
        if str(raw.get("bullet", "")) and str(raw.get("new_bullet", "")).strip():
            errors["new_bullet"] = self.w(
                "err_two_bullets", "Choose a bullet above or write a new one, not both"
            )
        return errors

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """Typed landmine values, with `new_bullet` the text of a bullet to add ('' for none)."""
        return {
            **stripped(raw, "text", "new_bullet"),
            "category": str(raw["category"]),
            "influence": optional_int(raw["influence"]),
            "bullet": optional_int(raw["bullet"]),
            "resolved": bool(raw["resolved"]),
        }


class BulletForm(SheetForm):
    """Dismisses with category, text and influence; or None."""

    RECORD_NAME = "this bullet"

    def __init__(
        self,
        settings: Settings,
        title: str,
        initial: dict[str, Any] | None = None,
        *,
        people: Options = (),
    ) -> None:
        super().__init__(settings, title, initial)
        self.people = people

    def specs(self) -> list[FieldSpec]:
        """Category, text and the person it is tied to."""
        s, w = self.settings, self.w
        return [
            FieldSpec(
                "category", w("category", "Category"), "choice", choices(s, "bullet_categories")
            ),
            FieldSpec(
                "text",
                w("bullet", "Bullet"),
                "text",
                hint=w("bullet_hint", "what the customer sees as our difference"),
            ),
            FieldSpec("influence", w("person", "Person"), "choice", [("-", ""), *self.people]),
        ]

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """Say what the strength is."""
        return text_required(raw, "text", self.w("err_bullet", "Say what the customer sees in us"))

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """Typed bullet values."""
        return {
            **stripped(raw, "text"),
            "category": str(raw["category"]),
            "influence": optional_int(raw["influence"]),
        }
