"""The board's plan dialogs: a step (who / how / when / why / what for), and an account's
goals with its twelve monthly milestones.

Each checks what was typed with the plan's own rules (`core.review.action_plan`) and
says what is wrong inline, in the rep's language; it dismisses with the values and the
board screen writes them (undoably, `db.action_plans`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static, TextArea

from followup_tui.core.base.errors import FollowupError
from followup_tui.core.review.action_plan import (
    STEP_FIELDS,
    PlanStep,
    parse_amount,
    parse_step_when,
)
from followup_tui.core.review.review_words import month_name
from followup_tui.screens.base import AppModal
from followup_tui.screens.discard_changes import AsksBeforeDiscard
from followup_tui.screens.talking_point_form import own_keys

# Each field of a step and its column word on the board.
STEP_WORDS = {
    "when": "rs_col_when",
    "who": "rs_col_who",
    "how": "rs_col_how",
    "why": "rs_col_why",
    "what_for": "rs_col_what_for",
}


@dataclass(frozen=True)
class PlanEdit:
    """What the plan dialog closes with: the goals, a line each, and each month's amount."""

    goals: tuple[str, ...]
    milestones: dict[int, str]  # month -> amount as typed ('' clears it)


class StepForm(AsksBeforeDiscard, AppModal[dict[str, str] | None]):
    """A plan step, new or to change; dismisses with its fields, or None on escape."""

    CSS_PATH = "plan_forms.tcss"
    PALETTE_CATEGORY = "Reviews"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="plan.save", tooltip="Save the plan"),
        Binding("escape", "cancel", "Cancel", id="plan.cancel", tooltip="Close without saving"),
    ]

    RECORD_NAME = "this step"

    def __init__(self, name: str, year: int, step: PlanStep | None = None) -> None:
        super().__init__()
        self.account_name, self.year, self.step = name, year, step

    @property
    def labels(self) -> dict[str, str]:
        """Each field's label, for a dialog that names fields (an edit made elsewhere)."""
        return {field: self.word(STEP_WORDS[field]) for field in STEP_FIELDS}

    def compose(self) -> ComposeResult:
        """The five fields, an error line, the keys."""
        w = self.word
        s = self.step
        values = (
            {"when": s.when.text, "who": s.who, "how": s.how, "why": s.why, "what_for": s.what_for}
            if s is not None
            else {}
        )
        title = "rs_form_step_edit" if s is not None else "rs_form_step_new"
        with Vertical(id="plan-box", classes="plan-box"):
            yield Static(w(title).format(name=self.account_name), classes="plan-title")
            for field in STEP_FIELDS:
                yield Label(w(STEP_WORDS[field]))
                hint = w("rs_form_when_hint").format(year=self.year) if field == "when" else ""
                yield Input(
                    values.get(field, ""), id=f"step-{field}", placeholder=hint, compact=True
                )
            yield Static("", id="plan-error", classes="plan-error", markup=False)
            yield Static("", id="plan-keys", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        """Say the dialog's keys."""
        self.query_one("#plan-keys", Static).update(own_keys(self, "plan."))
        self.remember_opening()

    @on(Input.Changed)
    def edited(self) -> None:
        """An error is about what was typed before."""
        self.query_one("#plan-error", Static).update("")

    @on(Input.Submitted)
    def submitted(self) -> None:
        """Enter saves, as ctrl+s does."""
        self.action_save()

    def _wrong(self, key: str, field: str) -> None:
        self.query_one("#plan-error", Static).update(self.word(key).format(year=self.year))
        self.query_one(f"#step-{field}", Input).focus()

    def action_save(self) -> None:
        """Check the step; say what is wrong, or close with its fields."""
        values = {f: self.query_one(f"#step-{f}", Input).value.strip() for f in STEP_FIELDS}
        if not values["how"]:
            self._wrong("rs_form_need_how", "how")
            return
        try:
            parse_step_when(values["when"], self.year)
        except FollowupError:
            self._wrong("rs_form_bad_when", "when")
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        """Close without saving; with typing in it, after asking."""
        self.cancel_asking()


class PlanForm(AsksBeforeDiscard, AppModal[PlanEdit | None]):
    """An account's goals and monthly milestones for a year; None on escape."""

    CSS_PATH = "plan_forms.tcss"
    PALETTE_CATEGORY = "Reviews"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="plan.save", tooltip="Save the plan"),
        Binding("escape", "cancel", "Cancel", id="plan.cancel", tooltip="Close without saving"),
    ]

    RECORD_NAME = "this plan"

    def __init__(
        self, name: str, year: int, goals: tuple[str, ...], milestones: tuple[object, ...]
    ) -> None:
        super().__init__()
        self.account_name, self.year = name, year
        self.goals, self.milestones = goals, milestones

    @property
    def labels(self) -> dict[str, str]:
        """Each field's label (`action_plan.plan_fields`' names), for the conflict dialog."""
        months = {f"month_{m}": month_name(m, self.word) for m in range(1, 13)}
        return {"goals": self.word("rs_form_goals")} | months

    def compose(self) -> ComposeResult:
        """The goals, a line each; the twelve months' expected amounts; errors; keys."""
        w = self.word
        with Vertical(id="plan-box", classes="plan-box"):
            title = w("rs_form_plan").format(name=self.account_name, year=self.year)
            yield Static(title, classes="plan-title")
            yield Label(w("rs_form_goals"))
            yield TextArea("\n".join(self.goals), id="plan-goals", compact=True)
            yield Label(w("rs_form_milestones"))
            with Grid(id="plan-months"):
                for m in range(1, 13):
                    amount = self.milestones[m - 1]
                    yield Label(month_name(m, w))
                    yield Input(
                        "" if amount is None else str(amount),
                        id=f"month-{m}",
                        restrict=r"[0-9.,]*",
                        compact=True,
                    )
            yield Static("", id="plan-error", classes="plan-error", markup=False)
            yield Static("", id="plan-keys", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        """Say the dialog's keys."""
        self.query_one("#plan-keys", Static).update(own_keys(self, "plan."))
        self.remember_opening()

    @on(Input.Changed)
    def edited(self) -> None:
        """An error is about what was typed before."""
        self.query_one("#plan-error", Static).update("")

    def action_save(self) -> None:
        """Check every amount; say which month is wrong, or close with the plan."""
        months: dict[int, str] = {}
        for m in range(1, 13):
            field = self.query_one(f"#month-{m}", Input)
            typed = field.value.strip()
            try:
                parse_amount(typed or None, f"month {m}")
            except FollowupError:
                said = self.word("rs_form_bad_amount").format(month=month_name(m, self.word))
                self.query_one("#plan-error", Static).update(said)
                field.focus()
                return
            months[m] = typed
        goals = tuple(self.query_one("#plan-goals", TextArea).text.splitlines())
        self.dismiss(PlanEdit(goals, months))

    def action_cancel(self) -> None:
        """Close without saving; with typing in it, after asking."""
        self.cancel_asking()
