"""Which editor opens a note, and what comes back from it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.base.editor import NoEditor, edited_text, editor_command, kept_note


def found(*names: str):  # type: ignore[no-untyped-def]
    return lambda name: f"/usr/bin/{name}" if name in names else None


def test_editor_comes_before_visual_and_is_split_like_a_shell() -> None:
    env = {"EDITOR": "code --wait", "VISUAL": "emacs"}
    assert editor_command(env, found()) == (["code", "--wait"], "EDITOR")
    assert editor_command({"VISUAL": "'my editor' -n"}, found()) == (["my editor", "-n"], "VISUAL")


def test_without_variables_the_first_usual_editor_installed() -> None:
    assert editor_command({"EDITOR": "  "}, found("vi", "nano")) == (["nano"], "nano")
    assert editor_command({}, found("vi")) == (["vi"], "vi")
    with pytest.raises(NoEditor, match=r"\$EDITOR"):
        editor_command({}, found())


def test_an_unreadable_variable_is_named() -> None:
    with pytest.raises(ValueError, match=r"\$EDITOR"):
        editor_command({"EDITOR": "vim '"}, found("vi"))


def test_the_newline_an_editor_adds_is_dropped_and_nothing_else() -> None:
    assert edited_text("a", "a\nb\n") == "a\nb"
    assert edited_text("a\n", "a\nb\n") == "a\nb\n"
    assert edited_text("a", "a\r\nb\r\n") == "a\r\nb"
    assert edited_text("a", "  a\n\n") == "  a\n"


def test_a_kept_note_drops_blank_lines_around_it_only() -> None:
    assert kept_note("\n  \n  indented\n\nnext  \n\n") == "  indented\n\nnext"
    assert kept_note(" \n\t\n") == ""


lines = st.lists(st.text(alphabet=st.characters(blacklist_characters="\n\r")), max_size=6)


@given(lines)
def test_every_line_inside_a_note_is_kept_as_typed(typed: list[str]) -> None:
    kept = kept_note("\n".join(typed))
    inner = [n for n, line in enumerate(typed) if line.strip()]
    if not inner:
        assert kept == ""
        return
    body = typed[inner[0] : inner[-1] + 1]
    body[-1] = body[-1].rstrip()
    assert kept == "\n".join(body)


def test_a_line_an_editor_appends_is_not_glued_to_the_last_one() -> None:
    """`echo more >> FILE` on a file without a final newline glued 'SOW' and 'more'."""
    from followup_tui.core.base.editor import as_file, edited_text

    given = as_file("第二行 SOW")
    assert given == "第二行 SOW\n"
    assert edited_text("第二行 SOW", given + "from-editor\n") == "第二行 SOW\nfrom-editor"
