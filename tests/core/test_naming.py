"""The one rule for naming an account: what the CLI and the app's "Go to" both follow."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.accounts.naming import (
    CONTAINS,
    EXACT,
    PREFIX,
    NamedThing,
    best_named,
    forms_of,
    name_forms,
    name_rank,
    ranked,
    stored_forms,
    typed_words,
)
from followup_tui.core.base.text import name_sort_key, search_key


def thing(n: int, name: str) -> NamedThing:
    return NamedThing(n, name, name_forms(search_key(name), name_sort_key(name)))


def rank(text: str, name: str) -> int | None:
    return name_rank(typed_words(text), thing(0, name).forms)


def test_a_chinese_name_by_its_pinyin_whole_or_by_initials() -> None:
    assert rank("华为", "华为技术") == PREFIX
    assert rank("huawei", "华为技术") == PREFIX
    assert rank("hwjs", "华为技术") == EXACT
    assert rank("HuaWeiJiShu", "华为技术") == EXACT
    assert rank("hua wei", "华为技术") == PREFIX
    assert rank("jishu", "华为技术") == CONTAINS
    assert rank("zte", "华为技术") is None


def test_case_width_and_accents_fold() -> None:
    assert rank("muller", "Müller GmbH") == PREFIX
    assert rank("ＡＣＭＥ", "Acme") == EXACT
    assert rank("gmbh muller", "Müller GmbH") == CONTAINS


def test_a_whole_name_wins_over_names_containing_it() -> None:
    hits = ranked(typed_words("acme"), [thing(1, "Acme Asia"), thing(2, "Acme")])
    assert [h.thing.id for h in best_named(hits)] == [2]
    hits = ranked(typed_words("acm"), [thing(1, "Acme Asia"), thing(2, "Acme")])
    assert [h.thing.id for h in best_named(hits)] == [1, 2]


def test_nothing_typed_names_nothing() -> None:
    assert rank("", "Acme") is None
    assert rank("   ", "Acme") is None


names = st.text(
    alphabet=st.sampled_from("abcXYZ éü华为技术北京重庆银行 -·"), min_size=1, max_size=12
).filter(lambda s: search_key(s).strip())


@given(names)
def test_every_name_is_found_by_itself_its_pinyin_and_its_initials(name: str) -> None:
    forms = thing(0, name).forms
    assert forms[0] == search_key(name)
    for form in forms:
        assert name_rank(typed_words(form), forms) == EXACT


@given(names, st.text(max_size=6))
def test_a_hit_holds_every_word_typed_in_one_of_its_forms(name: str, typed: str) -> None:
    forms = thing(0, name).forms
    found = name_rank(typed_words(typed), forms)
    holds_all = bool(typed_words(typed)) and all(
        any(w in f for f in forms) for w in typed_words(typed)
    )
    assert (found is not None) == holds_all


@given(names)
def test_stored_forms_read_back_as_they_were(name: str) -> None:
    folded, key = search_key(name), name_sort_key(name)
    assert forms_of(stored_forms(folded, key)) == name_forms(folded, key)


def test_punctuation_inside_a_word_may_be_typed_or_left_out() -> None:
    assert rank("margies", "Margie's Travel") == PREFIX
    assert rank("margie's", "Margie's Travel") == PREFIX
    assert rank("margies travel", "Margie's Travel") == EXACT
    assert rank("spareparts", "Spare-Parts Co.") == PREFIX
    assert rank("co", "Spare-Parts Co.") == CONTAINS
    assert name_forms("acme", name_sort_key("Acme")) == ("acme",)  # nothing to leave out
