"""The account page's key people: the list or the org chart, add, edit, remove, undo and redo.

A base of `AccountPage`, which draws the rest: the person flows read and write the data,
`PeoplePane` draws what they leave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.widgets import TabbedContent

from followup_tui.db import accounts as data
from followup_tui.screens.base import AppScreen
from followup_tui.screens.undo_flow import record, redo_last, undo_last
from followup_tui.widgets.account_people import PeoplePane
from followup_tui.widgets.org_chart_view import OrgChart

if TYPE_CHECKING:
    from followup_tui.db.undo import Change


class AccountPeopleScreen(AppScreen[bool]):
    """The key-people flows of the account page; the page sets the account and reloads."""

    account_id: int
    account: dict[str, Any]
    changed: bool
    others_changed: set[int]  # other accounts an undo or redo here wrote to

    def reload(self) -> None:
        """Read the account again and redraw every part (the page does)."""
        raise NotImplementedError

    def _person_id(self) -> int | None:
        """The key person under the list's cursor (None: nobody)."""
        return self.query_one(PeoplePane).person_id

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
            self.notify(self.word("no_person_yet"), severity="warning")
            return
        self._person_form(person_id)

    def _person_form(self, person_id: int | None) -> None:
        from followup_tui.screens.contact_form import ContactForm

        initial = None
        if person_id is not None:
            initial = next(p for p in data.list_contacts(self.account_id) if p["id"] == person_id)

        def saved(values: dict | None) -> None:
            if values is None:
                return
            from followup_tui.db.undo import save_person
            from followup_tui.screens.edit_conflict import save_edit, save_new

            name = str(values.get("name") or "")
            if person_id is None:

                def add() -> Change | None:
                    return save_person(values, self.account_id)[1]

                save_new(self, name, values, form.labels, add, written)
                return

            def write(chosen: dict, base: dict | None) -> Change | None:
                return save_person(chosen, self.account_id, person_id, base=base)[1]

            save_edit(self, name, values, opened_on, form.labels, write, written)

        def written(change: Change | None) -> None:
            record(self, change)
            self.changed = True
            self._show_people()
            self.reload()

        opened_on = dict(initial or {})
        coach = data.coach_of(self.account_id, exclude_id=person_id)
        form = ContactForm(self.fapp.settings, initial=initial, coach=coach)
        self.app.push_screen(form, saved)

    def action_remove_person(self) -> None:
        """Remove the key person under the cursor after asking; u brings them back."""
        from followup_tui.screens.confirm import Confirm

        self._show_people(chart=False)
        person_id = self._person_id()
        if person_id is None:
            self.notify(self.word("no_person_to_remove"), severity="warning")
            return
        name = next(p["name"] for p in data.list_contacts(self.account_id) if p["id"] == person_id)

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(person_id)

        question = self.word("remove_person").format(name=name, account=self.account["name"])
        self.app.push_screen(Confirm(question), answered)

    def _remove(self, person_id: int) -> None:
        from followup_tui.db.undo import remove_person

        change = remove_person(person_id)
        record(self, change)
        self.changed = True
        self.reload()
        self.notify(self.word("removed_undo").format(name=change.names["person"]), timeout=6)

    def action_undo(self) -> None:
        """Undo the last change made here or on the list: edit, archive, a key person's change."""
        self._after_history(undo_last(self), undoing=True)

    def action_redo(self) -> None:
        """Make the last undone change again."""
        self._after_history(redo_last(self), undoing=False)

    def _after_history(self, change: Change | None, *, undoing: bool) -> None:
        """Show what an undo or redo wrote; a person brought back is under the cursor."""
        if change is None:
            return
        if change.account_id != self.account_id:
            self.others_changed.add(change.account_id)
            return
        self.changed = True
        if not data.account_exists(self.account_id):
            self.dismiss(True)  # its adding undone: the list drops it
            return
        self.reload()
        back = "person_removed" if undoing else "person_added"
        if change.action == back:
            self._show_people(chart=False)
            rows = change.rows
            back_id = next(
                r.row_id for r in rows if r.table == "contact" and None in (r.before, r.after)
            )
            self.query_one(PeoplePane).move_to(back_id)

    @on(PeoplePane.PersonChosen)
    def person_chosen(self) -> None:
        """Enter on a person edits them."""
        self.action_edit_person()
