"""The account page: one account's state, history, follow-ups, key people, deals and profile."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane, Tabs

from followup_tui.core.accounts.account_rules import channels_error, target_market_potential
from followup_tui.core.accounts.heat import heat_on, heat_report, trend
from followup_tui.core.accounts.org_chart import ChartWords, OrgPerson, draw_org_chart
from followup_tui.db import accounts as data
from followup_tui.screens.base import AppScreen
from followup_tui.widgets.cells import (
    amount_cell,
    class_cell,
    due_cell,
    heat_cell,
    truncate_cell,
)
from followup_tui.widgets.fit_table import FitTable
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.org_chart_view import OrgChart

TREND_DAYS = 7
# The profile's groups (vocabulary group_<name>) and fields (vocabulary field_<name>).
PROFILE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("basic", ("address", "phone", "email", "website", "bank")),
    ("business", ("industry", "business_plans", "fiscal_year_start")),
    ("personal", ("birthday", "interests", "dislikes")),
    ("logistics", ("delivery_preferences",)),
    ("record", ("business_record",)),
    (
        "market",
        (
            "market_data",
            "order_to_delivery_days",
            "technical_needs",
            "design_cycle",
            "supplier_reduction",
            "special_requirements",
            "credit",
            "critical_operations",
            "rules_of_engagement",
            "total_market",
            "channels_not_in",
        ),
    ),
    ("plan", ("plan_expected", "plan_actual", "plan_text")),
)
# Tables of the tabs: their columns, as vocabulary keys col_<name>, space-separated.
# Promises come before notes: notes run long, and the table cuts the longest cells first.
COLUMNS = {
    "#timeline": "when what who outcome we_promised they_promised notes",
    "#follow-ups": "due purpose state",
    "#people": "department name title level phone email interests pains coach",
    "#deals": "deal amount completion status funnel position outcome",
}


STOP_REASON_WIDTH = 40  # cells of the header's reason a dormant account stopped; Profile has all
# What takes the focus when a tab shows, so its keys act at once (Key people: see people_shown).
TAB_FOCUS = {
    "tab-timeline": "#timeline",
    "tab-follow-ups": "#follow-ups",
    "tab-deals": "#deals",
    "tab-profile": "#profile-scroll",
    "tab-heat": "#heat-scroll",
}
# The tables whose rows enter opens: an activity in full, a person's form, a deal's blue sheet.
OPEN_ROWS = {"tab-timeline": "#timeline", "tab-people": "#people", "tab-deals": "#deals"}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _one_line(value: Any) -> str:
    """Text for a one-line cell: line breaks become spaces."""
    return " ".join(_text(value).split())


class PageTabs(TabbedContent):
    """The page's tabs: left and right switch them whatever inside has the focus."""

    BINDINGS = [
        # Priority: the tables and the org chart would take the arrows to scroll sideways.
        Binding(
            "left",
            "step(-1)",
            "Previous tab",
            id="account.previous_tab",
            tooltip="Show the previous tab",
            show=False,
            priority=True,
        ),
        Binding(
            "right",
            "step(1)",
            "Next tab",
            id="account.next_tab",
            tooltip="Show the next tab",
            show=False,
            priority=True,
        ),
    ]

    def action_step(self, step: int) -> None:
        """Show the next or previous tab, wrapping round as the tab bar does."""
        panes = [pane.id for pane in self.query(TabPane) if pane.id]
        index = panes.index(self.active) if self.active in panes else 0
        # The tab bar takes the focus from a pane going out of sight; Key people takes it back.
        self.query_one(Tabs).focus()
        self.active = panes[(index + step) % len(panes)]


class AccountPage(AppScreen[bool]):
    """Everything about one account; dismisses True when something was changed."""

    CSS_PATH = "account_page.tcss"
    PALETTE_CATEGORY = "Account"
    BINDINGS = [
        Binding("escape", "close", "Back", id="account.back", tooltip="Back to the list"),
        Binding("e", "edit", "Edit", id="account.edit", tooltip="Edit this account"),
        Binding(
            "c",
            "call",
            "Call",
            id="account.call",
            tooltip="Prepare a call: with the key person under the cursor on Key people",
        ),
        Binding(
            "p", "add_person", "Add person", id="account.add_person", tooltip="Add a key person"
        ),
        Binding(
            "o",
            "edit_person",
            "Edit person",
            id="account.edit_person",
            tooltip="Edit the key person under the cursor",
        ),
        Binding(
            "delete",
            "remove_person",
            "Remove person",
            id="account.remove_person",
            tooltip="Remove the key person under the cursor (u undoes)",
        ),
        Binding(
            "u", "undo", "Undo", id="account.undo", tooltip="Bring back the last removed person"
        ),
        Binding(
            "v",
            "toggle_org_chart",
            "Org chart",
            id="account.org_chart",
            tooltip="Show the key people as an org chart by department, or as the list",
            show=False,  # the footer is full at 130 columns; ? and the palette list it
        ),
        Binding(
            "enter",
            "open_row",
            "Open",
            id="account.open",
            tooltip="Open the highlighted row: an activity in full, a key person's form, "
            "a deal's blue sheet",
            show=False,  # the footer is full; ? and the palette list it
        ),
        Binding(
            "w",
            "why_heat",
            "Why this heat?",
            id="account.why_heat",
            tooltip="Show how the heat was reached, step by step",
        ),
    ]

    def __init__(self, account_id: int) -> None:
        super().__init__()
        self.account_id = account_id
        self.changed = False
        self.removed: list[dict[str, Any]] = []


    def _word(self, key: str) -> str:
        """A word of the vocabulary in the configured language."""
        return self.fapp.settings.word(key)

    def compose(self) -> ComposeResult:
        """A state header and tabs."""
        w = self._word
        yield Header()
        yield Static(id="account-header")
        with PageTabs(id="account-tabs"):
            with TabPane(w("tab_timeline"), id="tab-timeline"):
                labels = [w(f"col_{name}") for name in COLUMNS["#timeline"].split()]
                # When, what and the outcome stay whole; who, promises and notes give way.
                yield FitTable(
                    labels, keep=(0, 1, 3), id="timeline", cursor_type="row", zebra_stripes=True
                )
                yield self._empty("timeline", w("empty_timeline"))
            with TabPane(w("tab_follow_ups"), id="tab-follow-ups"):
                yield DataTable(id="follow-ups", cursor_type="row", zebra_stripes=True)
                yield self._empty("follow-ups", w("empty_follow_ups"))
            with TabPane(w("tab_people"), id="tab-people"):
                labels = [w(f"col_{name}") for name in COLUMNS["#people"].split()]
                yield FitTable(labels, id="people", cursor_type="row", zebra_stripes=True)
                yield self._empty("people", w("no_person_yet"))
                yield OrgChart(id="org-chart")
            with TabPane(w("tab_deals"), id="tab-deals"):
                yield DataTable(id="deals", cursor_type="row", zebra_stripes=True)
                yield self._empty("deals", w("empty_deals"))
            with TabPane(w("tab_profile"), id="tab-profile"), VerticalScroll(id="profile-scroll"):
                yield Static(id="profile")
            with TabPane(w("tab_heat"), id="tab-heat"), VerticalScroll(id="heat-scroll"):
                yield Static(id="heat-why")
        yield Footer()

    @staticmethod
    def _empty(table: str, words: str) -> Static:
        """The line a tab shows in place of its table while the table has no rows."""
        return Static(words, id=f"{table}-empty", classes="empty-state", markup=False)

    def _mark_empty(self, table: str, empty: bool) -> None:
        """Show the table, or its empty line when it has no rows."""
        pane = next(node for node in self.query_one(table).ancestors if isinstance(node, TabPane))
        pane.set_class(empty, "-empty")

    def on_mount(self) -> None:
        """Set up the tables and fill everything."""
        for table, columns in COLUMNS.items():
            if table in ("#people", "#timeline"):
                continue  # FitTables: they size their own columns to the rows they show
            labels = [self._word(f"col_{name}") for name in columns.split()]
            self.query_one(table, DataTable).add_columns(*labels)
        self.reload()

    def reload(self) -> None:
        """Read the account again and redraw every part."""
        settings = self.fapp.settings
        today = self.fapp.today()
        account = data.get_account(self.account_id)
        self.account = account
        self.sub_title = account["name"]
        history = data.activity_records(self.account_id)
        report = heat_report(history, today, account["quadrant"], settings)
        before = heat_on(report, today.fromordinal(today.toordinal() - TREND_DAYS))
        direction = trend(report.value, before)
        self._header(account, report.value, direction)
        why = self.query_one("#heat-why", Static)
        # An unjudged account decays at a default class's rate: say so, not "class C".
        said = "heat_why" if account["quadrant"] else "heat_why_unjudged"
        head = self._word(said).format(
            heat=f"{report.value:.0f}",
            trend=self._word(f"trend_{direction}"),
            days=TREND_DAYS,
            klass=report.klass,
            rate=f"{report.rate:g}",
        )
        why.update(head + "\n\n" + "\n".join(report.explanation))
        self._timeline()
        self._follow_ups(today)
        self._people()
        self._deals()
        self._profile(account)

    def _header(self, account: dict[str, Any], heat: float, direction: str) -> None:
        settings = self.fapp.settings
        w = self._word
        line1 = Text.assemble(
            (account["name"], "bold"), w("page_class"), class_cell(account["quadrant"])
        )
        code = account["quadrant"]
        if code:
            rule = settings.classes[code]
            line1.append(w("signs_within").format(horizon=rule.horizon), style="dim")
            tactic = Text(w("tactic").format(tactic=rule.tactic), style="italic")
        else:
            tactic = Text(w("not_judged"), style="italic dim")
        line2 = Text.assemble(
            w("page_heat"),
            heat_cell(heat),
            f" {w(f'trend_{direction}')}",
            "   ",
            settings.label("relationship_types", account["relationship"]),
        )
        if account["relationship"] == "dormant":
            line2.append(w("rejections").format(n=account["rejection_count"]))
            if _one_line(account["stop_reason"]):
                why = Text(_one_line(account["stop_reason"]))
                truncate_cell(why, STOP_REASON_WIDTH)  # the Profile tab has it in full
                line2.append(w("page_stopped").format(why=why.plain), style="italic")
        tier = settings.label("tiers", account["tier"]) if account["tier"] else "-"
        line2.append(w("page_tier") + tier)
        nxt = data.next_follow_up(self.account_id)
        line3 = Text(w("page_next"))
        if nxt is None:
            line3.append(w("no_next_step"), style="bold red")
        else:
            line3.append_text(due_cell(nxt["due"], self.fapp.today()))
            line3.append(f"  {nxt['purpose']}")
        if account["archived"]:
            line3.append(w("page_archived"), style="bold reverse")
        header = Text("\n").join([line1, tactic, line2, line3])
        self.query_one("#account-header", Static).update(header)

    def _timeline(self) -> None:
        settings = self.fapp.settings
        self.activities: dict[str, dict[str, Any]] = {}
        rows = []
        for row in data.timeline(self.account_id):
            key = str(row["id"])
            self.activities[key] = row
            rows.append(
                (
                    key,
                    (
                        data.local_time(row["occurred_at"]).strftime("%Y-%m-%d %H:%M"),
                        settings.label("activity_kinds", row["kind"]),
                        row.get("contact_name") or "-",
                        settings.label("outcomes", row["outcome"]) if row["outcome"] else "-",
                        _one_line(row["our_commitments"]),
                        _one_line(row["their_commitments"]),
                        _one_line(row["notes"]),
                    ),
                )
            )
        self.query_one("#timeline", FitTable).show(rows)
        self._mark_empty("#timeline", not rows)

    def _follow_ups(self, today) -> None:  # type: ignore[no-untyped-def]
        table = self.query_one("#follow-ups", DataTable)
        table.clear()
        for row in data.follow_ups(self.account_id):
            state = "done" if row["done"] else ("snoozed" if row["snooze_count"] else "open")
            due = due_cell(row["due"], today) if not row["done"] else Text(str(row["due"]), "dim")
            table.add_row(due, row["purpose"], self._word(f"state_{state}"))
        self._mark_empty("#follow-ups", not table.row_count)

    def _people(self) -> None:
        people = data.list_contacts(self.account_id)
        self._org_chart(people)
        rows = [
            (
                str(person["id"]),
                (
                    person["department"] or "-",
                    Text(person["name"], style="bold" if person["is_coach"] else ""),
                    _text(person["title"]),
                    "●" * (person["level"] or 0),
                    _text(person["phone"]),
                    _text(person["email"]),
                    _text(person["interests"]),
                    _text(person["pains"]),
                    self._word("coach") if person["is_coach"] else "",
                ),
            )
            for person in people
        ]
        self.query_one("#people", FitTable).show(rows)
        self._mark_empty("#people", not rows)

    def _org_chart(self, people: list[dict[str, Any]]) -> None:
        """Lay the key people out by department and level; the widget draws them."""
        words = ChartWords(no_department=self._word("no_department"), coach=self._word("coach"))
        chart = [OrgPerson.from_row(person) for person in people]
        lines = draw_org_chart(self.account["name"], chart, words)
        self.query_one(OrgChart).show(lines, self._word("no_person_yet"))

    def _deals(self) -> None:
        settings = self.fapp.settings
        table = self.query_one("#deals", DataTable)
        table.clear()
        for deal in data.deals(self.account_id):
            position = deal["position"]
            table.add_row(
                deal["title"],
                amount_cell(deal["amount"]),
                _text(deal["completion_date"]),
                settings.label("deal_statuses", deal["status"]),
                settings.label("funnel_levels", deal["funnel"]),
                "-"
                if position is None
                else f"{position:+d} " + settings.label("position_scale", str(position)),
                settings.label("deal_outcomes", deal["outcome"]),
                key=str(deal["id"]),
            )
        self._mark_empty("#deals", not table.row_count)

    def _profile(self, account: dict[str, Any]) -> None:
        w = self._word
        out = Text()
        dormant = account["relationship"] == "dormant"
        if dormant or account.get("stop_reason"):
            # Why they stopped buying comes first: it is what the next call has to answer.
            # Won back, the account keeps it as history, said as such.
            group = "group_dormant" if dormant else "group_was_dormant"
            out.append(f"{w(group)}\n", style="bold underline")
            for name in ("rejection_count", "stop_reason"):
                out.append(f"  {w(f'field_{name}')}{w('field_sep')}", style="dim")
                out.append(f"{_text(account.get(name)) or '-'}\n")
            out.append("\n")
        for group, fields in PROFILE_GROUPS:
            out.append(f"{w(f'group_{group}')}\n", style="bold underline")
            for name in fields:
                stored = account.get(name)
                # Money with thousands separators, as the form and the potential show it.
                value = f"{stored:,}" if isinstance(stored, Decimal) else _text(stored) or "-"
                out.append(f"  {w(f'field_{name}')}{w('field_sep')}", style="dim")
                out.append(f"{value}\n")
            if group == "market":
                total, not_in = account.get("total_market"), account.get("channels_not_in")
                if total is not None:
                    potential = target_market_potential(total, not_in)
                    out.append(w("market_potential"), style="dim")
                    if potential is None:  # channels beyond the market: an import can bring it
                        problem = channels_error(total, not_in, self.fapp.settings.language)
                        out.append(f"{problem}\n", style="bold red")
                    else:
                        out.append(f"{potential:,.0f}\n", style="bold")
            out.append("\n")
        if account.get("notes"):
            out.append(f"{w('notes')}\n", style="bold underline")
            out.append(account["notes"])
        self.query_one("#profile", Static).update(out)

    # -- actions -----------------------------------------------------------------------
    def focused_account_id(self) -> int | None:
        """This account, for the app's quick note."""
        return self.account_id

    def action_reload(self) -> None:
        """Redraw after a change made elsewhere (a quick note)."""
        self.changed = True
        self.reload()

    def action_close(self) -> None:
        """Back to where we came from."""
        self.dismiss(self.changed)

    def action_call(self) -> None:
        """Open the call script, for the key person under the cursor when on that tab."""
        from followup_tui.screens.call_script import CallScriptScreen

        contact_id = None
        if self.query_one(TabbedContent).active == "tab-people":
            contact_id = self._person_id()

        def done(logged: bool | None) -> None:
            if logged:
                self.changed = True
                self.reload()

        self.app.push_screen(CallScriptScreen(self.account_id, contact_id=contact_id), done)

    def action_why_heat(self) -> None:
        """Switch to the heat explanation."""
        self.query_one(TabbedContent).active = "tab-heat"

    def action_edit(self) -> None:
        """Edit this account in the form."""
        from followup_tui.screens.account_form import AccountForm

        def saved(values: dict | None) -> None:
            if values is not None:
                data.save_account(values, self.account_id)
                self.changed = True
                self.reload()

        form = AccountForm(self.fapp.settings, initial=self.account, account_id=self.account_id)
        self.app.push_screen(form, saved)

    def _person_id(self) -> int | None:
        table = self.query_one("#people", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_add_person(self) -> None:
        """Add a key person."""
        self._person_form(None)

    @property
    def chart_shown(self) -> bool:
        """Whether Key people shows the org chart rather than the list."""
        return self.has_class("-org-chart")

    def _show_people(self, *, chart: bool | None = None) -> None:
        """Switch to Key people, as the list or the chart, with it focused so keys act at once.

        `chart` None keeps the view the rep chose last.
        """
        if chart is not None:
            self.set_class(chart, "-org-chart")
        self.query_one(TabbedContent).active = "tab-people"
        # Focus here too: no TabActivated arrives when the tab was already active.
        self.people_shown()

    @on(TabbedContent.TabActivated, "#account-tabs", pane="#tab-people")
    def people_shown(self) -> None:
        """Key people became active (click, key or action): the list or the chart takes the keys."""
        self.query_one(OrgChart if self.chart_shown else "#people").focus()

    @on(TabbedContent.TabActivated, "#account-tabs")
    def tab_shown(self, event: TabbedContent.TabActivated) -> None:
        """A tab became active: its table (or its text) takes the focus, so enter acts at once."""
        pane = event.pane.id or ""
        if pane == "tab-people":
            return  # people_shown: the list or the chart
        target = TAB_FOCUS.get(pane)
        if target is not None:
            self.query_one(target).focus()

    def action_open_row(self) -> None:
        """Enter wherever the focus is: open the shown tab's highlighted row."""
        target = OPEN_ROWS.get(self.query_one(TabbedContent).active)
        if target is None:
            return
        table = self.query_one(target, DataTable)
        if target == "#people" and self.chart_shown:
            self.action_edit_person()
        elif table.row_count:
            table.action_select_cursor()

    @on(DataTable.RowSelected, "#timeline")
    def activity_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on an activity shows it in full: the columns cut notes and promises short."""
        from followup_tui.screens.activity_detail import ActivityDetail

        settings = self.fapp.settings
        w = self._word
        row = self.activities[str(event.row_key.value)]
        title = w("activity_title").format(
            when=data.local_time(row["occurred_at"]).strftime("%Y-%m-%d %H:%M"),
            what=settings.label("activity_kinds", row["kind"]),
            who=row.get("contact_name") or "-",
            outcome=settings.label("outcomes", row["outcome"]) if row["outcome"] else "-",
        )
        sections = [
            (w(f"col_{name}"), _text(row[column]))
            for name, column in (
                ("notes", "notes"),
                ("we_promised", "our_commitments"),
                ("they_promised", "their_commitments"),
            )
        ]
        self.app.push_screen(ActivityDetail(title, sections, w("activity_keys")))

    def action_toggle_org_chart(self) -> None:
        """Key people as an org chart by department, or back to the list."""
        on_people = self.query_one(TabbedContent).active == "tab-people"
        # From another tab the key shows the chart; on Key people it flips the view.
        self._show_people(chart=not self.chart_shown if on_people else True)

    def action_edit_person(self) -> None:
        """Edit the key person under the cursor on the Key people tab."""
        self._show_people(chart=False)  # the cursor that says who lives on the list
        person_id = self._person_id()
        if person_id is None:
            self.notify(self._word("no_person_yet"), severity="warning")
            return
        self._person_form(person_id)

    def _person_form(self, person_id: int | None) -> None:
        from followup_tui.screens.contact_form import ContactForm

        initial = None
        if person_id is not None:
            initial = next(p for p in data.list_contacts(self.account_id) if p["id"] == person_id)

        def saved(values: dict | None) -> None:
            if values is not None:
                data.save_contact(values, self.account_id, person_id)
                self.changed = True
                self._show_people()
                self.reload()

        coach = data.coach_of(self.account_id, exclude_id=person_id)
        form = ContactForm(self.fapp.settings, initial=initial, coach=coach)
        self.app.push_screen(form, saved)

    def action_remove_person(self) -> None:
        """Remove the key person under the cursor after asking; u brings them back."""
        from followup_tui.screens.confirm import Confirm

        self._show_people(chart=False)
        person_id = self._person_id()
        if person_id is None:
            self.notify(self._word("no_person_to_remove"), severity="warning")
            return
        name = next(p["name"] for p in data.list_contacts(self.account_id) if p["id"] == person_id)

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(person_id)

        question = self._word("remove_person").format(name=name, account=self.account["name"])
        self.app.push_screen(Confirm(question), answered)

    def _remove(self, person_id: int) -> None:
        saved = data.delete_contact(person_id)
        self.removed.append(saved)
        self.changed = True
        self.reload()
        self.notify(self._word("removed_undo").format(name=saved["name"]), timeout=6)

    def action_undo(self) -> None:
        """Bring back the last removed key person."""
        if not self.removed:
            self.notify(self._word("nothing_to_undo"), severity="warning")
            return
        saved = self.removed.pop()
        data.restore_contact(saved)
        self.reload()
        self._show_people(chart=False)
        table = self.query_one("#people", DataTable)
        table.move_cursor(row=table.get_row_index(str(saved["id"])))
        self.notify(self._word("is_back").format(name=saved["name"]))

    @on(DataTable.RowSelected, "#deals")
    def deal_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on a deal opens its blue sheet."""
        from followup_tui.screens.sheet.blue_sheet import BlueSheetScreen

        def closed(changed: bool | None) -> None:
            if changed:
                self.changed = True
                self.reload()

        deal_id = int(str(event.row_key.value))
        self.app.push_screen(BlueSheetScreen(deal_id), closed)

    @on(DataTable.RowSelected, "#people")
    def person_chosen(self) -> None:
        """Enter on a person edits them."""
        self.action_edit_person()
