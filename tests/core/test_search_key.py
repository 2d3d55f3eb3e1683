"""The search key's quick path folds exactly as the character-by-character one."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.base import text as text_module
from followup_tui.core.base.text import search_key


def reference_key(text: str) -> str:
    """The fold spelled out: NFKC, casefold, spaces, then every combining mark dropped."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    bare = "".join(
        ch for ch in unicodedata.normalize("NFD", folded) if not unicodedata.combining(ch)
    )
    return unicodedata.normalize("NFC", bare)


def test_the_unmarked_characters_hold_no_combining_mark() -> None:
    for first, last in text_module.UNMARKED_RANGES:
        for code in range(first, last + 1):
            assert not unicodedata.combining(chr(code)), hex(code)
            assert text_module._UNMARKED.fullmatch(chr(code)), hex(code)


PIECES = [
    *"Café Müller Đà Nẵng 华为技术，周总。ｆｕｌｌ ＷＩＤＴＨ が ぱ ｶﾞ ﾊﾟ 〪",
    "e\u0301",
    "\u3099",
]
MIXED = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@given(st.one_of(st.text(max_size=30), MIXED))
def test_search_key_folds_as_the_reference(text: str) -> None:
    assert search_key(text) == reference_key(text)


def test_known_folds() -> None:
    assert search_key("Café  MÜLLER") == "cafe muller"
    assert search_key("华为技术，周总") == "华为技术,周总"
    assert search_key("が") == "か"  # the voicing mark is a combining mark: dropped as before
