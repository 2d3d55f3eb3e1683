"""Which program edits a note outside followup, and what comes back from it.

The rep's own editor (`$EDITOR`, then `$VISUAL`) or, without either, the first of
a few common ones found on the PATH. Pure: the environment and the PATH lookup are
given, so the choice is tested without touching either.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping

# Tried in this order when neither variable names an editor: nano shows its keys on
# screen, which a rep who never chose an editor needs most.
FALLBACK_EDITORS = ("nano", "vim", "vi")


class NoEditor(ValueError):
    """No editor is named and none of the usual ones is installed."""


def editor_command(
    environ: Mapping[str, str], which: Callable[[str], str | None]
) -> tuple[list[str], str]:
    """The editor's command line (without the file) and where it came from.

    `$EDITOR="code --wait"` gives (["code", "--wait"], "EDITOR"); a fallback gives
    its own name as the source. Raises NoEditor, or ValueError for a value that
    cannot be split (an unclosed quote).
    """
    for variable in ("EDITOR", "VISUAL"):
        value = environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as exc:
                raise ValueError(f"${variable} cannot be read ({exc}): {value!r}") from exc
            if words:
                return words, variable
    for name in FALLBACK_EDITORS:
        if which(name):
            return [name], name
    raise NoEditor("set $EDITOR (or $VISUAL), or install nano or vi")


def as_file(text: str) -> str:
    """The note as the editor is given it: a text file, ending with a newline."""
    return text if text.endswith("\n") or not text else text + "\n"


def edited_text(before: str, after: str) -> str:
    """The note as the editor left it, without the final newline an editor adds on save.

    Editors end a saved file with a newline; a note that did not end with one gets
    none back. Everything else is kept as typed, line endings included.
    """
    if after.endswith("\n") and not before.endswith("\n"):
        after = after[: -2 if after.endswith("\r\n") else -1]
    return after


def kept_note(text: str) -> str:
    """A note as it is saved: blank lines around it dropped, every line within as typed."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines:
        lines[-1] = lines[-1].rstrip()
    return "\n".join(lines)
