"""The user's keymap: key syntax in the core, ids against the app's bindings, and the UI."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.binding import Binding
from textual.keys import Keys, _character_to_key, _normalize_key_list
from textual.widgets import DataTable

from followup_tui.cli import keys as cli_keys
from followup_tui.cli.main import main
from followup_tui.core.base.config import (
    Settings,
    check_keymap_clashes,
    check_keymap_ids,
    load_settings,
)
from followup_tui.core.base.errors import ConfigError
from followup_tui.core.base.keymap import (
    MODIFIERS,
    NAMED_KEYS,
    PUNCTUATION,
    BadKey,
    key_character,
    parse_keys,
)
from followup_tui.core.base.text import display_width
from followup_tui.screens.close_out import CloseOut
from followup_tui.screens.due_queue import DueQueueScreen
from followup_tui.screens.help import HelpScreen
from tests.support import make_app

SIZE = (140, 40)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# The key syntax, in the core.


@pytest.mark.parametrize(
    "text, keys",
    [
        ("ctrl+d", "ctrl+d"),
        ("f5", "f5"),
        ("shift+tab", "shift+tab"),
        ("a", "a"),
        ("A", "A"),
        ("?", "question_mark"),
        ("question_mark", "question_mark"),
        ("shift+ctrl+up", "ctrl+shift+up"),
        ("ctrl+d, f5", "ctrl+d,f5"),
        ("d,d", "d"),
        ("+", "plus"),
        ("ctrl+slash", "ctrl+slash"),
        ("中", "中"),
    ],
)
def test_keys_come_out_as_textual_names_them(text: str, keys: str) -> None:
    assert parse_keys(text) == keys


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty key"),
        ("ctrl+d,", "empty key"),
        ("ctrl + d", "no spaces"),
        ("cmd+d", "unknown modifier 'cmd'"),
        ("ctrl+ctrl+d", "repeated"),
        ("F5", "did you mean 'f5'"),
        ("ctrl+", "empty part"),
        ("ctrl++", "'plus'"),
        ("f25", "unknown key 'f25'"),
        ("shift+a", "write 'A'"),
        ("ctrl+A", "'ctrl+shift+a'"),
        ("\x07", "not a key one can type"),
    ],
)
def test_what_is_not_a_key_says_why(text: str, reason: str) -> None:
    with pytest.raises(BadKey) as err:
        parse_keys(text)
    assert reason in str(err.value)


@given(st.text(max_size=12))
def test_any_text_is_a_key_or_a_reason(text: str) -> None:
    """The check never fails in any other way: a config file cannot crash it."""
    with contextlib.suppress(BadKey):
        parse_keys(text)


KEY_PARTS = st.one_of(
    st.sampled_from(sorted(NAMED_KEYS)),
    st.sampled_from(sorted(PUNCTUATION)),
    st.characters(exclude_categories=("Cs",)),
    st.sampled_from(["F5", "f0", "ctrl", "tab ", "", "cmd"]),
)
KEY_TEXT = st.builds(
    lambda mods, base: "+".join([*mods, base]),
    st.lists(st.sampled_from([*MODIFIERS, "cmd", "Ctrl"]), max_size=3),
    KEY_PARTS,
)
TEXTUAL_KEYS = {key.value.rpartition("+")[2] for key in Keys}


@given(st.lists(KEY_TEXT, min_size=1, max_size=3))
def test_every_key_accepted_is_one_textual_binds_and_can_report(parts: list[str]) -> None:
    """What the check accepts, Textual takes as it is and names a key it reports."""
    try:
        keys = parse_keys(",".join(parts))
    except BadKey:
        return
    # Textual's own normalisation (what `App.set_keymap` applies) leaves it unchanged...
    assert _normalize_key_list(keys) == keys
    # ...Textual makes bindings of it without complaint, one per key...
    made = list(Binding.make_bindings([Binding(keys, "noop", "Noop")]))
    assert [b.key for b in made] == keys.split(",")
    for key in keys.split(","):
        *modifiers, base = key.split("+")
        # ...modifiers in the order Textual reports them...
        assert modifiers == sorted(modifiers) and set(modifiers) <= set(MODIFIERS)
        # ...and a key Textual names: one of its keys, or the name of the character typed.
        char = key_character(base)
        assert base in TEXTUAL_KEYS or (char is not None and _character_to_key(char) == base)


@given(st.characters(exclude_categories=("Cs", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn")))
def test_one_typed_character_is_named_as_textual_names_it(char: str) -> None:
    if char == "," or not char.isprintable():
        return
    assert parse_keys(char) == _normalize_key_list(char) == _character_to_key(char)


# The config file: syntax when the settings load, ids before the app starts.


def test_a_keymap_loads_in_textual_form(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "keymap:\n  queue.done: ctrl+d\n  go.queue: 1\n"))
    assert dict(settings.keymap) == {"queue.done": "ctrl+d", "go.queue": "1"}
    assert load_settings(None).keymap == {}


def test_a_bad_key_names_file_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "language: en\nkeymap:\n  queue.done: ctrl+d\n  app.help: cmd+h\n")
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    assert (err.value.file, err.value.line, err.value.key) == (str(path), 4, "keymap.app.help")
    assert "unknown modifier 'cmd'" in str(err.value)


def test_a_key_must_be_text(tmp_path: Path) -> None:
    path = write(tmp_path, "keymap:\n  queue.done: [d, e]\n")
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    assert (err.value.line, err.value.key) == (2, "keymap.queue.done")


def test_an_unknown_id_names_file_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "keymap:\n  queue.done: ctrl+d\n  queue.dne: x\n")
    settings = load_settings(path)
    with pytest.raises(ConfigError) as err:
        check_keymap_ids(settings, {"queue.done", "app.quit"})
    assert (err.value.file, err.value.line, err.value.key) == (str(path), 3, "keymap.queue.dne")
    assert "did you mean 'queue.done'" in str(err.value)


# A screen's keys as declared: archive and restore share x by design (one shows at a time).
SCREEN = {
    "queue.done": "d",
    "queue.snooze": "s",
    "queue.reschedule": "r",
    "accounts.archive": "x",
    "accounts.restore": "x",
    "accounts.add": "a",
}


def test_a_key_another_binding_of_the_screen_has_names_file_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "keymap:\n  queue.reschedule: R\n  queue.done: s\n")
    with pytest.raises(ConfigError) as err:
        check_keymap_clashes(load_settings(path), SCREEN)
    assert (err.value.file, err.value.line, err.value.key) == (str(path), 3, "keymap.queue.done")
    assert "'s' is already the key of queue.snooze" in str(err.value)


def test_keys_moved_together_or_shared_by_design_are_no_clash(tmp_path: Path) -> None:
    path = write(tmp_path, "keymap:\n  queue.done: s\n  queue.snooze: z\n  accounts.restore: x\n")
    check_keymap_clashes(load_settings(path), SCREEN)
    check_keymap_clashes(load_settings(write(tmp_path, "keymap: {accounts.add: d}\n")), SCREEN)


@given(st.dictionaries(st.sampled_from(sorted(SCREEN)), st.sampled_from("adrsxz"), max_size=4))
def test_an_accepted_keymap_leaves_every_binding_a_key_of_its_own(remap: dict[str, str]) -> None:
    """Whatever is remapped, a keymap that passes leaves no two bindings of one screen on
    one key, but for those that share it by design."""
    settings = dataclasses.replace(load_settings(None), keymap=remap)
    try:
        check_keymap_clashes(settings, SCREEN)
    except ConfigError:
        return
    keys = {bid: remap.get(bid, key) for bid, key in SCREEN.items()}
    for a in SCREEN:
        for b in SCREEN:
            same_screen = a != b and a.split(".")[0] == b.split(".")[0]
            by_design = SCREEN[a] == SCREEN[b]
            if same_screen and not by_design and (a in remap or b in remap):
                assert keys[a] != keys[b], (a, b, remap)


def test_the_catalog_holds_every_binding_with_an_id(settings: Settings) -> None:
    rows = cli_keys.collect_bindings()
    ids = [row[0] for row in rows]
    assert len(ids) == len(set(ids)) > 100
    assert ("queue.done", "d", "Done", "Queue") in rows
    assert ("app.help", "f1,question_mark", "Help", "App") in rows
    # The sheet's bindings are declared in a module of their own.
    assert "sheet.section.sso" in ids
    # Every id has its words (the footer, the help and `followup keys` show them).
    english = settings.data["vocabulary"]["en"]
    assert [i for i in ids if f"key_{i.replace('.', '_')}" not in english] == []


def test_the_catalog_is_kept_and_read_back(tmp_path: Path, monkeypatch) -> None:
    first = cli_keys.binding_catalog(tmp_path)
    assert (tmp_path / cli_keys.CATALOG_FILE).is_file()

    def no_collecting() -> list:
        raise AssertionError("the screens were imported again")

    monkeypatch.setattr(cli_keys, "collect_bindings", no_collecting)
    assert cli_keys.binding_catalog(tmp_path) == first


@pytest.mark.parametrize(
    "entry, line, key, says",
    [
        ("  queue.done: ctrl+d\n  app.help: cmd+h\n", 3, "keymap.app.help", "unknown modifier"),
        ("  queue.done: ctrl+d\n  queue.dne: x\n", 3, "keymap.queue.dne", "no key binding"),
        ("  queue.done: ''\n", 2, "keymap.queue.done", "empty key"),
        ("  queue.done: s\n", 2, "keymap.queue.done", "already the key of queue.snooze"),
    ],
)
def test_the_cli_stops_with_exit_2_naming_file_line_and_key(
    tmp_path: Path, capsys, entry: str, line: int, key: str, says: str
) -> None:
    config = write(tmp_path, "keymap:\n" + entry)
    db = tmp_path / "never.db"
    for command in ([], ["keys"], ["demo", "--no-open"]):
        assert main(["--db", str(db), "--config", str(config), *command]) == 2
        err = capsys.readouterr().err
        assert f"config error in {config}, line {line}, key '{key}'" in err, err
        assert says in err
        assert not db.exists()


def test_followup_keys_lists_ids_defaults_and_remapped_keys(tmp_path: Path, capsys) -> None:
    config = write(tmp_path, "keymap:\n  queue.done: ctrl+d\n")
    assert main(["--config", str(config), "keys"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("  ")[0] == "Binding id"
    assert " Default key " in lines[0] and " Your key " in lines[0] and "What it does" in lines[0]
    done = next(line for line in lines if line.startswith("queue.done "))
    assert done.split() == ["queue.done", "d", "ctrl+d", "Queue:", "Done"]
    snooze = next(line for line in lines if line.startswith("queue.snooze "))
    assert snooze.split() == ["queue.snooze", "s", "Queue:", "Snooze"]
    assert main(["--config", str(config), "keys", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    by_id = {row["id"]: row for row in listed}
    assert by_id["queue.done"] == {
        "id": "queue.done",
        "default": "d",
        "key": "ctrl+d",
        "remapped": True,
        "description": "Queue: Done",
    }
    assert by_id["app.quit"]["key"] == "q" and not by_id["app.quit"]["remapped"]


def test_followup_keys_in_chinese(tmp_path: Path, capsys) -> None:
    config = write(tmp_path, "language: zh\nkeymap:\n  queue.done: ctrl+d\n")
    assert main(["--config", str(config), "keys"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["按键标识", "默认按键", "你的按键", "作用"]
    done = next(line for line in lines if line.startswith("queue.done "))
    assert done.split() == ["queue.done", "d", "ctrl+d", "待跟进：完成"]
    # The columns line up in terminal cells, Chinese headings included.
    assert display_width(lines[0].split("你的按键")[0]) == done.index("ctrl+d")


# The app: the new key acts, and the footer, the help and the palette name it.


async def test_a_remapped_key_acts_and_is_shown_everywhere(tmp_path: Path, demo_db: Path) -> None:
    settings = load_settings(write(tmp_path, "keymap:\n  queue.done: ctrl+d\n"))
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, DueQueueScreen)
        footer_keys = {
            app.get_key_display(active.binding): active.binding.id
            for active in queue.active_bindings.values()
        }
        assert footer_keys.get("^d") == "queue.done" and "d" not in footer_keys
        footer = app.export_screenshot()
        assert "^d" in footer
        palette = {c.title: c.help for c in app.get_system_commands(queue)}
        assert "(key: ^d)" in palette["Queue: Done"]
        await pilot.press("d")  # the old key does nothing now
        assert app.screen is queue
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert ("^d", "Done") in [row[:2] for row in rows]
        assert ("d", "Done") not in [row[:2] for row in rows]
        await pilot.press("escape")
        await pilot.press("ctrl+d")
        assert isinstance(app.screen, CloseOut)
