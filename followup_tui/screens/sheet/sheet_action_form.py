"""Edit a best action: who does what by when, aimed at a landmine or a win."""

from __future__ import annotations

import datetime as dt
from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.screens.sheet.sheet_form import (
    FieldSpec,
    Options,
    SheetForm,
    date_error,
    optional_int,
    read_date,
    stripped,
    text_required,
)
from followup_tui.widgets.form_fields import FormValue


class ActionForm(SheetForm):
    """Dismisses with who, what, due, landmine, target and done; or None."""

    RECORD_NAME = "this action"

    def __init__(
        self,
        settings: Settings,
        title: str,
        initial: dict[str, Any] | None = None,
        *,
        today: dt.date | None = None,
        landmines: Options = (),
    ) -> None:
        super().__init__(settings, title, initial, today=today)
        self.landmines = landmines

    def specs(self) -> list[FieldSpec]:
        """What, by when, what it is aimed at; who (the rep unless changed) after them."""
        w = self.w
        return [
            FieldSpec("what", w("what", "What"), "text"),
            FieldSpec("due", w("due", "By when"), placeholder=self.date_hint),
            FieldSpec(
                "landmine",
                w("aimed_at", "Aimed at landmine"),
                "choice",
                [("-", ""), *self.landmines],
            ),
            FieldSpec(
                "target",
                w("target", "Or the win"),
                placeholder=w("target_hint", "the win it moves us towards"),
            ),
            FieldSpec("who", w("who", "Who")),
            FieldSpec("done", w("done", "Done"), "flag"),
        ]

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """What, by when, and aimed at something."""
        errors = text_required(raw, "what", self.w("err_what", "Say what will be done"))
        language = self.settings.language
        problem = date_error(
            raw.get("due", ""), self.today, missing=self.when_missing(), language=language
        )
        if problem:
            errors["due"] = problem
        if not str(raw.get("landmine", "")) and not str(raw.get("target", "")).strip():
            errors["target"] = self.w("err_target", "Aim it at a landmine or name the win")
        return errors

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """Typed action values."""
        return {
            **stripped(raw, "who", "what", "target"),
            "due": read_date(raw.get("due", ""), self.today),
            "landmine": optional_int(raw["landmine"]),
            "done": bool(raw["done"]),
        }
