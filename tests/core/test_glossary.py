"""One glossary per language for the blue sheet: one Chinese term per concept, everywhere."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from followup_tui.core.base.config import load_settings

DATA = load_settings(None).data


def zh_texts(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) of every Chinese string of the shipped config, the glossary apart."""
    if isinstance(value, str):
        if any("\u4e00" <= ch <= "\u9fff" for ch in value):
            yield path, value
    elif isinstance(value, Mapping):  # the settings are read-only views, not dicts
        for key, item in value.items():
            if path == "" and key == "glossary":
                continue
            if key == "en" and path.endswith("vocabulary"):
                continue
            yield from zh_texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from zh_texts(item, f"{path}[{i}]")


def test_the_walk_reaches_the_vocabulary() -> None:
    # The settings hold read-only mappings: a walk over dicts alone saw none of the words.
    assert any(where.startswith("vocabulary.zh.") for where, _ in zh_texts(DATA))


def test_the_glossary_has_one_term_per_concept_in_each_language() -> None:
    glossary = DATA["glossary"]
    for language in ("en", "zh"):
        terms = [entry[language] for entry in glossary.values()]
        assert len(terms) == len(set(terms)), language


def test_no_drifting_chinese_term_is_used_anywhere() -> None:
    banned = {
        word: concept for concept, e in DATA["glossary"].items() for word in e.get("not_zh", ())
    }
    drift = [
        (where, text, word) for where, text in zh_texts(DATA) for word in banned if word in text
    ]
    assert not drift, drift


def test_position_is_always_dingwei() -> None:
    # 位置 named three things (the scale, the alternate, the signals' verdict): now none.
    assert not [(w, t) for w, t in zh_texts(DATA) if "位置" in t]


def test_the_sheet_uses_the_glossary_words() -> None:
    g, zh = DATA["glossary"], DATA["vocabulary"]["zh"]
    assert zh["bluesheet_position"] == g["position"]["zh"]
    assert zh["sheet_position"] == g["position"]["zh"]
    assert zh["deal_position"] == g["position"]["zh"]
    assert zh["bluesheet_alternate"] == g["alternate_position"]["zh"]
    assert zh["sheet_alternate_position"] == g["alternate_position"]["zh"]
    assert zh["bluesheet_tab_stand"] == g["stand"]["zh"]
    assert zh["key_sheet_section_signals"] == g["stand"]["zh"]
    assert zh["bluesheet_degree"] == zh["sheet_degree"] == g["degree"]["zh"]
    assert zh["bluesheet_results"] == zh["sheet_results"] == g["results"]["zh"]
    assert zh["bluesheet_win"] == zh["sheet_personal_win"] == g["personal_win"]["zh"]
