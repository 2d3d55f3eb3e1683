"""An edit made in a form while the same record changed elsewhere (another window, the
CLI, a teammate): what each side changed, and the three ways to settle it.

`base` is the record as the form opened on it, `mine` the form's values, `theirs`
the record as stored now. Only fields the form holds are compared, so a heat or a
summary rewritten by a logged call is never taken for someone's edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from followup_tui.core.base.text import display_width


@dataclass(frozen=True)
class EditClash:
    """Which fields each side changed since the form opened."""

    mine: frozenset[str]  # changed in the form
    theirs: frozenset[str]  # changed elsewhere

    @property
    def both(self) -> frozenset[str]:
        """Changed on both sides: a merge keeps the form's."""
        return self.mine & self.theirs


def _same(a: Any, b: Any) -> bool:
    """Equal, counting an empty field as a missing one (a form gives '', a row None)."""
    return a == b or (a in (None, "") and b in (None, ""))


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> frozenset[str]:
    """The fields of `after` whose value differs from `before`'s."""
    return frozenset(k for k, v in after.items() if not _same(before.get(k), v))


def clash(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> EditClash | None:
    """What each side changed, or None when nothing changed elsewhere (save as usual)."""
    elsewhere = frozenset(k for k in mine if k in base and not _same(theirs.get(k), base[k]))
    if not elsewhere:
        return None
    return EditClash(changed_fields(base, {k: mine[k] for k in mine if k in base}), elsewhere)


def settled(
    choice: str, base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The values to write for `choice`: `mine` (the form's, over theirs), `theirs` (None:
    write nothing) or `merge` (the form's changes and theirs; on a field both changed,
    the form's)."""
    if choice == "mine":
        return dict(mine)
    if choice == "theirs":
        return None
    if choice != "merge":
        raise ValueError(f"not a way to settle an edit: {choice!r}")
    found = clash(base, mine, theirs)
    if found is None:
        return dict(mine)
    return {k: (mine[k] if k in found.mine else theirs.get(k, mine[k])) for k in mine}


class EditConflict(Exception):
    """The record changed elsewhere since the form opened; nothing was written. `theirs`
    holds the form's fields as stored now, `clash` which fields each side changed."""

    def __init__(self, found: EditClash, theirs: Mapping[str, Any]) -> None:
        super().__init__(", ".join(sorted(found.theirs)))
        self.clash = found
        self.theirs = theirs


class RecordGone(Exception):
    """The record was deleted elsewhere since its form opened; nothing was written."""


def refuse_changed(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any] | None
) -> None:
    """Raise `EditConflict` when `theirs` (read in the write's own transaction) changed a
    field of the form since it opened on `base`; return to let the write go on.

    Only the form's own fields count: a field the form holds but the record lacks (a
    new bullet typed beside a landmine) is no clash. `theirs` None (the record is
    gone): `RecordGone`.
    """
    if theirs is None:
        raise RecordGone()
    found = clash({k: base[k] for k in mine if k in base}, mine, theirs)
    if found is not None:
        raise EditConflict(found, theirs)


def _from(text: str, start: int, width: int) -> str:
    """`text` from character `start`, in at most `width` cells, … marking each cut."""
    lead = "…" if start > 0 else ""
    rest = text[start:]
    if display_width(lead + rest) <= width:
        return lead + rest
    out, used = [lead], display_width(lead)
    for ch in rest:
        cells = display_width(ch)
        if used + cells > width - 1:
            break
        out.append(ch)
        used += cells
    return "".join(out) + "…"


def apart(theirs: str, mine: str, width: int) -> tuple[str, str]:
    """Two versions of a field, each in at most `width` cells, showing where they differ:
    a long text changed near its end is shown from a little before the first change,
    not as the same cut start twice."""
    same = 0
    for a, b in zip(theirs, mine, strict=False):
        if a != b:
            break
        same += 1
    fits = max(display_width(theirs), display_width(mine)) <= width
    # A cut from the start would hide the change: start a few characters before it.
    hidden = display_width(theirs[:same]) > width - 6
    start = max(0, same - 4) if not fits and hidden else 0
    return _from(theirs, start, width), _from(mine, start, width)
