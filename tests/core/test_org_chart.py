"""The org chart layout: departments, level order, the coach, and CJK alignment."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from followup_tui.core.accounts.org_chart import (
    ChartWords,
    OrgPerson,
    draw_org_chart,
    fit_cells,
    group_by_department,
    level_bar,
)

PEOPLE = [
    OrgPerson(1, "Li Na", "采购部", "Buyer", 2),
    OrgPerson(2, "王刚", "采购部", "采购总监", 5, is_coach=True),
    OrgPerson(3, "Tom Baker", "Engineering", "CTO", 4),
    OrgPerson(4, "赵工", "", "工程师", None),
    OrgPerson(5, "Ann", " engineering ", "Lead", 4),
]


@pytest.mark.parametrize(
    "level, bar",
    [(5, "●●●●●"), (3, "●●●○○"), (1, "●○○○○"), (None, "·····"), (0, "·····"), (9, "·····")],
)
def test_level_bar(level: int | None, bar: str) -> None:
    assert level_bar(level) == bar


@pytest.mark.parametrize(
    "text, width, expected",
    [
        ("Tom", 5, "Tom"),
        ("Alexander", 5, "Alex…"),
        ("王刚", 4, "王刚"),
        ("欧阳建国", 5, "欧阳…"),  # 欧阳建 would take 7 cells with the ellipsis
        ("欧阳建国", 6, "欧阳…"),  # one cell left over: half a character cannot be drawn
        ("", 3, ""),
    ],
)
def test_fit_cells(text: str, width: int, expected: str) -> None:
    assert fit_cells(text, width) == expected
    assert cell_len(fit_cells(text, width)) <= width


@pytest.mark.parametrize(
    "people, expected",
    [
        # The department of the most involved person first; no department last.
        (
            PEOPLE,
            [("采购部", [2, 1]), ("Engineering", [5, 3]), ("", [4])],
        ),
        # Equal top levels: by department name; equal levels inside: by name.
        (
            [
                OrgPerson(1, "b", "Sales", level=3),
                OrgPerson(2, "a", "Sales", level=3),
                OrgPerson(3, "c", "Finance", level=3),
            ],
            [("Finance", [3]), ("Sales", [2, 1])],
        ),
        # Unknown levels sort below level 1.
        (
            [OrgPerson(1, "x", "IT"), OrgPerson(2, "y", "IT", level=1)],
            [("IT", [2, 1])],
        ),
        ([], []),
    ],
)
def test_group_by_department(people: list[OrgPerson], expected: list) -> None:
    got = [(dept, [p.id for p in group]) for dept, group in group_by_department(people)]
    assert got == expected


def test_chart_draws_departments_in_level_order_with_the_coach_marked() -> None:
    lines = draw_org_chart("华为技术", PEOPLE, ChartWords(no_department="(none)", coach="coach"))
    texts = [line.text.rstrip() for line in lines]
    assert texts == [
        "华为技术",
        "├─ 采购部 (2)",
        "│  ├─ ●●●●● 王刚       采购总监  ★ coach",
        "│  └─ ●●○○○ Li Na      Buyer",
        "├─ Engineering (2)",
        "│  ├─ ●●●●○ Ann        Lead",
        "│  └─ ●●●●○ Tom Baker  CTO",
        "└─ (none) (1)",
        "   └─ ····· 赵工       工程师",
    ]
    assert [line.kind for line in lines[:3]] == ["root", "department", "person"]
    assert [line.person_id for line in lines if line.kind == "person"] == [2, 1, 5, 3, 4]
    assert [line.is_coach for line in lines if line.kind == "person"] == [1, 0, 0, 0, 0]


def test_chinese_and_english_names_align_by_terminal_cells() -> None:
    lines = draw_org_chart("Acme", PEOPLE)
    # Every line is as wide as the others on screen, whatever its characters.
    assert len({cell_len(line.text) for line in lines}) == 1
    people = [line.text for line in lines if line.kind == "person"]
    titles = ["采购总监", "Buyer", "Lead", "CTO", "工程师"]
    # The title column starts at the same cell on every person's line.
    starts = {
        cell_len(text[: text.index(title)]) for text, title in zip(people, titles, strict=True)
    }
    assert len(starts) == 1


def test_long_names_are_cut_by_cells() -> None:
    long = "欧阳" * 20
    lines = draw_org_chart("Acme", [OrgPerson(1, long, "IT", "x" * 40, 3)])
    person = lines[-1].text
    assert "…" in person and long not in person
    assert cell_len(person) <= 6 + 6 + 24 + 2 + 24


def test_no_people_no_chart() -> None:
    assert draw_org_chart("Acme", []) == []
