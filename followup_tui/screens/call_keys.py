"""The keys of the call script: finish, take notes, file a note line, edit the script."""

from __future__ import annotations

from textual.binding import Binding, BindingType

CALL_BINDINGS: list[BindingType] = [
    Binding(
        "ctrl+s",
        "finish",
        "Finish call",
        id="call.finish",
        tooltip="Outcome, commitments and the next follow-up, saved together",
    ),
    Binding("ctrl+n", "focus_notes", "Notes", id="call.notes", tooltip="Type the notes"),
    Binding(
        "f4",
        "notes_in_editor",
        "Notes in editor",
        id="call.editor",
        tooltip="Write the call notes in your own editor ($EDITOR); back here when it closes",
    ),
    Binding(
        "ctrl+l",
        "file('landmine')",
        "File landmine",
        id="call.file_landmine",
        tooltip="File the note line under the cursor as a landmine on this deal",
    ),
    Binding(
        "ctrl+b",
        "file('bullet')",
        "File bullet",
        id="call.file_bullet",
        tooltip="File the note line as a bullet on this deal",
    ),
    Binding(
        "ctrl+g",
        "file('win')",
        "File win",
        id="call.file_win",
        tooltip="File the note line as this person's personal win",
    ),
    Binding(
        "ctrl+r",
        "file('rating')",
        "Rating evidence",
        id="call.file_rating",
        tooltip="File the note line as evidence for this person's rating",
    ),
    Binding(
        "ctrl+o",
        "file('mode')",
        "Mode evidence",
        id="call.file_mode",
        tooltip="File the note line as evidence for this person's response mode",
    ),
    Binding(
        "f2",
        "focus_purpose",
        "Edit script",
        id="call.edit",
        tooltip="Change the purpose, the value, the minutes and the commitments",
    ),
    Binding(
        "f3",
        "next_value",
        "Next value",
        id="call.next_value",
        tooltip="Pick the next reason to call the data holds (kept with the call's draft)",
    ),
    Binding(
        # f4 is the editor, as on the quick note; f6 and f7 are the notes' own (select).
        "f9",
        "copy_number",
        "Copy number",
        id="call.copy_number",
        tooltip="Copy the person's phone number to the clipboard for a softphone (OSC 52)",
    ),
    Binding(
        "f8",
        "talking_points",
        "Talking points",
        id="call.talking_points",
        tooltip="Your talking points: new products, cases, events, with an expiry date",
    ),
    Binding(
        # The notes keep the focus during a call; these read on in the script meanwhile
        # (the text area has no use for ctrl with up and down).
        "ctrl+down",
        "scroll_script(1)",
        "Script down",
        id="call.script_down",
        tooltip="Read on in the script without leaving the notes",
        show=False,
    ),
    Binding(
        "ctrl+up",
        "scroll_script(-1)",
        "Script up",
        id="call.script_up",
        tooltip="Back up in the script without leaving the notes",
        show=False,
    ),
    Binding(
        "escape",
        "leave",
        "Back",
        id="call.back",
        tooltip="Leave; notes typed so far stay as a draft",
    ),
]
