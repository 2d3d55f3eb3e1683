"""The record changed elsewhere while its form was open: keep mine, take theirs, or merge.

Never settled silently: the rep sees which fields each side changed and picks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from followup_tui.core.keeping.edit_merge import (
    EditClash,
    EditConflict,
    RecordGone,
    apart,
    settled,
)
from followup_tui.screens.base import AppModal
from followup_tui.screens.storage_guard import Unsaved, storage_problem

if TYPE_CHECKING:
    from textual.screen import Screen

    from followup_tui.db.undo import Change


T = TypeVar("T")
VALUE_CELLS = 20  # of a value shown in the dialog: two of them and a label fit its 72 columns


class EditConflictDialog(AppModal[str]):
    """Dismisses with `mine`, `theirs` or `merge` (see `core.keeping.edit_merge.settled`)."""

    CSS_PATH = "edit_conflict.tcss"
    PALETTE_CATEGORY = "Form"
    BINDINGS = [
        Binding("k", "settle('mine')", "Keep mine", id="conflict.mine",
                tooltip="Save your edit over the other change"),
        Binding("t", "settle('theirs')", "Take theirs", id="conflict.theirs",
                tooltip="Keep the other change; your edit is not saved"),
        Binding("m", "settle('merge')", "Merge", id="conflict.merge",
                tooltip="Your changes and theirs; where both changed a field, yours"),
        Binding("escape", "choose", "Choose", id="conflict.choose", show=False,
                tooltip="Say that one of k, t or m must be chosen"),
    ]  # fmt: skip

    def __init__(
        self,
        name: str,
        found: EditClash,
        labels: dict[str, str],
        mine: Mapping[str, Any] | None = None,
        theirs: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.record_name = name
        self.found = found
        self.labels = labels
        self.mine = mine or {}
        self.theirs = theirs or {}

    def _fields(self, fields: frozenset[str]) -> str:
        joiner = self.word("undo_list_sep")
        return joiner.join(sorted(self.labels.get(f, f) for f in fields)) or "-"

    def _text(self, value: Any) -> str:
        """A value on one line of the dialog: - for nothing."""
        if value in (None, ""):
            return "-"
        return " ".join(_value_text(self.word, value).split())

    def _values(self) -> str:
        """Each field changed on either side, with what it is there and in the form, cut
        around where they differ: the rep cannot choose between changes unseen."""
        if not (self.mine or self.theirs):
            return ""
        fields = sorted(self.found.mine | self.found.theirs, key=lambda f: self.labels.get(f, f))
        line = self.word("conflict_field")
        shown = []
        for f in fields:
            theirs, mine = apart(
                self._text(self.theirs.get(f)), self._text(self.mine.get(f)), VALUE_CELLS
            )
            shown.append(line.format(field=self.labels.get(f, f), theirs=theirs, mine=mine))
        return "\n".join(shown)

    def compose(self) -> ComposeResult:
        """What changed on each side, and the three keys."""
        text = self.word("conflict_text").format(
            name=self.record_name,
            theirs=self._fields(self.found.theirs),
            mine=self._fields(self.found.mine),
        )
        if self.found.both:
            text += "\n" + self.word("conflict_both").format(both=self._fields(self.found.both))
        values = self._values()
        if values:
            text += "\n\n" + values
        with Vertical(id="conflict-box"):
            yield Static(self.word("conflict_title"), id="conflict-title", markup=False)
            yield Static(text, id="conflict-text", markup=False)
            yield Static(self.word("conflict_keys"), id="conflict-keys", markup=False)

    def action_choose(self) -> None:
        """Escape settles nothing: either way it went, one side's change would be lost."""
        self.notify(self.word("conflict_choose"), severity="warning")

    def action_settle(self, choice: str) -> None:
        """Close with the rep's choice."""
        self.dismiss(choice)


def _typed(screen: Screen, values: dict[str, Any], labels: dict[str, str]) -> str:
    """A form's filled fields, a line each, under their labels (a tick box as yes/no)."""
    word = screen.app.settings.word  # type: ignore[attr-defined]
    return "\n".join(
        f"{labels.get(k, k)}: {_value_text(word, v)}"
        for k, v in values.items()
        if v not in (None, "")
    )


def _value_text(word: Callable[[str], str], value: Any) -> str:
    """A form's value as the rep reads it: a tick box as yes/no, the rest as typed."""
    return word("q_yes" if value else "q_no") if isinstance(value, bool) else str(value)


def _hold(
    screen: Screen,
    name: str,
    values: dict[str, Any],
    labels: dict[str, str],
    write: Callable[[], T],
    done: Callable[[T], None],
    error: Exception,
) -> None:
    """The storage refused a form's write after the form closed: its values are held and
    written when the storage takes them again (or printed if the app closes first);
    `done` follows only if the rep is still on `screen` by then."""
    made: list[T] = []
    app: Any = screen.app
    app.keep_unsaved(
        Unsaved(
            lambda: made.append(write()),
            f"{name}\n{_typed(screen, values, labels)}",
            name,
            after=lambda: done(made[-1]),
            screen=screen,
        )
    )
    app.storage_failed(error)


def save_new(
    screen: Screen,
    name: str,
    values: dict[str, Any],
    labels: dict[str, str],
    write: Callable[[], T],
    done: Callable[[T], None],
) -> None:
    """Write a new record from a form's `values` (`write()`), then `done(result)`. A
    write the storage refuses is held and tried again, as an edit's is: never dropped."""
    try:
        made = write()
    except Exception as error:
        if storage_problem(error) is None:
            raise
        _hold(screen, name, values, labels, write, done, error)
        return
    done(made)


def save_edit(
    screen: Screen,
    name: str,
    values: dict[str, Any],
    opened_on: dict[str, Any],
    labels: dict[str, str],
    write: Callable[[dict[str, Any], dict[str, Any] | None], T],
    done: Callable[[T | None], None],
) -> None:
    """Save a form's `values` with `write(values, base)`, unless the record changed
    elsewhere since the form opened on `opened_on` (`write` raises `EditConflict`):
    then ask, and save what the rep settles on. `done` gets what `write` returned
    (None: nothing was written)."""
    base = {k: opened_on[k] for k in values if k in opened_on}
    try:
        change = write(values, base)
    except EditConflict as conflict:
        theirs, found = conflict.theirs, conflict.clash
    except RecordGone:
        # Nothing to save over: said with what was typed, for the rep to keep or re-add.
        said = screen.app.settings.word("conflict_gone")  # type: ignore[attr-defined]
        screen.notify(
            said.format(name=name, typed=_typed(screen, values, labels)),
            severity="error",
            timeout=60,
        )
        done(None)
        return
    except Exception as error:
        if storage_problem(error) is None:
            raise
        _hold(screen, name, values, labels, lambda: write(values, None), done, error)
        return
    else:
        done(change)
        return

    def settle(choice: str | None) -> None:
        chosen = settled(choice or "theirs", base, values, theirs)
        if chosen is None:
            said = screen.app.settings.word("conflict_took_theirs")  # type: ignore[attr-defined]
            screen.notify(said.format(name=name), severity="warning")
            done(None)
            return
        # The rep's settled values are held like any other refused write.
        save_new(screen, name, chosen, labels, lambda: write(chosen, None), done)

    screen.app.push_screen(EditConflictDialog(name, found, labels, values, theirs), settle)


def save_account_edit(
    screen: Screen,
    account_id: int,
    values: dict[str, Any],
    opened_on: dict[str, Any],
    labels: dict[str, str],
    done: Callable[[Change | None], None],
) -> None:
    """`save_edit` of the account form."""
    from followup_tui.db.undo import edit_account

    def write(chosen: dict[str, Any], base: dict[str, Any] | None) -> Change | None:
        return edit_account(chosen, account_id, base=base)

    name = str(opened_on.get("name") or "")
    save_edit(screen, name, values, opened_on, labels, write, done)
