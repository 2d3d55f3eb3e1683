"""Add or edit an account: its class inputs shown live as class, horizon and tactic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static, TabbedContent, TabPane

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
from followup_tui.widgets.account_fields import ClassPanel, profile_panes, state_fields
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.form_fields import FieldRow, FormValue, read_control

TIER_SIZE = 5  # 5+5+5: five accounts per tier


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

    def _say(self, key: str, english: str) -> str:
        """A form word, or plain English while the vocabulary lacks it."""
        return vocab(self.settings, key, english)

    def compose(self) -> ComposeResult:
        """The account's state on top, the profile on tabs below."""
        s = self.settings
        if self.account_id is None:
            title = vocab(s, "new_account", "New account")
        else:
            title = f"{vocab(s, 'edit_account', 'Edit account')}: {self._get('name')}"
        with VerticalScroll(id="form-box"):
            yield Static(title, id="form-title", markup=False)
            yield from state_fields(s, self._say, self.initial)
            with TabbedContent(id="profile"):
                yield from profile_panes(s, self._say, self.initial)
        yield Footer()

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
        self.query_one(ClassPanel).show(code, self.settings, self._say)

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
