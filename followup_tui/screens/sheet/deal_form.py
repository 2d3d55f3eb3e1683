"""Add or edit a deal as a Single Sales Objective, warning while it is out of control."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from followup_tui.core.base.config import Settings
from followup_tui.core.base.dates import DateParseError
from followup_tui.core.base.kinds import SSO_INDICATORS
from followup_tui.core.sheet.deal_rules import (
    deal_values,
    missing_evidence,
    parse_completion,
    validate_deal,
)
from followup_tui.db.lookup import account_by_id
from followup_tui.screens.record_form import RecordForm, vocab
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.form_fields import FieldRow, FormValue, as_text
from followup_tui.widgets.key_select import KeySelect

# Choice fields: (column, config section, English label, default for a new deal - the
# model's defaults). Labels are the vocabulary's deal_form_<column> (status is an SSO
# indicator and has its word there).
CHOICES = (
    ("status", "deal_statuses", "Status", "getting_started"),
    ("funnel", "funnel_levels", "Funnel level", "above"),
    ("outcome", "deal_outcomes", "Outcome", "open"),
)
# English placeholders; the vocabulary's deal_form_evidence_<key> replaces each.
EVIDENCE_HINTS = {
    "customer": "who confirmed they will buy, e.g. 'CFO Wang said so on 11-02'",
    "product": "what they asked for, e.g. 'spec sheet v3 sent back with notes'",
    "amount": "where the figure comes from, e.g. 'budget line seen in their plan'",
    "completion_date": "why then, e.g. 'line goes live in March'",
    "status": "what shows the urgency, e.g. 'purchase request filed'",
}


class DealForm(RecordForm):
    """Dismisses with the Deal column values (`account` = the account id), or None."""

    CSS_PATH = ["../record_form.tcss", "deal_form.tcss"]
    PALETTE_CATEGORY = "Deal"
    RECORD_NAME = "this deal"

    def __init__(
        self,
        settings: Settings,
        account_id: int,
        initial: dict[str, Any] | None = None,
        deal_id: int | None = None,
    ) -> None:
        super().__init__(settings)
        self.account_id = account_id
        self.initial = dict(initial or {})
        self.deal_id = deal_id

    @property
    def today(self) -> dt.date:
        """The app's injected today (the system's in a bare host app)."""
        clock = getattr(self.app, "today", None)
        return clock() if callable(clock) else dt.date.today()

    def _w(self, key: str, english: str) -> str:
        """A word of this form in the configured language (English while config lacks it)."""
        return vocab(self.settings, f"deal_form_{key}", english)

    def _get(self, field: str, default: Any = "") -> Any:
        value = self.initial.get(field)
        return default if value is None else value

    def _line(self, field: str, placeholder: str = "") -> Input:
        value = self._get(field)
        # Thousands separators make 8,600,000 and 860,000 hard to confuse; both parse back.
        text = f"{value:,}" if isinstance(value, Decimal) else as_text(value)
        return Input(text, placeholder=placeholder, compact=True)

    def _choice(self, field: str, section: str, default: str) -> Select[str]:
        """A Select over a vocabulary section, holding the stored key (or the default);
        an option's initial picks it, as on the sheet's forms."""
        options = [(label, key) for key, label in self.settings.choices(section)]
        keys = {key for _label, key in options}
        value = str(self._get(field, default))
        if value not in keys:  # a key the configuration no longer has
            value = default if default in keys else options[0][1]
        return KeySelect(options, value=value, allow_blank=False, compact=True)

    def compose(self) -> ComposeResult:
        """The SSO's five indicators, then a line of evidence for each, then the warning."""
        s = self.settings
        hit = account_by_id(self.account_id)
        w = self._w
        account = hit.name if hit is not None else f"account {self.account_id}"
        indicator = {key: s.label("sso_indicators", key) for key in SSO_INDICATORS}
        # The sheet's colon and brackets: full-width in Chinese.
        colon, aside = s.word("bluesheet_colon"), s.word("bluesheet_aside")
        if self.deal_id is None:
            title = f"{w('new', 'New deal')}{colon}{account}"
        else:
            title = f"{w('edit', 'Edit deal')}{colon}{self._get('title')}"
            title += aside.format(text=account)
        with VerticalScroll(id="form-box"):
            yield Static(title, id="form-title", markup=False)
            yield FieldRow(
                "title",
                w("title", "Title"),
                self._line(
                    "title", w("title_hint", "what is sold, to whom, e.g. 'MES licences, plant 2'")
                ),
            )
            yield Static(
                f"{indicator['customer']}{colon}{account}", id="deal-customer", markup=False
            )
            yield FieldRow(
                "product",
                indicator["product"],
                self._line("product", w("product_hint", "product or service")),
            )
            yield FieldRow(
                "amount",
                indicator["amount"],
                self._line(
                    "amount", w("amount_hint", "e.g. 860,000") + aside.format(text=s.currency)
                ),
            )
            yield FieldRow(
                "completion_date",
                indicator["completion_date"],
                self._line("completion_date", w("date_hint", "e.g. 2026-12-31 or +6w")),
                hint=f"{w('date_forms', 'ISO or short:')} {w('date_examples', '2026-12-31, +6w')}",
            )
            yield Static("", id="date-preview", markup=False)
            for field, section, english, default in CHOICES:
                label = indicator.get(field) or w(field, english)
                yield FieldRow(field, label, self._choice(field, section, default))
            yield Static(
                w("evidence", "Evidence: what backs each indicator?"),
                id="evidence-title",
                markup=False,
            )
            for key in SSO_INDICATORS:
                yield FieldRow(
                    f"evidence_{key}",
                    indicator[key],
                    self._line(f"evidence_{key}", w(f"evidence_{key}", EVIDENCE_HINTS[key])),
                )
            yield Static("", id="control-warning", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the live lines before the first frame."""
        super().on_mount()
        self.refresh_date()
        self.refresh_control()

    @on(Input.Changed, "#f-completion_date")
    def refresh_date(self) -> None:
        """Show the day a shorthand date means, so '+6w' is never a surprise."""
        text = self.query_one("#f-completion_date", Input).value
        preview = self.query_one("#date-preview", Static)
        preview.display = bool(text.strip())
        try:
            day = parse_completion(text, self.today)
        except DateParseError:
            preview.update(self._w("not_a_date", "not a date yet"))
            return
        if day is None:
            preview.update("")
            return
        days = (day - self.today).days
        if days > 0:
            when = self._w("in_days", "in {n} days").format(n=days)
        elif days == 0:
            when = self._w("today", "today")
        else:
            when = self._w("passed", "already passed")
        weekday = self.settings.word("weekdays").split()[day.weekday()]
        preview.update(f"= {weekday} {day.isoformat()} ({when})")

    @on(Input.Changed)
    def refresh_control(self) -> None:
        """Warn while any of the five indicators lacks evidence: the deal is out of control."""
        values = {
            f"evidence_{key}": self.query_one(f"#f-evidence_{key}", Input).value
            for key in SSO_INDICATORS
        }
        missing = missing_evidence(values)
        warning = self.query_one("#control-warning", Static)
        warning.set_class(bool(missing), "-out")
        if missing:
            sep = self._w("sep", ", ")
            names = sep.join(self.settings.label("sso_indicators", k) for k in missing)
            words = self._w("out_of_control", "Out of control: no evidence for {names}.")
            warning.update(words.format(names=names))
        else:
            warning.update(self._w("in_control", "In control: all five indicators have evidence."))

    def check(self, raw: dict[str, FormValue]) -> dict[str, str]:
        """The deal rules, read against the app's today."""
        return validate_deal(raw, self.today, self.settings.language)

    def result(self, raw: dict[str, FormValue]) -> dict[str, Any]:
        """Typed Deal column values, with the account."""
        return deal_values(raw, self.today, self.account_id)
