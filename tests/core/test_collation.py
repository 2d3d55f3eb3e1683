"""Names sort as a Chinese rep reads them: Chinese by pinyin, among Latin names."""

from __future__ import annotations

import pytest

from followup_tui.core.base.text import name_sort_key


def test_chinese_names_interleave_with_latin_ones_by_pinyin() -> None:
    names = ["Zeta", "张伟", "Apex", "安徽精工", "北京京华", "Zhou Ltd", "ｂｅｔａ"]
    assert sorted(names, key=name_sort_key) == [
        "安徽精工",  # an hui
        "Apex",
        "北京京华",  # bei jing
        "ｂｅｔａ",  # full-width folds to beta
        "Zeta",
        "张伟",  # zhang wei
        "Zhou Ltd",
    ]


@pytest.mark.parametrize(
    ("name", "spoken"),
    [
        ("重庆长安", "chong qing chang an"),
        ("招商银行", "zhao shang yin hang"),
        ("李四 Apex", "li si apex"),
    ],
)
def test_polyphones_follow_the_word(name: str, spoken: str) -> None:
    assert name_sort_key(name).split("\x00")[0] == spoken


def test_same_pinyin_keeps_a_stable_distinct_order() -> None:
    assert name_sort_key("张伟") != name_sort_key("章伟")
    one = sorted(["章伟", "张伟"], key=name_sort_key)
    assert one == sorted(["张伟", "章伟"], key=name_sort_key)


def test_spoken_forms_give_whole_pinyin_and_initials() -> None:
    from followup_tui.core.base.text import spoken_forms

    assert spoken_forms(name_sort_key("北京京华制药")) == "beijingjinghuazhiyao bjjhzy"
    assert spoken_forms(name_sort_key("Northwind Logistics")) == ""
