"""Edit where we stand on the position scale, where we plan to be, and the three questions."""

from __future__ import annotations

from typing import Any

from followup_tui.screens.sheet.sheet_form import (
    FieldSpec,
    SheetForm,
    optional_int,
    position_choices,
    stripped,
)
from followup_tui.widgets.form_fields import FormValue

QUESTIONS = ("why", "move", "plan")


class PositionForm(SheetForm):
    """Dismisses with position, alternate_position and the three answers."""

    RECORD_NAME = "the position"

    def specs(self) -> list[FieldSpec]:
        """Two scales (+5 euphoria .. -5 panic) and three answers."""
        s = self.settings
        scale = position_choices(s)
        return [
            FieldSpec("position", self.w("position", "Position"), "choice", scale),
            FieldSpec(
                "alternate_position",
                self.w("alternate_position", "Alternate position"),
                "choice",
                scale,
            ),
            *(
                FieldSpec(f"position_{key}", s.label("position_questions", key), "text")
                for key in QUESTIONS
            ),
        ]

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """Nothing can be wrong: every choice is on the scale."""
        return {}

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """Typed position values."""
        return {
            "position": optional_int(raw["position"]),
            "alternate_position": optional_int(raw["alternate_position"]),
            **stripped(raw, *(f"position_{key}" for key in QUESTIONS)),
        }
