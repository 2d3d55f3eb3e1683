"""Save the screen shown as an SVG picture (Textual's screenshot), to attach to a mail."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from textual.app import App

from followup_tui.core.base.paths import default_pictures_dir
from followup_tui.screens.base import Workbench

_UNSAFE = re.compile(r"[^\w-]+")


def picture_name(screen_name: str, stamp: str, taken: set[str]) -> str:
    """'followup-review-20261122-1200.svg', numbered when that name is taken."""
    slug = _UNSAFE.sub("-", screen_name.lower()).strip("-") or "screen"
    base = f"followup-{slug}-{stamp}"
    name, n = f"{base}.svg", 2
    while name in taken:
        name, n = f"{base}-{n}.svg", n + 1
    return name


def save_picture(app: App[Any]) -> Path | None:
    """Write the screen shown to the pictures folder; a toast names the file (or the error)."""
    bench = cast(Workbench, app)
    word = bench.settings.word
    folder = default_pictures_dir()
    screen = app.screen
    name = getattr(screen, "PALETTE_CATEGORY", None) or type(screen).__name__
    stamp = bench.stamp().strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        taken = {p.name for p in folder.glob("followup-*.svg")}
        filename = picture_name(name, stamp, taken)
        path = Path(app.save_screenshot(filename, str(folder)))
    except OSError as error:
        app.notify(word("picture_failed").format(folder=folder, error=error), severity="error")
        return None
    app.notify(word("picture_saved").format(path=path), timeout=8)
    return path
