"""The command line: help, the demo round trip through JSON, and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from followup_tui.cli import main as cli
from followup_tui.cli import runtime
from followup_tui.cli.main import main
from tests.cli.engines import Db, on_server


def test_help_lists_every_subcommand(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("demo", "export", "import"):
        line = next(ln for ln in out.splitlines() if ln.strip().startswith(command + " "))
        assert len(line.split(None, 1)[1]) > 10  # a one-line description


def test_unknown_subcommand_is_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_demo_round_trips_through_json(cli_db: str, second_db: str, tmp_path: Path) -> None:
    first, second = cli_db, second_db
    out1, out2 = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["--db", first, "demo", "--no-open", "--date", "2026-11-22"]) == 0
    assert main(["--db", first, "export", "--format", "json", "-o", str(out1)]) == 0
    assert main(["--db", second, "import", str(out1)]) == 0
    assert main(["--db", second, "export", "-o", str(out2)]) == 0
    assert out1.read_text(encoding="utf-8") == out2.read_text(encoding="utf-8")
    doc = json.loads(out1.read_text(encoding="utf-8"))
    assert doc["format"] == "followup-export" and doc["version"] == 1
    assert any(a["name"] == "华为技术" for a in doc["accounts"])


def test_db_environment_variable_is_the_default(cli_db: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("FOLLOWUP_DB", cli_db)
    assert main(["demo", "--no-open", "--date", "2026-11-22"]) == 0
    if not on_server(cli_db):
        assert Path(cli_db).exists()
    capsys.readouterr()
    assert main(["--db", cli_db, "export"]) == 0
    assert len(json.loads(capsys.readouterr().out)["accounts"]) == 30


def test_unexpected_error_is_one_sentence_and_exit_1(tmp_path: Path, monkeypatch, capsys) -> None:
    def boom(args, settings):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(cli.COMMANDS, "export", boom)
    assert main(["--db", str(tmp_path / "x.db"), "export"]) == 1
    err = capsys.readouterr().err
    assert "disk on fire" in err and "--debug" in err and "Traceback" not in err
    assert main(["--db", str(tmp_path / "x.db"), "--debug", "export"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_export_refuses_a_missing_database_and_creates_nothing(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nowhere" / "x.db"
    assert main(["--db", str(missing), "export"]) == 2
    assert "no database at" in capsys.readouterr().err
    assert not missing.parent.exists()


def test_export_file_is_private_and_bad_paths_exit_2(demo_db: Db, tmp_path: Path, capsys) -> None:
    import stat

    db = demo_db
    out = tmp_path / "out.json"
    assert main(["--db", str(db), "export", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    capsys.readouterr()
    assert main(["--db", str(db), "export", "-o", str(tmp_path / "no" / "dir.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert main(["--db", str(db), "export", "-o", str(tmp_path)]) == 2


def test_import_of_a_bad_file_leaves_no_database(tmp_path: Path, capsys) -> None:
    target = tmp_path / "new.db"
    assert main(["--db", str(target), "import", str(tmp_path / "missing.json")]) == 2
    assert not target.exists()


def test_config_named_by_environment_must_exist(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(tmp_path / "nope.yaml"))
    assert main(["--db", str(tmp_path / "d.db"), "demo", "--no-open"]) == 2
    assert "nope.yaml" in capsys.readouterr().err


def test_app_without_a_terminal_says_so(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(runtime, "has_terminal", lambda: False)
    assert main(["--db", str(tmp_path / "d.db")]) == 2
    assert "needs a terminal" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "d.db"), "demo", "--date", "2026-11-22"]) == 0
    assert "not opened" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["keys"], ["keys", "--json"]])
def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path, command: list[str]) -> None:
    """`followup keys | head -1`: the rest of the output has nowhere to go, and that is fine.

    The reader here (`true`) is gone before followup has started, so the first write
    meets a closed pipe every time."""
    followup = Path(sys.executable).with_name("followup")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    db = ["--db", str(tmp_path / "x.db")]
    shell = f"{followup} {' '.join(db + command)} | true; echo ${{PIPESTATUS[0]}}"
    done = subprocess.run(
        ["bash", "-c", shell], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.strip() == "0", done.stderr
    assert "error" not in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        ([], False),
        (["--db", "x.db"], False),
        (["--db=x.db", "--debug", "--config", "c.yaml"], False),
        (["due"], True),
        (["--db", "x.db", "due", "--json"], True),
        (["--help"], True),
        (["--version"], True),
        (["nonsense"], True),
        (["--db"], False),  # argparse then says --db wants a value
    ],
)
def test_a_plain_start_parses_only_the_global_options(argv: list[str], command: bool) -> None:
    from followup_tui.cli.parser import build_parser, names_a_command, start_parser

    assert names_a_command(argv) is command
    if not command and argv != ["--db"]:
        # The two parsers read a plain start alike.
        assert vars(start_parser().parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["due"], "due"),
        (["--db", "x.db", "due", "--json", "--limit", "3"], "due"),
        (["--db=x.db", "--debug", "note", "acme", "called", "--next", "-1d"], "note"),
        (["find", "华为", "sow", "--limit", "5"], "find"),
        (["sheet", "Northwind", "--format", "md", "--present"], "sheet"),
        (["review", "health", "--quarter", "2026-Q3", "--format", "csv"], "review"),
        (["export", "--date", "2026-11-22"], "export"),
        (["keys", "--json"], "keys"),
        (["--help", "due"], None),  # the whole help: every subcommand listed
        (["-h"], None),
        (["--version"], None),
        (["nonsense"], None),  # argparse names the subcommands it knows
        ([], None),
    ],
)
def test_a_subcommand_parses_alike_with_only_its_own_parser(
    argv: list[str], named: str | None
) -> None:
    from followup_tui.cli.parser import build_parser, command_named, glue_day_values

    assert command_named(argv) == named
    if named is not None:
        given = glue_day_values(argv)
        assert vars(build_parser(named).parse_args(given)) == vars(build_parser().parse_args(given))


def test_the_console_script_leaves_the_collector_as_it_found_it(monkeypatch) -> None:
    import gc

    import followup_tui.cli.main as cli_main
    from followup_tui.cli import entry

    seen: list[bool] = []

    def fake_run() -> None:
        seen.append(gc.isenabled())
        raise SystemExit(0)

    monkeypatch.setattr(cli_main, "run", fake_run)
    with pytest.raises(SystemExit):
        entry.run()
    # Paused only while the command line was imported: the command runs with it on.
    assert seen == [True] and gc.isenabled()
