"""A side's matches, listed only as far as they are read, are exactly the plain list of matches.

`Matches` lists a word's first matches, counts the rest in C and lists others
around wherever they are asked for (a kept cursor's account, the end, a page);
whatever is asked in whatever order, every answer must be the plain answer.
"""

from __future__ import annotations

from itertools import accumulate

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.accounts import list_matches
from followup_tui.core.accounts.list_matches import SEPARATOR, Matches

ALPHABET = "anol李明 "  # few letters, so a word is often in many entries


def joined_text(texts: list[str]) -> tuple[str, list[int]]:
    """The texts joined as a list side joins them, and where each starts."""
    return SEPARATOR.join(texts), list(accumulate((len(t) + 1 for t in texts), initial=0))


operations = st.lists(
    st.one_of(
        st.tuples(st.just("item"), st.integers(-40, 40)),
        st.tuples(st.just("slice"), st.integers(-3, 40), st.integers(-3, 45)),
        st.tuples(st.just("index_of"), st.integers(0, 39)),
        st.tuples(st.just("len")),
        st.tuples(st.just("all")),
    ),
    max_size=12,
)


@hsettings(max_examples=400, deadline=None)
@given(
    texts=st.lists(st.text(ALPHABET, max_size=6), min_size=1, max_size=40),
    word=st.text(ALPHABET.strip(), min_size=1, max_size=2),
    eager=st.integers(0, 4),
    steps=operations,
)
def test_every_answer_is_the_plain_list_of_matches(
    texts: list[str], word: str, eager: int, steps: list[tuple]
) -> None:
    """Items, pages, ranks and the count, in any order, as a plain list gives them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(list_matches, "EAGER_MATCHES", eager)
        check_steps(texts, word, steps)


def check_steps(texts: list[str], word: str, steps: list[tuple]) -> None:
    """Each step's answer against the plain list of the entries holding `word`."""
    joined, starts = joined_text(texts)
    plain = [n for n, text in enumerate(texts) if word in text]
    matches = Matches(joined, starts, word)
    for step in steps:
        if step[0] == "item":
            index = step[1]
            if -len(plain) <= index < len(plain):
                assert matches[index] == plain[index], step
            else:
                with pytest.raises(IndexError):
                    matches[index]
        elif step[0] == "slice":
            assert list(matches[step[1] : step[2]]) == plain[step[1] : step[2]], step
        elif step[0] == "index_of":
            position = step[1] % len(texts)
            expected = plain.index(position) if position in plain else None
            assert matches.index_of(position) == expected, step
        elif step[0] == "len":
            assert len(matches) == len(plain)
        else:
            assert list(matches) == plain
            assert matches.complete
    assert len(matches) == len(plain)
    assert list(matches) == plain


def test_a_common_word_is_counted_without_being_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Most matches of a word in many entries stay unlisted until a row needs them."""
    monkeypatch.setattr(list_matches, "EAGER_MATCHES", 10)
    texts = [f"li {n}" for n in range(1000)]
    joined, starts = joined_text(texts)
    matches = Matches(joined, starts, "li")
    assert len(matches) == 1000
    assert not matches.complete
    # The last account (a cursor kept at the end): its rank, then its page, listed there.
    assert matches.index_of(999) == 999
    assert list(matches[992:1000]) == list(range(992, 1000))
    assert not matches.complete
    assert list(matches) == list(range(1000)) and matches.complete
