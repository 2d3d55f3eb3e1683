"""Answer the three ideal-customer questions: credit, key-need fit, loyalty."""

from __future__ import annotations

from typing import Any

from followup_tui.core.base.kinds import FIT_QUESTIONS
from followup_tui.screens.sheet.sheet_form import FieldSpec, SheetForm, choices, stripped
from followup_tui.widgets.form_fields import FormValue


class FitForm(SheetForm):
    """Dismisses with fit_credit, fit_need_fit, fit_loyalty (good/bad/unknown) and fit_notes."""

    RECORD_NAME = "the fit"

    def specs(self) -> list[FieldSpec]:
        """Three good/bad/unknown answers and notes."""
        s = self.settings
        answers = choices(s, "answers")
        return [
            *(
                FieldSpec(f"fit_{key}", s.label("fit_questions", key), "choice", answers)
                for key in FIT_QUESTIONS
            ),
            FieldSpec("fit_notes", self.w("notes", "Notes"), "text"),
        ]

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """Nothing can be wrong: every answer is a choice."""
        return {}

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """Typed fit values."""
        answers = {f"fit_{key}": str(raw[f"fit_{key}"]) for key in FIT_QUESTIONS}
        return {**answers, **stripped(raw, "fit_notes")}
