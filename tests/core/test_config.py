"""Configuration: defaults, user overrides, and every kind of error message."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.core.base.config import load_settings
from followup_tui.core.base.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_use_the_seed_000_scheme(settings) -> None:
    assert settings.class_scheme == "seed000"
    assert settings.classes["A"].horizon_days == (30, 30)
    assert settings.classes["D"].horizon_days == (90, 180)
    assert settings.classes["B"].tactic.startswith("Paint the big picture")
    assert settings.label("roles", "economic_buyer") == "Economic Buyer"
    assert len(settings.data["signals"]) == 12
    assert len(settings.data["traps"]) == 2
    assert len(settings.data["script_moves"]) == 5


def test_every_vocabulary_entry_has_both_languages(settings) -> None:
    for section, entries in settings.data.items():
        if not hasattr(entries, "items"):
            continue
        for key, entry in entries.items():
            if hasattr(entry, "keys") and "en" in entry and not isinstance(entry["en"], list):
                assert entry.get("zh"), f"{section}.{key} lacks Chinese text"
    assert set(settings.data["vocabulary"]["en"]) == set(settings.data["vocabulary"]["zh"])


@pytest.mark.parametrize("scheme, a_days", [("seed002", 90), ("seed004", 90)])
def test_a_preset_scheme_can_be_selected(tmp_path: Path, scheme: str, a_days: int) -> None:
    settings = load_settings(write(tmp_path, f"class_scheme: {scheme}\n"))
    assert settings.classes["A"].horizon_days[0] == a_days
    assert settings.classes["C"].horizon_days != (90, 90)


def test_user_file_overrides_one_key_and_keeps_the_rest(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "language: zh\nheat:\n  cadence_loss:\n    A: 15\n"))
    assert settings.language == "zh"
    assert settings.heat.decay_per_day["A"] == 5.0
    assert settings.heat.decay_per_day["B"] == 12 / 7  # the shipped 12 over a 7-day cadence
    assert settings.label("roles", "coach") == "教练"
    assert settings.word("accounts") == "客户"


def test_a_user_may_add_a_class_scheme(tmp_path: Path) -> None:
    classes = "".join(
        f"      {c}:\n        horizon_days: [10, 20]\n        horizon: {{en: soon, zh: 快}}\n"
        f"        cadence_days: 2\n        tactic: {{en: go, zh: 去}}\n"
        for c in "ABCD"
    )
    text = (
        "class_scheme: mine\nclass_schemes:\n  mine:\n    label: {en: Mine, zh: 我的}\n"
        "    classes:\n" + classes
    )
    settings = load_settings(write(tmp_path, text))
    assert settings.classes["C"].cadence_days == 2


def error_of(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_settings(path, required=True)
    return info.value


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "language: en\nheat:\n  hot: [80\n  start: 3\n")
    err = error_of(path)
    assert err.file == str(path)
    assert err.line in (3, 4)
    assert "invalid YAML" in str(err)


def test_unknown_key_names_file_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "language: en\nheat:\n  hot: 70\n  warmth: 3\n")
    err = error_of(path)
    assert (err.line, err.key) == (4, "heat.warmth")
    assert "unknown key" in str(err) and str(path) in str(err) and "line 4" in str(err)


def test_wrong_type_names_file_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "dormant:\n  revival_days: soon\n")
    err = error_of(path)
    assert (err.line, err.key) == (2, "dormant.revival_days")
    assert "expected a whole number" in str(err)


def test_bad_value_is_checked_after_types(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "\n\nlanguage: fr\n"))
    assert (err.line, err.key) == (3, "language")
    assert "en, zh" in str(err)


def test_unknown_class_scheme(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "class_scheme: seed999\n"))
    assert err.key == "class_scheme" and "seed000" in str(err)


def test_duplicate_key(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "language: en\nlanguage: zh\n"))
    assert (err.line, err.key) == (2, "language")


def test_missing_explicit_config_file(tmp_path: Path) -> None:
    err = error_of(tmp_path / "nope.yaml")
    assert "no such file" in str(err)


def test_cli_stops_with_exit_2_before_opening_the_database(tmp_path: Path, capsys) -> None:
    config = write(tmp_path, "heat:\n  hot: warm\n")
    db = tmp_path / "never.db"
    assert main(["--db", str(db), "--config", str(config), "export"]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "heat.hot" in err and str(config) in err
    assert not db.exists()
