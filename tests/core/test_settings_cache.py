"""The cache of the parsed shipped defaults: the same settings, and never a reason to fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from followup_tui.cli import runtime
from followup_tui.cli.parser import build_parser
from followup_tui.core.base import config_cache
from followup_tui.core.base.config import load_settings
from followup_tui.core.base.config_cache import CACHE_FILE, LINES_FILE
from followup_tui.core.base.errors import ConfigError


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any parse of the shipped files fail the test."""

    def fail() -> None:
        raise AssertionError("the shipped defaults were parsed, not read from the cache")

    monkeypatch.setattr(config_cache, "parse_shipped", fail)


def test_a_cached_load_gives_the_same_settings(tmp_path: Path, monkeypatch) -> None:
    fresh = load_settings(None)
    first = load_settings(None, cache_dir=tmp_path)
    assert (tmp_path / CACHE_FILE).is_file()
    _no_parsing(monkeypatch)
    cached = load_settings(None, cache_dir=tmp_path)
    assert cached == first == fresh
    # Vocabulary sections keep their file order (choices are shown in it).
    assert cached.choices("roles") == fresh.choices("roles")


def test_a_user_file_is_merged_on_cached_defaults(tmp_path: Path, monkeypatch) -> None:
    user = tmp_path / "config.yaml"
    user.write_text("language: zh\nheat:\n  cadence_loss:\n    A: 15\n", encoding="utf-8")
    load_settings(None, cache_dir=tmp_path / "cache")
    _no_parsing(monkeypatch)
    settings = load_settings(user, cache_dir=tmp_path / "cache")
    assert settings.language == "zh" and settings.heat.decay_per_day["A"] == 5
    assert settings.sources[-1] == str(user)


def test_errors_still_name_the_user_file_and_line(tmp_path: Path) -> None:
    user = tmp_path / "config.yaml"
    user.write_text("rep:\n  name: 3\n", encoding="utf-8")
    load_settings(None, cache_dir=tmp_path / "cache")
    with pytest.raises(ConfigError) as err:
        load_settings(user, cache_dir=tmp_path / "cache")
    assert (err.value.file, err.value.line, err.value.key) == (str(user), 2, "rep.name")
    user.write_text("language: en\nclass_scheme: nope\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(user, cache_dir=tmp_path / "cache")
    assert (err.value.file, err.value.line, err.value.key) == (str(user), 2, "class_scheme")


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b"\xe3\x00\x00\x00\x00", b"\x29\x02\xe9\x01"],
    ids=["empty", "text", "truncated", "other tuple"],
)
def test_a_bad_cache_file_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    (tmp_path / CACHE_FILE).write_bytes(content)
    assert load_settings(None, cache_dir=tmp_path) == load_settings(None)
    assert (tmp_path / CACHE_FILE).read_bytes() != content


def test_a_cache_from_other_files_is_not_used(tmp_path: Path, monkeypatch) -> None:
    load_settings(None, cache_dir=tmp_path)
    stamp = config_cache.shipped_stamp()
    monkeypatch.setattr(config_cache, "shipped_stamp", lambda: (*stamp, "changed"))
    parsed: list[bool] = []
    real = config_cache.parse_shipped

    def counting() -> config_cache.Shipped:
        parsed.append(True)
        return real()

    monkeypatch.setattr(config_cache, "parse_shipped", counting)
    load_settings(None, cache_dir=tmp_path)
    assert parsed == [True]


def test_an_unwritable_cache_directory_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    assert load_settings(None, cache_dir=blocked / "cache") == load_settings(None)
    assert not list(tmp_path.glob("**/*.tmp"))


def test_the_cli_keeps_the_cache_in_the_user_cache_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    runtime.cli_settings(build_parser().parse_args([]))
    assert (tmp_path / "xdg-cache" / "followup" / CACHE_FILE).is_file()


def test_a_warm_start_imports_no_yaml(tmp_path: Path) -> None:
    """What the cache is for: with no user file, start-up needs neither PyYAML nor parsing."""
    code = (
        "import sys\n"
        "from followup_tui.cli import runtime\n"
        "from followup_tui.cli.parser import build_parser\n"
        "runtime.cli_settings(build_parser().parse_args([]))\n"
        "print('yaml' in sys.modules)\n"
    )
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("FOLLOWUP_CONFIG", None)
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]


def test_the_shipped_lines_are_read_only_when_an_error_needs_them(
    tmp_path: Path, monkeypatch
) -> None:
    """A start reads the cached tree alone; the lines of the shipped keys (a third of the
    cache) are read when a message must place a key, and made again if their file is gone."""
    written = config_cache.parse_shipped()[1][("class_scheme",)]
    assert written[0] == "config/settings.yaml" and written[1]
    load_settings(None, cache_dir=tmp_path)
    assert (tmp_path / LINES_FILE).is_file()
    (tmp_path / LINES_FILE).unlink()
    fresh = load_settings(None)
    _no_parsing(monkeypatch)
    assert load_settings(None, cache_dir=tmp_path) == fresh
    assert not (tmp_path / LINES_FILE).exists()  # not read, so not missed
    monkeypatch.undo()
    _merged, lines, _sources = config_cache.shipped(tmp_path)
    assert lines.get(("class_scheme",), ("config", None)) == written
    assert (tmp_path / LINES_FILE).is_file()  # parsed for the question, and kept
    _no_parsing(monkeypatch)
    again = config_cache.shipped(tmp_path)[1]
    assert again.get(("class_scheme",), ("config", None)) == written
    assert again.get(("no", "such"), ("config", None)) == ("config", None)
