"""Privacy (#18): every file followup writes is the user's alone, and `--debug` logs go
to the per-user log folder without the command's arguments."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from followup_tui.cli import main as cli_main
from followup_tui.cli.main import main
from followup_tui.db.database import close_database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# On a file only: the book and its backups are files here; a server keeps neither (its
# exports are private too: test_cli.test_export_file_is_private_and_bad_paths_exit_2).
def test_database_backups_and_exports_are_private(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)  # a usual umask: files would be world-readable unless made private
    try:
        written = _write_everything(tmp_path)
    finally:
        os.umask(old)
    assert {p.name: oct(mode(p)) for p in written} == {p.name: oct(0o600) for p in written}
    assert mode(tmp_path / "backups") == 0o700


def _write_everything(tmp_path: Path) -> list[Path]:
    db = tmp_path / "book.db"
    assert main(["--db", str(db), "demo", "--no-open", "--date", "2026-11-22"]) == 0
    assert main(["--db", str(db), "backup"]) == 0
    assert main(["--db", str(db), "export", "-o", str(tmp_path / "all.json")]) == 0
    assert main(["--db", str(db), "export", "--format", "csv", "-o", str(tmp_path / "t.zip")]) == 0
    assert main(["--db", str(db), "export", "--format", "vcf", "-o", str(tmp_path / "p.vcf")]) == 0
    close_database()
    written = [db, *(tmp_path / "backups").iterdir(), tmp_path / "all.json", tmp_path / "t.zip"]
    written.append(tmp_path / "p.vcf")
    return written


def test_debug_log_goes_to_the_user_log_folder_without_arguments(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)

    def broken(args, settings):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug")

    monkeypatch.setitem(cli_main.COMMANDS, "note", broken)
    before = set(tmp_path.iterdir())
    code = main(["--debug", "--db", str(tmp_path / "b.db"), "note", "华为", "预算 secret 王总"])
    assert code == 1
    log = tmp_path / "xdg-state" / "followup" / "log" / "debug.log"
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: a bug" in text and "followup note" in text
    assert "secret" not in text and "王总" not in text
    assert mode(log) == 0o600
    assert str(log) in capsys.readouterr().err
    # Nothing in the working folder: only the per-user folders (the log, the settings' cache).
    assert {p.name for p in set(tmp_path.iterdir()) - before} <= {"xdg-state", "xdg-cache"}


@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_an_unexpected_error_is_one_sentence_without_debug(
    tmp_path: Path, capsys, monkeypatch, debug: list[str]
) -> None:
    monkeypatch.setitem(cli_main.COMMANDS, "due", lambda args, settings: 1 / 0)
    assert main([*debug, "--db", str(tmp_path / "b.db"), "due"]) == 1
    err = capsys.readouterr().err
    assert ("Traceback" in err) == bool(debug)
