"""The keys of the blue sheet: sections, edits, signals, review and presentation.

Several edits share a key (`a` adds a person, a landmine, a bullet or an action):
the screen's `check_action` enables the one that fits the section in view, so the
footer and the help always name what the key will do there.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

SECTION_KEYS = Binding.Group("Sections", compact=True)


def _section(section: str, key: str, title: str) -> Binding:
    return Binding(
        key,
        f"section('{section}')",
        title,
        id=f"sheet.section.{section}",
        tooltip=f"Go to {title}",
        group=SECTION_KEYS,
    )


SHEET_BINDINGS: list[BindingType] = [
    Binding("escape", "close", "Back", id="sheet.back", tooltip="Leave review mode, or the sheet"),
    _section("overview", "o", "Overview"),
    _section("sso", "s", "SSO"),
    _section("position", "p", "Position"),
    _section("influences", "i", "Buying influences"),
    _section("mines", "m", "Landmines and bullets"),
    _section("fit", "f", "Ideal-customer fit"),
    _section("actions", "b", "Best actions"),
    _section("signals", "w", "Where do we stand"),
    _section("found", "l", "Landmines found and completeness"),
    # In review mode n and p walk the sheet (p for the position section steps aside);
    # outside it n falls through to the app's quick note.
    Binding(
        "n",
        "review_next",
        "Next",
        id="sheet.review_next",
        tooltip="Review: next section; on the last step, record the review",
    ),
    Binding(
        "p",
        "review_prev",
        "Previous",
        id="sheet.review_prev",
        tooltip="Review: previous section",
    ),
    Binding(
        "c",
        "review_comment",
        "Comment",
        id="sheet.review_comment",
        tooltip="Review: comment on this section (enter to keep)",
    ),
    Binding(
        "e",
        "edit",
        "Edit",
        id="sheet.edit",
        tooltip="Edit this section, or the item under the cursor (enter too)",
    ),
    Binding(
        "a",
        "add_influence",
        "Add person",
        id="sheet.add_influence",
        tooltip="Add a buying influence: a key person, or someone new",
    ),
    Binding(
        "a",
        "add_landmine",
        "Add landmine",
        id="sheet.add_landmine",
        tooltip="Add a landmine (tab to the bullets to add a bullet)",
    ),
    Binding(
        "a",
        "add_bullet",
        "Add bullet",
        id="sheet.add_bullet",
        tooltip="Add a bullet (tab to the landmines to add a landmine)",
    ),
    Binding(
        "a",
        "add_action",
        "Add action",
        id="sheet.add_action",
        tooltip="Add a best action: who does what by when",
    ),
    Binding(
        "k",
        "link_bullet",
        "Link bullet",
        id="sheet.link_bullet",
        tooltip="Link the landmine to the bullet that disarms it",
    ),
    Binding(
        "r",
        "toggle_resolved",
        "Resolved",
        id="sheet.toggle_resolved",
        tooltip="Mark the landmine resolved, or open again",
    ),
    Binding(
        "d",
        "toggle_done",
        "Done",
        id="sheet.toggle_done",
        tooltip="Mark the best action done, or open again",
    ),
    Binding(
        "plus,equals_sign",
        "answer('good')",
        "Good answer",
        key_display="+",
        id="sheet.answer_good",
        tooltip="Give the signal its good answer (yes; no for a trap) and go to the next",
    ),
    Binding(
        "minus",
        "answer('bad')",
        "Bad answer",
        key_display="-",
        id="sheet.answer_bad",
        tooltip="Give the signal its bad answer (no; yes for a trap) and go to the next",
    ),
    Binding(
        "0",
        "answer('unknown')",
        "Unknown",
        id="sheet.answer_unknown",
        tooltip="Answer the signal unknown and go to the next",
    ),
    Binding(
        "delete,x",
        "remove",
        "Remove",
        id="sheet.remove",
        tooltip="Remove the item under the cursor (u undoes)",
    ),
    Binding("u", "undo", "Undo", id="sheet.undo", tooltip="Bring back the last item removed"),
    Binding(
        "v",
        "review",
        "Review",
        id="sheet.review",
        tooltip="Walk the sheet for a deal review, starting with what changed",
    ),
    Binding(
        "P",
        "presentation",
        "Presentation",
        id="sheet.presentation",
        tooltip="Hide ratings, modes, personal notes, the position and comments on a shared screen",
    ),
    Binding(
        "V",
        "show_verdict",
        "Show verdict",
        id="sheet.show_verdict",
        tooltip="Presentation mode: show the verdict to the room, or hide it again",
    ),
]
