"""Where `followup`'s start-up time goes, for bench/bench_startup.py --trace.

    BENCH_T0=<time.time() at launch> BENCH_TRACE_OUT=/tmp/trace.json \\
        python bench/startup_trace.py --db FILE

Runs `followup_tui.cli.main.main` - the same code the `followup` command runs - in
the terminal it is started in, and writes the seconds since BENCH_T0 (the
launcher's clock just before it started this process) at each milestone:

- `interpreter`: Python and site are up, this script runs;
- `cli_imported`: `followup_tui.cli.main` imported (what every subcommand pays);
- `app_imported`: `followup_tui.app` imported (Textual and the first screen);
- `settings_loaded`: the shipped YAML defaults and the user file read and checked;
- `db_opened`: `runtime.open_db` done (migrations checked, stored heat checked);
- `app_built`: `build_app` returned;
- `first_frame`: the app handed its first frame to the terminal driver;
- `queue_built`: the queue screen got the built queue (`DueQueueScreen._built`
  called; absent if the screen no longer has that method);
- `queue_drawn`: the first frame in which the due queue's table has rows;
- `footer_drawn`: the first frame in which the queue screen's footer has its keys;
- `exited`: the app returned (after the benchmark's quit key).

Importing `followup_tui.app` (as `runtime.run_tui` does) before `main` only moves
that import earlier so it can be timed on its own; `main` then finds it imported.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App
    from textual.screen import Screen

T0 = float(os.environ.get("BENCH_T0") or time.time())
MARKS: dict[str, float] = {}
# CPU seconds of the main thread at each milestone: where wall time runs ahead of it, the
# main thread was waiting (the GIL held by the queue's worker thread, the disk, the machine).
CPU: dict[str, float] = {}


def mark(name: str) -> None:
    """Record a milestone once, in seconds since the launch."""
    if name not in MARKS:
        MARKS[name] = time.time() - T0
        CPU[name] = time.thread_time()


def watch_frames(app: App[Any]) -> None:
    """Mark the first frame and the first frame showing queue rows, as the driver gets them."""
    from followup_tui.screens.due_queue import DueQueueScreen
    from followup_tui.widgets.virtual_table import VirtualTable

    display = app._display

    def footer_has_keys(screen: Screen[Any]) -> bool:
        from textual.widgets import Footer

        footers = screen.query(Footer)
        return (
            isinstance(screen, DueQueueScreen) and bool(footers) and bool(footers.first().children)
        )

    def queue_has_rows(screen: Screen[Any]) -> bool:
        if not isinstance(screen, DueQueueScreen):
            return False
        tables = screen.query(VirtualTable)
        return bool(tables) and tables.first().row_count > 0

    def timed_display(screen: Screen[Any], renderable: RenderableType | None) -> None:
        display(screen, renderable)
        if renderable is None or app._batch_count:
            return  # nothing was written
        mark("first_frame")
        if "queue_drawn" not in MARKS and queue_has_rows(screen):
            mark("queue_drawn")
        if "footer_drawn" not in MARKS and footer_has_keys(screen):
            mark("footer_drawn")

    app._display = timed_display  # type: ignore[method-assign]


def watch_queue_built() -> None:
    """Mark when the queue screen receives its built queue, if it still works that way."""
    from followup_tui.screens.due_queue import DueQueueScreen

    built = getattr(DueQueueScreen, "_built", None)
    if built is None:
        return

    def timed_built(self: Any, *args: Any, **kwargs: Any) -> Any:
        mark("queue_built")
        return built(self, *args, **kwargs)

    DueQueueScreen._built = timed_built  # type: ignore[attr-defined]


def main() -> int:
    """Run the followup command's start path with milestones."""
    mark("interpreter")
    from followup_tui.cli import main as cli
    from followup_tui.cli import runtime

    mark("cli_imported")
    runtime.import_app()  # what `run_tui` does first, timed alone
    from followup_tui import app as app_module

    mark("app_imported")
    load_settings = runtime.cli_settings
    open_database = runtime.open_db
    build_app = app_module.build_app

    def timed_settings(*args: Any, **kwargs: Any) -> Any:
        settings = load_settings(*args, **kwargs)
        mark("settings_loaded")
        return settings

    def timed_open(*args: Any, **kwargs: Any) -> None:
        open_database(*args, **kwargs)
        mark("db_opened")

    def timed_build(**kwargs: Any) -> Any:
        app = build_app(**kwargs)
        mark("app_built")
        watch_frames(app)
        return app

    runtime.cli_settings = timed_settings  # type: ignore[assignment]
    runtime.open_db = timed_open  # type: ignore[assignment]
    watch_queue_built()
    app_module.build_app = timed_build  # type: ignore[assignment]
    code = cli.main(sys.argv[1:])
    mark("exited")
    out = os.environ.get("BENCH_TRACE_OUT")
    if out:
        Path(out).write_text(json.dumps({"wall": MARKS, "cpu": CPU}), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
