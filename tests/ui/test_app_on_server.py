"""The app on a team's PostgreSQL database (`pg_cluster`): it starts on the queue, a note
written in it is in the server's tables, and the account page and reviews open.

What is SQLite's own (the file's safety check, checkpoints, the daily backup) is left
out on a server: a start there must not reach for a file.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.db.models import Activity
from followup_tui.screens.account_list_screen import AccountsScreen
from followup_tui.screens.account_page import AccountPage
from followup_tui.screens.due_queue import DueQueueScreen
from followup_tui.screens.quick_note import QuickNote
from tests.support import TODAY, make_app

SIZE = (140, 40)


@pytest.fixture
def demo_server(pg_url: str, settings: Settings) -> Iterator[ServerUrl]:
    """A team database holding the demo, open."""
    from followup_tui.demo import write_demo

    url = ServerUrl(pg_url)
    write_demo(today=TODAY, force=False, db_path=url, settings=settings)
    yield url


def server_notes(url: ServerUrl, account_id: int) -> list[str]:
    """The notes the server holds for an account, read on a connection of its own."""
    import psycopg

    with psycopg.connect(url.url) as conn:
        rows = conn.execute(
            "SELECT notes FROM activity WHERE account_id = %s ORDER BY id", (account_id,)
        ).fetchall()
    return [r[0] for r in rows]


async def test_the_queue_shows_and_a_note_reaches_the_server(
    settings: Settings, demo_server: ServerUrl
) -> None:
    app = make_app(settings, demo_server)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DueQueueScreen)
        counts = str(screen.query_one("#queue-counts").render())
        assert "Overdue" in counts and "Today" in counts
        item = screen.current()
        assert item is not None
        await pilot.press("n")
        assert isinstance(app.screen, QuickNote)
        await pilot.press(*"他们要新报价 on the server")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DueQueueScreen)
        last = Activity.select().order_by(Activity.id.desc()).get()
        assert (last.account_id, last.notes) == (item.account_id, "他们要新报价 on the server")
    assert server_notes(demo_server, item.account_id)[-1] == "他们要新报价 on the server"
    assert app.return_code in (0, None)


async def test_the_account_list_and_page_open_on_a_server(
    settings: Settings, demo_server: ServerUrl
) -> None:
    app = make_app(settings, demo_server)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        assert isinstance(app.screen, AccountsScreen)
        assert len(app.screen.rows) > 20
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountPage)
        await pilot.press("1")
        assert isinstance(app.screen, DueQueueScreen)
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.xfail(
    reason="helper T4's part: the reviews' days are SQLite's date(x, 'localtime') "
    "(db/review_reads.py)",
    strict=True,
)
async def test_the_reviews_open_on_a_server(settings: Settings, demo_server: ServerUrl) -> None:
    from followup_tui.screens.review.review_screen import ReviewScreen

    app = make_app(settings, demo_server)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("1")
        assert isinstance(app.screen, DueQueueScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_deals_call_script_and_close_out_on_a_server(
    settings: Settings, demo_server: ServerUrl
) -> None:
    from followup_tui.db.models import FollowUp
    from followup_tui.screens.call_script import CallScriptScreen
    from followup_tui.screens.close_out import CloseOut
    from followup_tui.screens.deals import DealsScreen

    app = make_app(settings, demo_server)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, DealsScreen)
        await pilot.press("1")
        screen = app.screen
        assert isinstance(screen, DueQueueScreen)
        for _ in range(40):  # the first row carrying a follow-up
            item = screen.current()
            if item is not None and item.follow_up is not None:
                break
            await pilot.press("down")
        assert item is not None and item.follow_up is not None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallScriptScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        assert isinstance(app.screen, CloseOut)
        await pilot.press("m", *"Demo booked", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DueQueueScreen)
        assert FollowUp.get_by_id(item.follow_up.id).done is True
