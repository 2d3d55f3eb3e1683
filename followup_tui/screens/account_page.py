"""The account page: one account's state, history, follow-ups, key people, deals and profile.

The page reads the data and decides; the widgets in `followup_tui.widgets.account_*` draw.
The key people's flows (add, edit, remove, undo, the org chart) live in its base,
`screens/key_people_flows.py`.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, TabbedContent
from textual.widgets.data_table import RowDoesNotExist

from followup_tui.core.accounts.account_view import (
    ActivityView,
    heat_why,
    usual_months_text,
)
from followup_tui.core.accounts.buying_season import usual_months
from followup_tui.core.accounts.heat_state import heat_now
from followup_tui.db import accounts as data
from followup_tui.db.lookup import next_step_due
from followup_tui.screens.key_people_flows import AccountPeopleScreen
from followup_tui.screens.outside_writes import FollowsOutsideWrites
from followup_tui.screens.undo_flow import record
from followup_tui.widgets.account_header import AccountHeader
from followup_tui.widgets.account_people import PeoplePane
from followup_tui.widgets.account_profile import HeatPane, ProfilePane
from followup_tui.widgets.account_records import DealsPane, FollowUpsPane
from followup_tui.widgets.account_timeline import TimelinePane
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.page_tabs import PageTabs
from followup_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from followup_tui.db.undo import Change

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


class AccountPage(FollowsOutsideWrites, AccountPeopleScreen):
    """Everything about one account; dismisses True when something was changed."""

    CSS_PATH = [
        "account_page.tcss",
        "../widgets/account_header.tcss",
        "../widgets/account_profile.tcss",
    ]
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
            "u",
            "undo",
            "Undo",
            id="account.undo",
            tooltip="Undo the last change: an edit, a key person's change, an archive",
        ),
        Binding(
            "U",
            "redo",
            "Redo",
            key_display="U",
            show=False,  # the footer is full; ? and the palette list it
            id="account.redo",
            tooltip="Make the last undone change again",
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

    def __init__(self, account_id: int, *, at: tuple[str, int] | None = None) -> None:
        super().__init__()
        self.account_id = account_id
        # Where a search found the account: (place, row id) of a note or record to show.
        self.at = at
        self.changed = False
        self.others_changed: set[int] = set()

    def compose(self) -> ComposeResult:
        """A state header and tabs."""
        settings = self.fapp.settings
        yield TitleBar()
        yield AccountHeader(id="account-header")
        with PageTabs(id="account-tabs"):
            yield TimelinePane(settings, id="tab-timeline")
            yield FollowUpsPane(settings, id="tab-follow-ups")
            yield PeoplePane(settings, id="tab-people")
            yield DealsPane(settings, id="tab-deals")
            yield ProfilePane(settings, id="tab-profile")
            yield HeatPane(settings, id="tab-heat")
        yield Footer()

    def on_mount(self) -> None:
        """Fill everything, and show the note or record a search found, if any."""
        if not data.account_exists(self.account_id):
            # Gone since the list was read: another window, the CLI or a restore.
            self.notify(self.word("account_gone"), severity="warning")
            self.call_later(self._leave_gone)
            return
        self.reload()
        self.follow_outside_writes()

    def read_again(self) -> None:
        """Another process wrote: this account again (or a notice, if it is gone)."""
        if getattr(self, "_left", False):
            return
        if not data.account_exists(self.account_id):
            self.notify(self.word("account_gone"), severity="warning")
            self._leave_gone()
            return
        self.reload()

    def _leave_gone(self) -> None:
        """Close on an account that is gone (once: a catch-up may find it gone too)."""
        if not getattr(self, "_left", False):
            self._left = True
            self.dismiss(True)

    def on_screen_resume(self) -> None:
        """On first showing, the note or record a search found (once)."""
        if self.at is not None:
            # After the screen's own first focus, which would take the first tab back.
            self.call_after_refresh(self._show_found, *self.at)
            self.at = None

    def _show_found(self, place: str, row_id: int) -> None:
        """The timeline at a found activity, or the deals at the deal of a found record."""
        from followup_tui.db.find import deal_of

        if place == "activity":
            tab, target, key = "tab-timeline", "#timeline", row_id
        else:
            deal_id = deal_of(place, row_id)
            if deal_id is None:
                return
            tab, target, key = "tab-deals", "#deals", deal_id
        self.query_one(TabbedContent).active = tab
        table = self.query_one(target, DataTable)
        with suppress(RowDoesNotExist):
            table.move_cursor(row=table.get_row_index(str(key)))
        table.focus()

    def reload(self) -> None:
        """Read the account again and redraw every part."""
        settings = self.fapp.settings
        today = self.fapp.today()
        account = data.get_account(self.account_id)
        self.account = account
        self.sub_title = account["name"]
        history = data.activity_records(self.account_id)
        # The next scheduled contact, follow-up or best action, as the queue counts it.
        report, direction, state = heat_now(
            history,
            today,
            account["quadrant"],
            settings,
            anchor=account.get("heat_anchor"),
            next_due=next_step_due(self.account_id),
        )
        nxt = data.next_follow_up(self.account_id)
        usual = usual_months_text(usual_months(data.purchase_dates(self.account_id)), settings)
        header = self.query_one(AccountHeader)
        header.show(account, report.value, direction, nxt, today, settings, usual_months=usual)
        judged = bool(account["quadrant"])
        why = heat_why(
            report.value,
            direction,
            report.klass,
            report.rate,
            judged,
            report.explanation,
            settings,
            state,
        )
        self.query_one(HeatPane).show_text(why)
        activities = [
            ActivityView.of(row, data.local_time(row["occurred_at"]), settings)
            for row in data.timeline(self.account_id)
        ]
        self.query_one(TimelinePane).show(activities)
        self.query_one(FollowUpsPane).show(data.follow_ups(self.account_id), today)
        self.query_one(PeoplePane).show(account["name"], data.list_contacts(self.account_id))
        self.query_one(DealsPane).show(data.deals(self.account_id))
        self.query_one(ProfilePane).show(account)

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
        from followup_tui.screens.edit_conflict import save_account_edit

        opened_on = dict(self.account)

        def saved(values: dict | None) -> None:
            if values is not None:
                save_account_edit(self, self.account_id, values, opened_on, form.labels, written)

        def written(change: Change | None) -> None:
            record(self, change)
            self.changed = True
            self.reload()

        form = AccountForm(self.fapp.settings, initial=opened_on, account_id=self.account_id)
        self.app.push_screen(form, saved)

    @on(TabbedContent.TabActivated, "#account-tabs")
    def tab_shown(self, event: TabbedContent.TabActivated) -> None:
        """A tab became active: its table (or its text) takes the focus, so enter acts at once."""
        pane = event.pane.id or ""
        if pane == "tab-people":
            return  # people_shown: the list or the chart
        if pane != self.query_one(TabbedContent).active:
            return  # a switch made since (opened at a found record): focusing would undo it
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

    @on(TimelinePane.ActivityChosen)
    def activity_chosen(self, event: TimelinePane.ActivityChosen) -> None:
        """Enter on an activity shows it in full: the columns cut notes and promises short."""
        from followup_tui.screens.activity_detail import ActivityDetail

        title, sections = event.activity.detail(self.fapp.settings)
        self.app.push_screen(ActivityDetail(title, sections, self.word("activity_keys")))

    @on(DealsPane.DealChosen)
    def deal_chosen(self, event: DealsPane.DealChosen) -> None:
        """Enter on a deal opens its blue sheet."""
        from followup_tui.screens.sheet.blue_sheet import BlueSheetScreen

        def closed(changed: bool | None) -> None:
            if changed:
                self.changed = True
                self.reload()

        self.app.push_screen(BlueSheetScreen(event.deal_id), closed)
