"""Add or edit an account: its class inputs shown live as class, horizon and tactic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TabbedContent, TabPane, TextArea

from followup_tui.core.accounts.account_rules import (
    account_values,
    birthday_after,
    channels_error,
    parse_money,
    target_market_potential,
    validate_account,
)
from followup_tui.core.accounts.classification import quadrant
from followup_tui.core.base.config import Settings
from followup_tui.db.accounts import ACCOUNT_FIELDS, namesake, tier_count
from followup_tui.screens.record_form import RecordForm, vocab
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.form_fields import FieldRow, FormValue, as_text, read_control

TIER_SIZE = 5  # 5+5+5: five accounts per tier
# The profile tabs: seed 002's five groups, then seed 001's market fields and the plan.
# Each field is (column, label, kind); kind picks the control and its placeholder.
PROFILE_TABS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "Basic",
        (
            ("address", "Address", "line"),
            ("phone", "Phone", "phone"),
            ("email", "Email", "email"),
            ("website", "Website", "website"),
            ("bank", "Bank", "text"),
        ),
    ),
    (
        "Business",
        (
            ("industry", "Industry", "line"),
            ("business_plans", "Business plans", "text"),
            ("fiscal_year_start", "Fiscal year starts", "mmdd"),
        ),
    ),
    (
        "Personal",
        (
            ("birthday", "Birthday", "date"),
            ("interests", "Interests", "text"),
            ("dislikes", "Dislikes", "text"),
        ),
    ),
    ("Logistics", (("delivery_preferences", "Delivery preferences", "text"),)),
    ("Record", (("business_record", "Business record", "text"),)),
    (
        "Market",
        (
            ("market_data", "Market data", "text"),
            ("total_market", "Total market", "money"),
            ("channels_not_in", "Channels we are not in", "money"),
            ("order_to_delivery_days", "Order to delivery (days)", "count"),
            ("technical_needs", "Technical needs", "line"),
            ("design_cycle", "Design cycle", "line"),
            ("supplier_reduction", "Supplier reduction", "line"),
            ("special_requirements", "Special requirements", "line"),
            ("credit", "Credit", "line"),
            ("critical_operations", "Critical operations", "line"),
            ("rules_of_engagement", "Rules of engagement", "line"),
        ),
    ),
    (
        "Plan",
        (
            ("plan_expected", "Plan: expected", "money"),
            ("plan_actual", "Plan: actual", "money"),
            ("plan_text", "Action plan", "text"),
        ),
    ),
)
# Kinds of field whose input shows an example: the vocabulary's `hint_<kind>`.
HINTED_KINDS = frozenset({"phone", "email", "website", "mmdd", "date", "money", "count"})


def make_control(kind: str, value: Any, settings: Settings | None = None) -> Widget:
    """The control for a kind of field, holding a stored value, with its example hint."""
    if kind == "text":
        return TextArea(as_text(value), soft_wrap=True, compact=True, tab_behavior="focus")
    hint = settings.word(f"hint_{kind}") if settings and kind in HINTED_KINDS else ""
    return Input(as_text(value), placeholder=hint, compact=True)


class AccountForm(RecordForm):
    """Dismisses with the account's typed values (keys of ACCOUNT_FIELDS), or None."""

    CSS_PATH = ["record_form.tcss", "account_form.tcss"]
    PALETTE_CATEGORY = "Account"
    RECORD_NAME = "this account"
    BINDINGS = [
        Binding(
            "ctrl+pagedown",
            "switch_tab(1)",
            "Next tab",
            id="account_form.next_tab",
            tooltip="Show the next profile tab",
            priority=True,  # scroll containers bind these keys to sideways paging
        ),
        Binding(
            "ctrl+pageup",
            "switch_tab(-1)",
            "Previous tab",
            id="account_form.previous_tab",
            tooltip="Show the previous profile tab",
            priority=True,
        ),
        Binding(
            "ctrl+r",
            "questionnaire",
            "Questionnaire",
            id="account_form.questionnaire",
            tooltip="Answer a few yes/no questions; they suggest willingness and need",
        ),
    ]

    def __init__(
        self,
        settings: Settings,
        initial: dict[str, Any] | None = None,
        account_id: int | None = None,
    ) -> None:
        super().__init__(settings)
        self.initial = dict(initial or {})
        self.account_id = account_id
        # Not on the form: accounts of one owner must have distinct names.
        self.owner = str(self.initial.get("owner") or "")
        # The questionnaire's answers for as long as the form is open: the model has no
        # column for them, they only suggest.
        self.answers: dict[str, bool | None] = {}
        # Whether the channels field shows the error refresh_potential put there.
        self._live_channels_error = False

    def _get(self, field: str, default: Any = "") -> Any:
        """The starting value of a field."""
        value = self.initial.get(field)
        return default if value is None else value

    def _choice(
        self, field: str, section: str, blank: str | None, default: str = ""
    ) -> Select[str]:
        """A Select over a vocabulary section; `blank` labels the 'not chosen' option."""
        options = [(label, key) for key, label in self.settings.choices(section)]
        if blank is not None:
            options.insert(0, (blank, ""))
        keys = {key for _label, key in options}
        value = str(self._get(field, default))
        if value not in keys:  # a key the configuration no longer has
            value = default if default in keys else options[0][1]
        return Select(options, value=value, allow_blank=False, compact=True)

    def compose(self) -> ComposeResult:
        """The account's state on top, the profile on tabs below."""
        s = self.settings
        unknown = s.label("answers", "unknown")
        if self.account_id is None:
            title = vocab(s, "new_account", "New account")
        else:
            title = f"{vocab(s, 'edit_account', 'Edit account')}: {self._get('name')}"
        with VerticalScroll(id="form-box"):
            yield Static(title, id="form-title", markup=False)
            yield FieldRow("name", vocab(s, "name", "Name"), Input(self._get("name"), compact=True))
            yield FieldRow(
                "relationship",
                vocab(s, "relationship", "Type"),
                self._choice("relationship", "relationship_types", None, "target"),
            )
            with Vertical(id="dormant-fields"):
                yield FieldRow(
                    "rejection_count",
                    vocab(s, "rejection_count", "Rejections"),
                    # Digits only: the field hides when not dormant, so it must never be invalid.
                    Input(
                        as_text(self._get("rejection_count", 0)),
                        restrict=r"\d*",
                        max_length=6,
                        compact=True,
                    ),
                    hint=vocab(s, "rejection_hint", "Selling starts at the fifth rejection."),
                )
                yield FieldRow(
                    "stop_reason",
                    vocab(s, "stop_reason", "Why they stopped"),
                    make_control("text", self._get("stop_reason")),
                )
            yield FieldRow(
                "willingness",
                vocab(s, "willingness", "Willingness"),
                self._choice("willingness", "willingness", unknown),
            )
            yield FieldRow(
                "need",
                vocab(s, "need", "Need"),
                self._choice("need", "need", unknown),
                hint=vocab(s, "q_form_hint", "ctrl+r: a questionnaire suggests both"),
            )
            yield Static(id="class-panel", markup=False)
            yield FieldRow(
                "tier",
                vocab(s, "tier", "Tier"),
                self._choice("tier", "tiers", vocab(s, "no_tier", "None")),
            )
            yield Static(id="tier-warning", markup=False)
            yield FieldRow(
                "notes", vocab(s, "notes", "Notes"), make_control("text", self._get("notes"))
            )
            with TabbedContent(id="profile"):
                for tab, fields in PROFILE_TABS:
                    key = tab.lower()
                    with TabPane(vocab(s, f"profile_{key}", tab), id=f"tab-{key}"):
                        for field, label, kind in fields:
                            yield FieldRow(
                                field,
                                self._profile_label(field, label),
                                make_control(kind, self.initial.get(field), s),
                            )
                        if tab == "Market":
                            yield Static(id="potential", markup=False)
        yield Footer()

    def _profile_label(self, field: str, english: str) -> str:
        """A profile field's label: the account page's word for it in other languages.

        English keeps the form's own wording ("Channels we are not in"), which says more
        than the page's short column words.
        """
        if self.settings.language == "en":
            return english
        return self.settings.word(f"field_{field}")

    def on_mount(self) -> None:
        """Fill the live panels before the first frame."""
        super().on_mount()
        self.refresh_class()
        self.refresh_dormant()
        self.refresh_tier()
        self.refresh_potential()

    def _select(self, field: str) -> str:
        """The key chosen in a Select field ('' for none)."""
        value = self.query_one(f"#f-{field}", Select).value
        return "" if value is Select.NULL else str(value)

    @on(Select.Changed, "#f-willingness, #f-need")
    def refresh_class(self) -> None:
        """Show the class the two judgements give, its signing horizon and its tactic."""
        code = quadrant(self._select("willingness"), self._select("need"))
        panel = self.query_one("#class-panel", Static)
        class_word = vocab(self.settings, "class", "Class")
        for other in self.settings.classes:
            panel.set_class(other == code, f"-class-{other}")
        if code is None:
            hint = vocab(self.settings, "unjudged_class", "(judge willingness and need to see it)")
            panel.update(f"{class_word}{self._colon}-  {hint}")
            return
        rule = self.settings.classes[code]
        horizon = vocab(self.settings, "horizon", "Signing horizon")
        # The vocabulary's tactic is a template ("Tactic: {tactic}"), shared with the page.
        tactic = vocab(self.settings, "tactic", "Tactic: {tactic}").format(tactic=rule.tactic)
        panel.update(f"{class_word} {code}  ·  {horizon}{self._colon}{rule.horizon}\n{tactic}")

    @property
    def _colon(self) -> str:
        """A colon as the language writes it: full width beside Chinese."""
        return "：" if self.settings.language == "zh" else ": "

    @on(Select.Changed, "#f-relationship")
    def refresh_dormant(self) -> None:
        """Rejections and the reason they stopped matter only for a dormant account."""
        self.query_one("#dormant-fields").display = self._select("relationship") == "dormant"

    @on(Select.Changed, "#f-tier")
    def refresh_tier(self) -> None:
        """Warn when the chosen tier already holds its five accounts."""
        tier = self._select("tier")
        count = tier_count(tier, exclude_id=self.account_id) if tier else 0
        warning = self.query_one("#tier-warning", Static)
        warning.display = count >= TIER_SIZE
        if count >= TIER_SIZE:
            words = vocab(
                self.settings,
                "tier_full",
                "'{tier}' already holds {n} accounts: 5+5+5 keeps {size} per tier.",
            )
            label = self.settings.label("tiers", tier)
            warning.update(words.format(tier=label, n=count, size=TIER_SIZE))

    @on(Input.Changed, "#f-total_market, #f-channels_not_in")
    def refresh_potential(self) -> None:
        """Target market potential = total market - the channels we are not in.

        Channels beyond the total say so under their field as the rep types, instead of
        a negative potential that only ctrl+s would call wrong.
        """
        self._check_channels()
        potential = self.potential
        shown = "-" if potential is None else f"{potential:,.2f} {self.settings.currency}"
        words = vocab(
            self.settings,
            "potential_line",
            "Target market potential: {value}  (total market - channels we are not in)",
        )
        self.query_one("#potential", Static).update(words.format(value=shown))

    def _check_channels(self) -> None:
        """Show or take back the live error on channels beyond the total market."""
        row = self.query_one("#row-channels_not_in", FieldRow)
        control = row.control
        try:
            total = parse_money(self.query_one("#f-total_market", Input).value)
            outside = parse_money(read_control(control))
        except ValueError:
            message = None  # a malformed amount is ctrl+s's to explain
        else:
            message = channels_error(total, outside, self.settings.language)
        if message is not None:
            row.set_error(message)
            # Faulted at this value, as after ctrl+s: the next change re-checks it.
            self._faulted["channels_not_in"] = read_control(control)
        elif self._live_channels_error:
            row.set_error(None)
            self._faulted.pop("channels_not_in", None)
        self._live_channels_error = message is not None

    def action_questionnaire(self) -> None:
        """Open the seed-002 questionnaire; its suggestion fills willingness and need."""
        from followup_tui.screens.questionnaire import QuestionnaireScreen, Suggestion

        def answered(found: Suggestion | None) -> None:
            if found is None:
                return
            self.answers = dict(found.answers)
            if not found.use:
                return
            # Only what the answers speak to: an unanswered dimension keeps the rep's choice.
            pairs = (("willingness", found.willingness), ("need", found.need))
            picked = [(field, value) for field, value in pairs if value is not None]
            for field, value in picked:
                self.query_one(f"#f-{field}", Select).value = value
            what = ", ".join(self.settings.label(field, value) for field, value in picked)
            words = vocab(self.settings, "q_applied", "Suggested: {what}. The choice is yours.")
            self.notify(words.format(what=what), timeout=4)

        name = self.query_one("#f-name", Input).value.strip()
        self.app.push_screen(QuestionnaireScreen(self.settings, self.answers, name), answered)

    def action_switch_tab(self, step: int) -> None:
        """Show the next or previous profile tab, with the focus on its first field."""
        tabs = self.query_one("#profile", TabbedContent)
        panes = [pane for pane in tabs.query(TabPane) if pane.id]
        ids = [pane.id for pane in panes]
        index = ids.index(tabs.active) if tabs.active in ids else 0
        pane = panes[(index + step) % len(panes)]
        tabs.active = pane.id or ""
        # Now, not when the tab's message arrives: the key typed next belongs in this field.
        self.focus_first_field(pane)

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """The field rules, then those that need the day or the database."""
        errors = validate_account(raw, self.settings.language)
        today = self.today
        birthday = raw.get("birthday")
        if "birthday" not in errors and today is not None and birthday_after(birthday, today):
            words = self.settings.word("birthday_future")
            errors["birthday"] = words.format(today=today.isoformat())
        name = str(raw.get("name", "")).strip()
        taken = None if "name" in errors else namesake(name, self.owner, self.account_id)
        if taken is not None:
            # The stored spelling, and where it is: an archived namesake is not on the list.
            stored, archived = taken
            said = "name_taken_archived" if archived else "name_taken"
            errors["name"] = self.settings.word(said).format(name=stored)
        return errors

    @property
    def today(self) -> dt.date | None:
        """The app's injected today; None in a host app without a clock (never the system's)."""
        clock = getattr(self.app, "today", None)
        return clock() if callable(clock) else None

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """Typed values for every account column the form shows, plus the owner."""
        fields = tuple(field for field in ACCOUNT_FIELDS if field in raw)
        values = account_values(raw, fields)
        if "owner" in ACCOUNT_FIELDS:
            values["owner"] = self.owner
        return values

    @property
    def potential(self) -> Decimal | None:
        """The target market potential the form shows now (None when unknown)."""
        try:
            total = parse_money(self.query_one("#f-total_market", Input).value)
            outside = parse_money(self.query_one("#f-channels_not_in", Input).value)
        except ValueError:
            return None
        return target_market_potential(total, outside)
