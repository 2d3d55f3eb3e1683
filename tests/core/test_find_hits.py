"""Where a search found its words, and the words around them, for the CLI and the app alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.accounts.find_hits import (
    FindHit,
    Person,
    account_place,
    hit_line,
    place_words,
    query_words,
    snippet,
)
from followup_tui.core.base.config import load_settings
from followup_tui.core.base.text import display_width, name_spoken


def test_pinyin_of_a_person_whole_and_initials() -> None:
    assert name_spoken("潘东") == "pandong pd"
    assert name_spoken("Ann Lee") == ""


def test_a_hit_in_an_account_is_placed_in_the_first_part_holding_every_word() -> None:
    people = [Person(7, "Ann Lee", ""), Person(8, "潘东", "pandong pd")]
    words = query_words("PanDong")
    assert account_place(words, "上海明远", "shanghaimingyuan shmy", people, "") == (
        "person",
        "潘东",
        8,
    )
    assert account_place(["shmy"], "上海明远", "shanghaimingyuan shmy", people, "")[0] == "name"
    assert account_place(["sow"], "Acme", "", people, "Sent the SOW") == (
        "account_notes",
        "Sent the SOW",
        None,
    )
    # Spread over the name and the notes: the account as a whole.
    assert account_place(["acme", "sow"], "Acme", "", people, "SOW")[0] == "name"


def test_places_in_both_languages() -> None:
    en = load_settings(None)
    zh = replace(en, language="zh")
    call = FindHit(1, "华为技术", "activity", "周总要 SOW", 5, "call", dt.date(2026, 11, 20))
    quick = FindHit(1, "华为技术", "activity", "周总要 SOW", 6, "note", dt.date(2026, 11, 21))
    assert place_words(call, en) == "call note of 2026-11-20"
    assert place_words(quick, en) == "quick note of 2026-11-21"
    assert place_words(call, zh) == "2026-11-20 的电话记录"
    assert place_words(FindHit(1, "x", "landmine", "t"), zh) == "地雷"
    assert hit_line(call, ["sow"], en) == "华为技术 (#1) · call note of 2026-11-20 · 周总要 SOW"


def test_a_long_note_is_cut_around_its_match() -> None:
    note = "Opening small talk about the weather. " * 3 + "Then: send the SOW by Friday. " * 3
    cut = snippet(note, ["sow"], width=40)
    assert "SOW" in cut and cut.startswith("…") and cut.endswith("…")
    assert display_width(cut) <= 40


@given(st.text(min_size=1, max_size=200), st.integers(10, 80))
def test_a_snippet_is_one_line_within_its_width(text: str, width: int) -> None:
    words = query_words(text[len(text) // 2 :])[:1]
    cut = snippet(text, words, width)
    assert "\n" not in cut and "\r" not in cut
    assert display_width(cut) <= width
