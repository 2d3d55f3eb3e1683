"""Presentation mode on any data: no presented text names the coach, and none of the
landmines and bullets the rep wrote shows when it is tied to someone or names anyone.

The sheets are drawn by hypothesis: people with unusual names (so a name found in the
output was put there by a text, not by a word of the vocabulary), some of them coaches,
and texts that name them as a rep would (full name, first name, lower case, pinyin,
surname and title) in the landmines, bullets, best actions, evidence and what people
want. Both outputs are read: the printed presentation copy and the sheet screen's
overview, sections and review diff, presenting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from rich.console import Console, RenderableType

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.text import name_spoken
from followup_tui.core.sheet.landmines import find_landmines
from followup_tui.core.sheet.review_diff import review_changes, snapshot
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    SheetAction,
    SheetBullet,
    SheetDeal,
    SheetInfluence,
    SheetLandmine,
)
from followup_tui.core.sheet.sheet_text import sheet_markdown
from followup_tui.widgets import sheet_render as render
from followup_tui.widgets.sheet_summary import overview
from followup_tui.widgets.sheet_view import SheetView
from tests.support import TODAY

ROLES = ("economic_buyer", "user_buyer", "technical_buyer", "coach")
# Characters no word of the vocabulary uses, and consonants no English word puts after Q.
HAN = "犇骉鑫淼焱垚燚赟翀玥珩昱"
LATIN = "bcdfghjklmnprstvwxz"


@st.composite
def names(draw: st.DrawFn, count: int) -> list[str]:
    """`count` names sharing no word or character: 'Qrabo Qtelm' or '犇骉'."""
    out: list[str] = []
    used: set[str] = set()
    while len(out) < count:
        if draw(st.booleans()):
            parts = draw(st.lists(st.sampled_from(HAN), min_size=2, max_size=2, unique=True))
            name = "".join(parts)
        else:
            words = draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(LATIN), st.text("aeiou" + LATIN, min_size=3, max_size=3)
                    ),
                    min_size=1,
                    max_size=2,
                )
            )
            parts = ["Q" + first + rest for first, rest in words]
            name = " ".join(parts)
        if used.isdisjoint(parts) and len(set(parts)) == len(parts):
            used.update(parts)
            out.append(name)
    return out


def forms(name: str) -> list[str]:
    """How a rep may write this person in a text."""
    spoken = name_spoken(name).split()
    if spoken:  # Chinese: the name, surname and title, pinyin
        return [name, name[0] + "总", spoken[0]]
    first = name.split()[0]
    return [name, first, first.lower()]


def clues(name: str) -> list[str]:
    """What of a name must not reach the room (cut forms aside): the name, each word,
    the pinyin."""
    spoken = name_spoken(name).split()
    chinese = [name[0] + "总"] if spoken else []
    return [name, *name.split(), *spoken[:1], *chinese]


@st.composite
def sheets(draw: st.DrawFn) -> BlueSheet:
    count = draw(st.integers(1, 4))
    people_names = draw(names(count))
    roles = draw(st.lists(st.sampled_from(ROLES), min_size=count, max_size=count))
    if "coach" not in roles:
        roles[draw(st.integers(0, count - 1))] = "coach"
    coaches = [n for n, r in zip(people_names, roles, strict=True) if r == "coach"]

    def text(tag: str, who: list[str]) -> str:
        """A text with a unique tag, naming one of `who` (or nobody)."""
        named = draw(st.one_of(st.none(), st.sampled_from(who))) if who else None
        if named is None:
            return f"plain {tag} risk"
        form = draw(st.sampled_from(forms(named)))
        return draw(st.sampled_from([f"{form} worries {tag}", f"{tag}: ask {form}"]))

    people = tuple(
        SheetInfluence(
            id=i + 1,
            contact_id=100 + i,
            name=name,
            role=role,
            role_evidence=text(f"zrole{i}", coaches),
            mode=draw(st.sampled_from([None, "growth", "trouble", "even_keel", "overconfident"])),
            degree=draw(st.sampled_from(["high", "medium", "low"])),
            rating=draw(st.one_of(st.none(), st.integers(-5, 5))),
            contacted=draw(st.booleans()),
            results=text(f"zres{i}", coaches),
        )
        for i, (name, role) in enumerate(zip(people_names, roles, strict=True))
    )
    ids = [p.id for p in people]
    mines = tuple(
        SheetLandmine(
            id=k + 1,
            category="other",
            text=text(f"zmine{k}", people_names),
            influence_id=draw(st.one_of(st.none(), st.sampled_from(ids))),
            bullet_id=k + 1 if draw(st.booleans()) else None,
        )
        for k in range(draw(st.integers(0, 3)))
    )
    bullets = tuple(
        SheetBullet(
            id=k + 1,
            category="value",
            text=text(f"zbul{k}", people_names),
            influence_id=draw(st.one_of(st.none(), st.sampled_from(ids))),
        )
        for k in range(len(mines))
    )
    doers = ["Me", "", "Coach", "教练", *coaches]
    actions = tuple(
        SheetAction(
            id=k + 1,
            who=draw(st.sampled_from(doers)),
            what=text(f"zact{k}", coaches),
            due=TODAY + dt.timedelta(days=draw(st.integers(-5, 5))),
            target=text(f"zaim{k}", coaches),
        )
        for k in range(draw(st.integers(0, 3)))
    )
    deal = SheetDeal(
        id=1,
        account_id=1,
        account_name="Acme",
        title="Sensors",
        status="in_progress",
        funnel="in",
        evidence_customer=text("zev", coaches),
        created_at=dt.datetime(2026, 6, 1, 9, 0),
    )
    return BlueSheet(deal, people, mines, bullets, actions)


def plain(renderable: RenderableType) -> str:
    console = Console(width=400, record=True, color_system=None)
    with console.capture():
        console.print(renderable)
    return console.export_text()


def cells(rows: list[tuple[object, tuple[object, ...]]] | list) -> str:
    return "\n".join(" | ".join(str(c) for c in row) for _, row in rows)


def on_screen(sheet: BlueSheet, settings: Settings) -> str:
    """Everything the sheet screen shows while presenting (no cut: a wide screen)."""
    view = SheetView.build(sheet, TODAY, settings, presenting=True)
    empty = replace(sheet, influences=(), landmines=(), bullets=(), actions=())
    diff = view.changes(
        review_changes(snapshot(empty, TODAY, settings), snapshot(sheet, TODAY, settings), settings)
    )
    parts = [
        overview(view, 400, 200).plain,
        render.head(view).plain,
        plain(render.sso(view)),
        cells([(i.id, render.influence_row(view, i)) for i in view.people]),
        *(render.influence_detail(view, i).plain for i in view.people),
        cells(render.landmine_rows(view)),
        cells(render.bullet_rows(view)),
        *(render.mine_detail(view, "landmine", m.id).plain for m in sheet.landmines),
        *(render.mine_detail(view, "bullet", b.id).plain for b in sheet.bullets),
        cells(render.action_rows(view)),
        render.found(view).plain,
        *diff,
    ]
    return "\n".join(parts)


def _zh(tmp: Path) -> Settings:
    tmp.mkdir(parents=True, exist_ok=True)
    user = tmp / "zh.yaml"
    user.write_text("language: zh\n", encoding="utf-8")
    return load_settings(user)


@hsettings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sheet=sheets(), chinese=st.booleans())
def test_nothing_presented_names_a_coach_or_shows_a_text_about_someone(
    sheet: BlueSheet, chinese: bool, tmp_path: Path
) -> None:
    settings = _zh(tmp_path / "cfg") if chinese else load_settings(None)
    printed = sheet_markdown(sheet, TODAY, settings, present=True)
    shown = on_screen(sheet, settings)
    for output in (printed, shown):
        folded = output.casefold()
        for coach in (i for i in sheet.influences if i.role == "coach"):
            for clue in clues(coach.name):
                assert clue.casefold() not in folded, (coach.name, clue)
        # A landmine or bullet tied to someone, or naming anyone, never shows.
        for item in (*sheet.landmines, *sheet.bullets):
            names_someone = any(
                form.casefold() in item.text.casefold()
                for person in sheet.influences
                for form in forms(person.name)
            )
            if item.influence_id is not None or names_someone:
                assert item.text not in output, item.text
        # A rule's finding about a person is masked whole.
        for found in find_landmines(sheet, TODAY, settings):
            if found.private:
                assert found.text not in output, found.text
    # What may show does (the printed copy lists them all): the structure stays.
    for mine in sheet.landmines:
        plain_text = "plain" in mine.text and mine.influence_id is None
        assert (mine.text in printed) is plain_text, mine.text
    for act in sheet.actions:
        if act.who == "Me" and act.what.startswith("plain"):
            assert f"| Me | {act.what} |" in printed
