"""The sheet's edits: each opens a small form or picker, saves through the data layer, redraws.

A mixin of BlueSheetScreen, kept apart so the screen file stays about layout,
navigation and review. Removals go on an undo stack that `u` pops.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.widgets import DataTable

from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.kinds import FIT_QUESTIONS, SSO_INDICATORS
from followup_tui.core.sheet.sheet_records import SheetInfluence
from followup_tui.db import accounts as people_data
from followup_tui.db import sheets as data
from followup_tui.db.sheet_pairs import save_landmine_with_bullet
from followup_tui.screens.base import AppScreen, Workbench
from followup_tui.screens.edit_conflict import save_edit, save_new
from followup_tui.screens.key_words import bound_key
from followup_tui.screens.record_form import vocab
from followup_tui.screens.sheet.sheet_action_form import ActionForm
from followup_tui.screens.sheet.sheet_choice import ChoicePicker
from followup_tui.screens.sheet.sheet_fit_form import FitForm
from followup_tui.screens.sheet.sheet_influence_form import InfluenceForm
from followup_tui.screens.sheet.sheet_mine_form import BulletForm, LandmineForm
from followup_tui.screens.sheet.sheet_position_form import PositionForm
from followup_tui.screens.sheet.sheet_sso_form import SsoForm
from followup_tui.widgets.sheet_view import SheetView, sheet_words, ui_words

if TYPE_CHECKING:
    _Base = AppScreen[bool]
else:
    _Base = object

NEW_PERSON = "new"
OPTION_WIDTH = 60  # a landmine's or bullet's text in a choice list


def _short(text: str) -> str:
    """One line of a long text for a choice list."""
    line = " ".join(text.split())
    return line if len(line) <= OPTION_WIDTH else line[: OPTION_WIDTH - 1] + "…"


class SheetEdits(_Base):
    """Add, edit, remove and undo on every section of the sheet."""

    deal_id: int
    view: SheetView
    section: str
    changed: bool
    removed: list[dict[str, Any]]

    if TYPE_CHECKING:

        @property
        def fapp(self) -> Workbench: ...

        def reload(self) -> None: ...

        def cursor_id(self, table_id: str) -> int | None: ...

    # -- helpers -------------------------------------------------------------------------
    def _title(self, key: str, english: str, **values: str) -> str:
        """A form's title from the vocabulary (sheet_title_<key>), filled with `values`."""
        return vocab(self.fapp.settings, f"sheet_title_{key}", english).format(**values)

    def _say(self, word: str, **values: str) -> str:
        """A notice of the sheet's own, in the configured language."""
        return sheet_words(self.fapp.settings)[word].format(**values)

    def _key(self, binding: str) -> str:
        """The key in force for one of the sheet's bindings ('undo' -> 'u')."""
        return bound_key(self, f"sheet.{binding}")

    def _saved(self, message: str = "") -> None:
        """Note a change and redraw everything the rules compute."""
        self.changed = True
        self.reload()
        if message:
            self.notify(message, timeout=3)

    def _people(self) -> list[tuple[str, str]]:
        """(label, id) of the people on the sheet, for a 'tied to' choice."""
        label = self.fapp.settings.label
        return [
            (f"{i.name} ({label('roles', i.role)})", str(i.id)) for i in self.view.sheet.influences
        ]

    def _mines_focus(self) -> str:
        """Which table of the landmines tab has the focus: 'bullet' or 'landmine'."""
        focused = self.focused
        return "bullet" if focused is not None and focused.id == "bullets" else "landmine"

    def _open(
        self,
        form: Any,
        save: Callable[[dict[str, Any]], None],
        record: tuple[str, int] | None = None,
    ) -> None:
        """Push a form; save its values when it closes with some. An existing `record`
        (kind, id) changed elsewhere while the form was open is not saved over: the rep
        keeps theirs, takes the other or merges (`edit_conflict.save_edit`)."""
        opened = data.sheet_row(*record) if record is not None else None

        def write(chosen: dict[str, Any], base: dict[str, Any] | None) -> None:
            if base is None or record is None:
                save(chosen)
            else:
                data.save_unless_changed(*record, base, chosen, save)

        def closed(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            name = str(self.view.sheet.deal.title)
            try:
                if opened is None:
                    save_new(self, name, values, form.labels, lambda: save(values), self._written)
                else:
                    save_edit(self, name, values, opened, form.labels, write, self._written)
            except FollowupError as exc:
                self.notify(str(exc), severity="error")

        self.app.push_screen(form, closed)

    def _written(self, change: object) -> None:
        self._saved()

    # -- edit ----------------------------------------------------------------------------
    def action_edit(self) -> None:
        """Edit the section, or the item under the cursor."""
        settings, deal, today = self.fapp.settings, self.view.sheet.deal, self.fapp.today()

        def save_deal(values: dict[str, Any]) -> None:
            data.save_deal(values, self.deal_id)

        if self.section in ("sso", "overview"):  # the overview opens with the SSO
            initial = {k: getattr(deal, k) for k in ("title", "product", "amount", "status")}
            initial |= {"completion_date": deal.completion_date, "funnel": deal.funnel}
            initial |= {f"evidence_{k}": deal.evidence(k) for k in SSO_INDICATORS}
            self._open(
                SsoForm(settings, self._title("sso", "Edit the SSO"), initial, today=today),
                save_deal,
                ("deal", self.deal_id),
            )
        elif self.section == "position":
            keys = ("position", "alternate_position", "position_why", "position_move")
            initial = {k: getattr(deal, k) for k in (*keys, "position_plan")}
            title = self._title("position", "Position")
            self._open(PositionForm(settings, title, initial), save_deal, ("deal", self.deal_id))
        elif self.section == "fit":
            initial = {f"fit_{k}": deal.fit(k) for k in FIT_QUESTIONS}
            initial["fit_notes"] = deal.fit_notes
            title = self._title("fit", "Ideal-customer fit")
            self._open(FitForm(settings, title, initial), save_deal, ("deal", self.deal_id))
        elif self.section == "influences":
            inf = self.view.sheet.influence(self.cursor_id("#influences"))
            if inf is None:
                nobody = self._say("nobody_yet", key=self._key("add_influence"))
                self.notify(nobody, severity="warning")
                return
            self._influence_form(inf.contact_id, inf.name, inf)
        elif self.section == "mines":
            if self._mines_focus() == "bullet":
                self._bullet_form(self.cursor_id("#bullets"))
            else:
                self._landmine_form(self.cursor_id("#landmines"))
        elif self.section == "actions":
            self._action_form(self.cursor_id("#actions"))

    # -- influences ----------------------------------------------------------------------
    def action_add_influence(self) -> None:
        """Add a person: one of the account's key people, or someone new on the spot.

        The account's people stay listed in one order, those on the sheet marked (choosing
        one edits them), so the list never shifts under the cursor; the cursor starts on
        the first person not on the sheet yet.
        """
        account_id = self.view.sheet.deal.account_id
        on_sheet = {i.contact_id: i for i in self.view.sheet.influences}
        u = ui_words(self.fapp.settings)
        people = people_data.list_contacts(account_id)
        names = {str(p["id"]): str(p["name"]) for p in people}
        options = []
        for p in people:
            label = f"{p['name']}  {p['title'] or ''}  {p['department'] or ''}".rstrip()
            mark = f"✓ {label}  {u['on_sheet']}" if p["id"] in on_sheet else f"  {label}"
            options.append((str(p["id"]), mark))
        options.append((NEW_PERSON, u["new_person"]))
        start = next((i for i, p in enumerate(people) if p["id"] not in on_sheet), len(people))

        def picked(choice: str | None) -> None:
            if choice == NEW_PERSON:
                self._new_person(account_id)
            elif choice is not None:
                contact = int(choice)
                self._influence_form(contact, names[choice], on_sheet.get(contact))

        picker = ChoicePicker(u["add_influence"], options, u["pick_people_hint"], start=start)
        self.app.push_screen(picker, picked)

    def _new_person(self, account_id: int) -> None:
        """Add a key person to the account, then put them on the sheet."""
        from followup_tui.screens.contact_form import ContactForm

        def saved(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            contact_id = people_data.save_contact(values, account_id)
            self.changed = True
            self._influence_form(contact_id, str(values.get("name", "")), None)

        self.app.push_screen(ContactForm(self.fapp.settings), saved)

    def _influence_form(self, contact_id: int, name: str, inf: SheetInfluence | None) -> None:
        """The influence form for a new person on the sheet, or for one already there."""
        settings = self.fapp.settings
        if inf is None:
            initial: dict[str, Any] = {"role": "user_buyer", "degree": "medium"}
            title = self._title("add_influence", "Add {name} to the sheet", name=name)
        else:
            initial = {k: getattr(inf, k) for k in InfluenceForm.FIELDS}
            title = self._title("influence", "Buying influence: {name}", name=name)

        def save(values: dict[str, Any]) -> None:
            if inf is None:
                data.save_influence({**values, "deal": self.deal_id, "contact": contact_id})
            else:
                data.save_influence(values, inf.id)

        record = None if inf is None else ("influence", inf.id)
        self._open(InfluenceForm(settings, title, initial, today=self.fapp.today()), save, record)

    # -- landmines and bullets -----------------------------------------------------------
    def action_add_landmine(self) -> None:
        """Add a landmine."""
        self._landmine_form(None)

    def action_add_bullet(self) -> None:
        """Add a bullet."""
        self._bullet_form(None)

    def _landmine_form(self, mine_id: int | None) -> None:
        mine = next((m for m in self.view.sheet.landmines if m.id == mine_id), None)
        if mine_id is not None and mine is None:
            return
        initial: dict[str, Any] = {"category": "unknown_info"}
        if mine is not None:
            initial = {
                "category": mine.category,
                "text": mine.text,
                "influence": mine.influence_id,
                "bullet": mine.bullet_id,
                "resolved": mine.resolved,
            }
        bullets = [(_short(b.text), str(b.id)) for b in self.view.sheet.bullets]
        form = LandmineForm(
            self.fapp.settings,
            self._title("landmine", "Landmine")
            if mine
            else self._title("new_landmine", "New landmine"),
            initial,
            people=self._people(),
            bullets=bullets,
        )

        def save(values: dict[str, Any]) -> None:
            new_bullet = values.pop("new_bullet", "")
            fields = values if mine is not None else {**values, "deal": self.deal_id}
            if not new_bullet:
                data.save_landmine(fields, None if mine is None else mine.id)
                return
            bullet = {
                "deal": self.deal_id,
                "text": new_bullet,
                "category": "difference",
                "influence": values.get("influence"),
            }
            save_landmine_with_bullet(fields, bullet, None if mine is None else mine.id)

        self._open(form, save, None if mine is None else ("landmine", mine.id))

    def _bullet_form(self, bullet_id: int | None) -> None:
        bullet = next((b for b in self.view.sheet.bullets if b.id == bullet_id), None)
        if bullet_id is not None and bullet is None:
            return
        initial: dict[str, Any] = {"category": "difference"}
        if bullet is not None:
            initial = {
                "category": bullet.category,
                "text": bullet.text,
                "influence": bullet.influence_id,
            }
        if bullet:
            title = self._title("bullet", "Bullet")
        else:
            title = self._title("new_bullet", "New bullet")
        form = BulletForm(self.fapp.settings, title, initial, people=self._people())

        def save(values: dict[str, Any]) -> None:
            if bullet is None:
                data.save_bullet({**values, "deal": self.deal_id})
            else:
                data.save_bullet(values, bullet.id)

        self._open(form, save, None if bullet is None else ("bullet", bullet.id))

    def action_link_bullet(self) -> None:
        """Link the landmine under the cursor to the bullet that disarms it."""
        mine_id = self.cursor_id("#landmines")
        if mine_id is None:
            none = self._say("no_landmine_yet", key=self._key("add_landmine"))
            self.notify(none, severity="warning")
            return
        if not self.view.sheet.bullets:
            self.notify(self._say("no_bullet_yet", key=self._key("add_bullet")), severity="warning")
            return
        options = [(str(b.id), _short(b.text)) for b in self.view.sheet.bullets]
        options.append(("none", self._say("no_bullet_choice")))

        def picked(choice: str | None) -> None:
            if choice is None:
                return
            data.link_bullet(mine_id, None if choice == "none" else int(choice))
            self._saved()

        hint = ui_words(self.fapp.settings)["pick_hint"]
        self.app.push_screen(ChoicePicker(self._say("which_bullet"), options, hint), picked)

    def action_toggle_resolved(self) -> None:
        """Mark the landmine under the cursor resolved, or open again."""
        mine_id = self.cursor_id("#landmines")
        mine = next((m for m in self.view.sheet.landmines if m.id == mine_id), None)
        if mine is not None:
            data.save_landmine({"resolved": not mine.resolved}, mine.id)
            self._saved()

    # -- best actions --------------------------------------------------------------------
    def action_add_action(self) -> None:
        """Add a best action."""
        self._action_form(None)

    def _action_form(self, action_id: int | None) -> None:
        act = next((a for a in self.view.sheet.actions if a.id == action_id), None)
        if action_id is not None and act is None:
            return
        today = self.fapp.today()
        initial: dict[str, Any] = {"who": self.fapp.settings.rep_name}
        if act is not None:
            initial = {
                "who": act.who,
                "what": act.what,
                "due": act.due,
                "landmine": act.landmine_id,
                "target": act.target,
                "done": act.done,
            }
        mines = [(_short(m.text), str(m.id)) for m in self.view.sheet.landmines if not m.resolved]
        if act:
            title = self._title("action", "Best action")
        else:
            title = self._title("new_action", "New best action")
        form = ActionForm(self.fapp.settings, title, initial, today=today, landmines=mines)

        def save(values: dict[str, Any]) -> None:
            if values["done"]:  # keep the day it was done; stamp today when it is done now
                values["done_on"] = act.done_on if act is not None and act.done else today
            if act is None:
                data.save_action({**values, "deal": self.deal_id})
            else:
                data.save_action(values, act.id)

        self._open(form, save, None if act is None else ("best_action", act.id))

    def action_toggle_done(self) -> None:
        """Mark the best action under the cursor done, or open again."""
        act = next((a for a in self.view.sheet.actions if a.id == self.cursor_id("#actions")), None)
        if act is not None:
            done = not act.done
            data.save_action({"done": done, "done_on": self.fapp.today() if done else None}, act.id)
            self._saved()

    # -- signals -------------------------------------------------------------------------
    def action_answer(self, answer: str) -> None:
        """Answer the signal or trap under the cursor, then move to the next one."""
        table = self.query_one("#signals", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None:
            return
        data.set_signal(self.deal_id, key, answer)
        self._saved()
        table.move_cursor(row=min(table.cursor_row + 1, table.row_count - 1))

    # -- remove and undo -----------------------------------------------------------------
    def action_remove(self) -> None:
        """Remove the item under the cursor; u brings it back."""
        if self.section == "influences":
            kind, item_id = "influence", self.cursor_id("#influences")
        elif self.section == "mines":
            kind = self._mines_focus()
            item_id = self.cursor_id("#bullets" if kind == "bullet" else "#landmines")
        elif self.section == "actions":
            kind, item_id = "action", self.cursor_id("#actions")
        else:
            return
        if item_id is None:
            return
        self.removed.append(data.delete_item(kind, item_id))
        self._saved(self._say("removed", kind=self._say(f"kind_{kind}"), key=self._key("undo")))

    def action_undo(self) -> None:
        """Bring back the last item removed."""
        if not self.removed:
            self.notify(self._say("nothing_to_undo"), severity="warning")
            return
        saved = self.removed.pop()
        data.restore_item(saved)
        self._saved(self._say("restored", kind=self._say(f"kind_{saved['_kind']}")))
