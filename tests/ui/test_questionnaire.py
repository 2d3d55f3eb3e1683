"""The seed-002 questionnaire in the account form: answers suggest willingness and need, live."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.widgets import DataTable, Select, Static

from followup_tui.app import FollowupApp
from followup_tui.core.base.config import load_settings
from followup_tui.db.accounts import save_account
from followup_tui.db.models import Account
from followup_tui.screens.account_form import AccountForm
from followup_tui.screens.account_list_screen import AccountsScreen
from followup_tui.screens.questionnaire import ORDER, QuestionnaireScreen, tally
from tests.support import make_app

SIZE = (140, 45)
# Row order on screen: the five willingness questions, then the four need ones.
WILLINGNESS_ROWS = [qid for qid, dim, _ in ORDER if dim == "willingness"]
assert WILLINGNESS_ROWS[-1] == "has_obstacles_to_us"  # the one where yes counts against



def verdict(screen: QuestionnaireScreen) -> str:
    return str(screen.query_one("#q-verdict", Static).render())


def screen_text(app: FollowupApp) -> str:
    """What the terminal shows, line by line, read from the screenshot."""
    rows: dict[float, list[tuple[float, str]]] = {}
    svg = app.export_screenshot()
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        text = html.unescape(re.sub("<[^>]+>", "", m[3])).replace("\xa0", " ")
        rows.setdefault(float(m[2]), []).append((float(m[1]), text))
    return "\n".join("".join(t for _, t in sorted(row)) for _, row in sorted(rows.items()))


@pytest.mark.parametrize(
    "answers, dimension, expected",
    [
        ({}, "willingness", (0, 0)),
        ({"knows_our_products": True, "has_obstacles_to_us": True}, "willingness", (1, 2)),
        ({"has_obstacles_to_us": False}, "willingness", (1, 1)),
        ({"used_similar_products": False, "knows_the_value": True}, "need", (1, 2)),
        ({"knows_our_products": True, "used_similar_products": None}, "need", (0, 0)),
    ],
)
def test_tally_counts_answers_for_the_dimension(answers, dimension, expected) -> None:
    assert tally(answers, dimension) == expected


async def test_answers_fill_the_form_and_the_account_saves_with_them(settings, db_path) -> None:
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        form = app.screen
        assert isinstance(form, AccountForm)
        await pilot.press(*"Wingtip Toys")
        titles = {command.title for command in app.get_system_commands(form)}
        assert "Account: Questionnaire" in titles
        await pilot.press("ctrl+r")
        quiz = app.screen
        assert isinstance(quiz, QuestionnaireScreen)
        assert "Willingness: no answer yet" in verdict(quiz)
        # Willingness: yes, yes, no, no; then yes to obstacles, which counts against.
        await pilot.press("y", "y", "n", "n", "y")
        text = verdict(quiz)
        assert "Low willingness  (2 of 5 answers favour it)" in text
        assert "Need: no answer yet" in text and "Suggested class" not in text
        # Need: yes, yes, no, then clear the last answer again.
        await pilot.press("y", "y", "n", "up", "backspace")
        text = verdict(quiz)
        assert "Strong need  (2 of 2 answers favour it)" in text
        assert f"Suggested class B · signs within {settings.classes['B'].horizon}" in text
        table = quiz.query_one(DataTable)
        assert str(table.get_row("has_obstacles_to_us")[1]) == "Yes"
        assert str(table.get_row("compares_other_suppliers")[1]) == "?"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#f-willingness", Select).value == "low"
        assert form.query_one("#f-need", Select).value == "strong"
        assert "Class B" in str(form.query_one("#class-panel", Static).render())
        assert Account.select().count() == 0  # nothing saved until the form is

        # The rep decides: the choices stay editable after the suggestion.
        form.query_one("#f-willingness", Select).value = "high"
        await pilot.pause()
        # Reopened, the questionnaire shows the answers given before.
        await pilot.press("ctrl+r")
        quiz = app.screen
        assert isinstance(quiz, QuestionnaireScreen)
        assert quiz.answers["has_obstacles_to_us"] is True
        assert quiz.answers["compares_other_suppliers"] is None
        await pilot.press("escape")  # closing leaves the form's choices alone
        assert form.query_one("#f-willingness", Select).value == "high"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AccountsScreen)
    account = Account.get(Account.name == "Wingtip Toys")
    assert (account.willingness, account.need, account.quadrant) == ("high", "strong", "A")


async def test_nothing_answered_suggests_nothing(settings, db_path) -> None:
    account_id = save_account({"name": "Acme", "willingness": "low", "need": "weak"})
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        form = app.screen
        assert isinstance(form, AccountForm)
        await pilot.press("ctrl+r")
        quiz = app.screen
        assert isinstance(quiz, QuestionnaireScreen)
        await pilot.press("ctrl+s")  # nothing answered: it stays open and says why
        assert app.screen is quiz
        # Need questions only: willingness keeps the rep's earlier choice.
        quiz.query_one(DataTable).move_cursor(row=len(WILLINGNESS_ROWS))
        await pilot.press("y", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#f-willingness", Select).value == "low"
        assert form.query_one("#f-need", Select).value == "strong"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert Account.get_by_id(account_id).quadrant == "B"


async def test_questionnaire_speaks_chinese(tmp_path: Path, db_path) -> None:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    zh = load_settings(config)
    app = make_app(zh, db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a", *"abc")
        assert "ctrl+r：用评估问卷给出建议" in screen_text(app)
        await pilot.press("ctrl+r")
        quiz = app.screen
        assert isinstance(quiz, QuestionnaireScreen)
        await pilot.press("y", "y", "y", "y", "n")
        text = screen_text(app)
        for words in ("客户意愿与需求评估", "是否知道本公司的产品？", "是否使用过同类产品？"):
            assert words in text
        assert "意愿高（5个回答中有5个支持）" in text and "需求：尚未回答" in text
        for words in ("采用建议", "清除", "关闭"):
            assert words in text  # the footer
        for english in ("Willingness", "Yes", "Question", "Use suggestion", "answers favour"):
            assert english not in text
        titles = {command.title for command in app.get_system_commands(quiz)}
        assert "评估问卷：采用建议" in titles
