"""A note opened in the rep's own editor, with the app suspended while it runs.

For long notes, and for typing Chinese through an input method that composes
poorly inside a terminal app. The note goes to a temporary file, the editor runs
in the terminal Textual hands back (`App.suspend`), and the file's text comes back.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

from followup_tui.core.base.config import Settings
from followup_tui.core.base.editor import NoEditor, as_file, edited_text, editor_command


def edit_externally(app: App, settings: Settings, text: str) -> str | None:
    """The text after the rep edited it in their editor; None (and a message) if it failed.

    A failure leaves the note as it was: the caller keeps its text.
    """
    word = settings.word
    try:
        command, source = editor_command(os.environ, shutil.which)
    except NoEditor:
        app.notify(word("editor_none"), severity="error", timeout=8)
        return None
    except ValueError as exc:
        app.notify(str(exc), severity="error", timeout=8)
        return None
    handle, name = tempfile.mkstemp(prefix="followup-note-", suffix=".txt")
    path = Path(name)
    try:
        # Bytes, so the editor sees the note's own line endings.
        # A text file ends with a newline, as editors and `echo >>` expect: without it a
        # line added at the end was glued to the last one. `edited_text` takes it off again.
        with os.fdopen(handle, "wb") as file:
            file.write(as_file(text).encode("utf-8"))
        try:
            with app.suspend():
                done = subprocess.run([*command, str(path)], check=False)
        except SuspendNotSupported:
            app.notify(word("editor_no_terminal"), severity="error", timeout=8)
            return None
        except OSError as exc:
            program = command[0]
            app.notify(
                word("editor_failed").format(editor=program, source=source, error=exc.strerror),
                severity="error",
                timeout=8,
            )
            return None
        if done.returncode != 0:
            app.notify(
                word("editor_exit").format(editor=command[0], code=done.returncode),
                severity="warning",
                timeout=8,
            )
            return None
        after = path.read_bytes().decode("utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
    return edited_text(text, after)
