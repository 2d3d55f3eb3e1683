"""Whom a text names, for presentation mode: the forms a rep writes a person in."""

from __future__ import annotations

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.sheet.room import Room, coach_words, in_the_room
from tests.core.test_landmines import person

PEOPLE = [("Kevin Liu", "economic_buyer"), ("王小明", "coach"), ("潘东", "technical_buyer")]


@pytest.mark.parametrize(
    ("text", "anyone", "coach"),
    [
        ("Kevin Liu wants a discount", True, False),
        ("ask kevin first", True, False),  # a first name, any case
        ("LIU is against us", True, False),
        ("Kevins and Liuzhou", False, False),  # a name inside a longer word is not the name
        ("小明说预算已批", True, True),  # the given name of a three-character name
        ("王总还没表态", True, True),  # surname and the title reps write
        ("wangxiaoming confirmed", True, True),  # pinyin, whole
        ("Wang Xiao Ming confirmed", True, True),  # pinyin, by syllables
        ("潘工担心接口", True, False),
        ("pandong worries", True, False),
        ("the freight rates rise", False, False),
        ("", False, False),
        ("Ｋｅｖｉｎ", True, False),  # full-width, as a Chinese input method types it
    ],
)
def test_a_text_names_the_people_of_the_sheet(
    settings: Settings, text: str, anyone: bool, coach: bool
) -> None:
    room = Room(PEOPLE, coach_words(settings))
    assert room.names_anyone(text) is anyone
    assert room.names_coach(text) is coach


@pytest.mark.parametrize("who", ["Coach", "coach", "教练", "the coach"])
def test_the_coach_role_word_names_a_coach_in_either_language(settings: Settings, who: str) -> None:
    room = Room(PEOPLE, coach_words(settings))
    assert room.names_coach(who)
    # A rule's own text ("No Coach yet") names nobody: it is not a person's name.
    assert not room.names_anyone(who)


@pytest.mark.parametrize("who", ["Me", "我", "Me + GM", "Kevin Liu", ""])
def test_the_rep_and_ordinary_people_are_not_the_coach(settings: Settings, who: str) -> None:
    assert not Room(PEOPLE, coach_words(settings)).names_coach(who)


def test_short_latin_words_are_matched_only_in_the_full_name() -> None:
    room = Room([("Li Na", "coach")])
    assert room.names_coach("Li Na said so")
    assert not room.names_coach("Li said so")  # "Li" alone would hide half the sheet


def test_the_room_sees_everyone_but_the_coaches() -> None:
    people = [person(1, "economic_buyer"), person(2, "coach"), person(3, "user_buyer")]
    assert [i.id for i in in_the_room(people)] == [1, 3]
