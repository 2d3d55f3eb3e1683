"""The account list driven by keys, checked against the database."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import LoadingIndicator

from followup_tui.db.models import Account
from followup_tui.screens.account_list_screen import AccountsScreen
from followup_tui.screens.account_page import AccountPage
from followup_tui.screens.confirm import Confirm
from followup_tui.widgets.virtual_table import VirtualTable
from tests.support import TODAY, make_app


def shown(app) -> list[str]:
    return [e.name for e in app.screen.rows]


def told(app) -> list[str]:
    """The app's notifications from now on, as text, newest last."""
    messages: list[str] = []
    app.notify = lambda message, **kw: messages.append(str(message))
    return messages


async def test_filter_by_typing_english_and_chinese(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")  # the account list
        await pilot.pause()
        total = len(shown(app))
        await pilot.press("slash", *"north")
        assert shown(app) == ["Northwind Logistics"]
        await pilot.press("escape")
        assert len(shown(app)) == total
        await pilot.press("slash", "华", "为")
        assert shown(app) == ["华为技术"]
        assert "华为" in str(app.screen.query_one("#accounts-status").render())
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, AccountPage)
        assert app.screen.account["name"] == "华为技术"


async def test_down_goes_from_the_filter_to_the_list_and_up_comes_back(
    settings, demo_db: Path
) -> None:
    """QA: Down in the `/` box did nothing; the rep had to press enter to reach the list."""
    from textual.widgets import Input

    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        box = screen.query_one("#accounts-filter", Input)
        table = screen.query_one(VirtualTable)
        await pilot.press("slash", *"n")
        assert app.focused is box and len(shown(app)) > 2
        await pilot.press("down")
        assert app.focused is table and table.cursor == 0
        assert screen.filter.text == "n"  # the filter is kept
        await pilot.press("down")
        assert table.cursor == 1  # from there, down is the table's own
        await pilot.press("up")
        assert app.focused is table and table.cursor == 0
        await pilot.press("up")  # above the first row: back to the box
        assert app.focused is box and box.value == "n"
        await pilot.pause()
        await pilot.press(*"orth")  # narrows the filter: it does not replace it
        assert box.value == "north"
        assert shown(app) == ["Northwind Logistics"]
        await pilot.press("down", "enter")
        assert isinstance(app.screen, AccountPage)
        assert app.screen.account["name"] == "Northwind Logistics"


async def test_contact_names_are_searchable(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")  # the account list
        await pilot.press("slash", *"王经理")
        assert shown(app), "a key person's name should find their account"


async def test_chinese_names_are_found_by_pinyin_and_initials(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.press("slash", *"beijing")
        assert shown(app) == ["北京京华制药"]
        await pilot.press("escape", "slash", *"hwjs")  # 华为技术: hua wei ji shu
        assert shown(app) == ["华为技术"]


async def test_one_key_filters_and_sort(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")  # the account list
        await pilot.press("c")  # class A
        assert shown(app) and {e.quadrant for e in app.screen.rows} == {"A"}
        await pilot.press("t")  # existing
        assert {e.relationship for e in app.screen.rows} == {"existing"}
        live_a_existing = (
            Account.select()
            .where(
                (Account.quadrant == "A")
                & (Account.relationship == "existing")
                & (Account.archived == False)  # noqa: E712
            )
            .count()
        )
        assert len(shown(app)) == live_a_existing
        status = str(app.screen.query_one("#accounts-status").render())
        assert "class A" in status and "Existing" in status
        await pilot.press("escape", "s")  # clear, then sort by class
        assert app.screen.sort_key == "class"
        classes = [e.quadrant or "Z" for e in app.screen.rows]
        assert classes == sorted(classes)
        header = app.screen.query_one(VirtualTable).columns[1].label
        assert header.endswith("▲")
        await pilot.press("S")
        assert [e.quadrant or "Z" for e in app.screen.rows] == sorted(classes, reverse=True)


async def test_archive_and_undo(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")  # the account list
        await pilot.pause()
        first = app.screen.rows[0]
        await pilot.press("x")
        assert Account.get_by_id(first.id).archived is True
        assert first.name not in shown(app)
        await pilot.press("u")
        assert Account.get_by_id(first.id).archived is False
        assert first.name in shown(app)
        # Later, from the archived view: restore with x there.
        await pilot.press("x", "h")
        assert first.name in shown(app)
        assert "ARCHIVED" in str(app.screen.query_one("#accounts-status").render())
        await pilot.press("slash", *first.name.split()[0], "enter", "x")
        assert Account.get_by_id(first.id).archived is False


async def test_empty_filter_result_says_how_to_clear(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")  # the account list
        await pilot.press("slash", *"zzzzqqq")
        assert isinstance(app.screen, AccountsScreen)
        assert app.screen.has_class("-empty")
        assert "esc" in str(app.screen.query_one("#accounts-empty").render())
        await pilot.press("enter", "c")  # back on the table, one-key filters still work
        assert app.screen.filter.quadrant == "A"
        assert app.screen.filter.text == "zzzzqqq"


async def test_a_large_book_shows_a_first_page_then_every_account(
    settings, demo_db: Path, monkeypatch
) -> None:
    from followup_tui.screens import account_list_screen as accounts

    monkeypatch.setattr(accounts, "INLINE_ACCOUNTS", 0)
    monkeypatch.setattr(
        accounts.data,
        "first_page",
        lambda today, rates, limit=200: accounts.data.load_entries(today, rates)[:3],
    )
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        live = Account.select().where(Account.archived == False).count()  # noqa: E712
        assert len(shown(app)) == live
        assert screen.still_loading == 0
        assert "loading" not in str(screen.query_one("#accounts-status").render())


def test_first_page_is_the_first_live_accounts_by_name(settings, demo_db: Path) -> None:
    from followup_tui.core.accounts.account_list import AccountIndex, ListFilter
    from followup_tui.db import accounts as data

    rates = dict(settings.heat.decay_per_day)
    page = data.first_page(TODAY, rates, limit=5)
    everything = AccountIndex(data.load_entries(TODAY, rates)).view(ListFilter())
    assert [e.id for e in page] == [e.id for e in everything[:5]]
    assert data.count_all_accounts() == Account.select().count()


def hold_the_load(monkeypatch) -> threading.Event:
    """A large book whose full load reads everything, then waits for the returned event.

    The read comes first, so an edit made while waiting is missing from what it read.
    """
    from followup_tui.screens import account_list_screen as accounts

    real = accounts.data.load_entries
    gate = threading.Event()

    def slow(today, rates):
        entries = real(today, rates)
        gate.wait(10)
        return entries

    monkeypatch.setattr(accounts, "INLINE_ACCOUNTS", 0)
    monkeypatch.setattr(
        accounts.data, "first_page", lambda today, rates, limit=200: real(today, rates)[:3]
    )
    monkeypatch.setattr(accounts.data, "load_entries", slow)
    return gate


def status(app) -> str:
    return str(app.screen.query_one("#accounts-status").render())


async def test_filter_typed_while_the_book_loads_applies_when_it_is_in(
    settings, demo_db: Path, monkeypatch
) -> None:
    gate = hold_the_load(monkeypatch)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        assert len(shown(app)) == 3 and screen.still_loading  # the first page, while the rest loads
        # ...on screen: the table laid out with its rows, not hidden behind a spinner.
        assert not screen.query(LoadingIndicator)
        assert screen.query_one(VirtualTable).size.height > 3
        await pilot.press("slash", *"north")
        # The first page cannot answer a filter: nothing shown, and it says why.
        assert shown(app) == []
        assert "loading" in str(screen.query_one("#accounts-empty").render())
        assert "loading" in status(app) and "north" in status(app)
        assert status(app).startswith("loading all")  # no count: it would be the first page's
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown(app) == ["Northwind Logistics"]
        assert screen.filter.text == "north"
        assert screen.still_loading == 0 and "loading" not in status(app)


async def test_a_sort_chosen_while_the_book_loads_waits_for_every_account(
    settings, demo_db: Path, monkeypatch
) -> None:
    gate = hold_the_load(monkeypatch)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("s")  # by class: the first page is only the first names
        assert shown(app) == [] and "loading" in status(app)
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        live = Account.select().where(Account.archived == False)  # noqa: E712
        assert len(shown(app)) == live.count()
        classes = [e.quadrant or "Z" for e in app.screen.rows]
        assert classes == sorted(classes)


async def test_an_archive_made_while_the_book_loads_survives_the_load(
    settings, demo_db: Path, monkeypatch
) -> None:
    gate = hold_the_load(monkeypatch)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        first = app.screen.rows[0]
        # Archive, after the loading thread has read every account (open deals ask first).
        await pilot.press(*(("x", "y") if first.open_amount else ("x",)))
        assert Account.get_by_id(first.id).archived is True
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.still_loading == 0
        assert first.id not in [e.id for e in app.screen.rows]
        assert app.screen.index.get(first.id).archived is True


async def test_the_cursor_stays_on_its_account_as_the_filter_narrows(
    settings, demo_db: Path
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        target = next(e for e in app.screen.rows if e.name == "Northwind Logistics")
        table.cursor = [e.id for e in app.screen.rows].index(target.id)
        await pilot.press("slash", "n", "o")
        assert len(shown(app)) > 1 and shown(app)[0] != target.name
        assert table.cursor_row_id == target.id
        await pilot.press("backspace", "backspace")
        assert table.cursor_row_id == target.id


async def test_esc_clears_every_filter_including_the_archived_view(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        first = app.screen.rows[0]
        live = [e.name for e in app.screen.rows]
        await pilot.press("x", "h", "c")  # archive one, show the archived view, class A
        assert app.screen.filter.archived and app.screen.filter.quadrant == "A"
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        assert not screen.filter.archived and screen.filter.quadrant is None
        assert shown(app) == [name for name in live if name != first.name]
        assert "ARCHIVED" not in str(screen.query_one("#accounts-status").render())


async def test_archiving_an_account_with_open_deals_asks_first(settings, demo_db: Path) -> None:
    """x on an account with open deals asks; n keeps it, y archives it, u brings it back."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        with_deals = next(e for e in screen.rows if e.open_amount)
        table = screen.query_one(VirtualTable)
        table.cursor = screen.rows.index(with_deals)
        await pilot.press("x")
        assert isinstance(app.screen, Confirm)
        assert with_deals.name in app.screen.question
        assert f"{with_deals.open_amount:,.0f}" in app.screen.question
        await pilot.press("n")
        assert Account.get_by_id(with_deals.id).archived is False
        await pilot.press("x", "y")
        assert Account.get_by_id(with_deals.id).archived is True
        await pilot.press("u")
        assert Account.get_by_id(with_deals.id).archived is False


async def test_undo_says_which_way_each_step_went(settings, demo_db: Path) -> None:
    """Undoing a restore archives again, and the message says so (and what is left)."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        quiet = next(e for e in screen.rows if not e.open_amount)
        screen.query_one(VirtualTable).cursor = screen.rows.index(quiet)
        await pilot.press("x", "h")  # archived, then the archived view
        assert screen.active_bindings["x"].binding.description == "Restore"
        screen.query_one(VirtualTable).cursor = [e.id for e in screen.rows].index(quiet.id)
        await pilot.press("x")  # restored
        assert Account.get_by_id(quiet.id).archived is False
        messages = told(app)
        await pilot.press("u")  # undo the restore: archived again
        assert Account.get_by_id(quiet.id).archived is True
        assert messages[-1].startswith(f"Undid: brought {quiet.name} back from the archive")
        assert "1 more to undo" in messages[-1]
        await pilot.press("u")  # undo the archive: back in the list
        assert Account.get_by_id(quiet.id).archived is False
        assert messages[-1] == f"Undid: archived {quiet.name}"
        await pilot.press("h")
        assert screen.active_bindings["x"].binding.description == "Archive"


async def test_o_and_the_palette_open_the_account_page(settings, demo_db: Path) -> None:
    """Open is a key of the list (o, besides enter) and so a palette command too."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Accounts: Open" in titles
        await pilot.press("o")
        assert isinstance(app.screen, AccountPage)


async def test_sort_skips_the_columns_a_narrow_screen_hides(settings, demo_db: Path) -> None:
    """At 80 columns tier and open amount are hidden: s never sorts by them."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        shown = screen.query_one(VirtualTable).shown_column_keys()
        assert "tier" not in shown and "open_amount" not in shown
        seen = set()
        for _ in range(10):
            await pilot.press("s")
            seen.add(screen.sort_key)
        assert seen == set(shown)


async def test_an_account_added_under_filters_is_shown_with_them_cleared(
    settings, demo_db: Path
) -> None:
    """Add with filters that would hide the new account: the list clears them, on it."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "c", "t", "slash", *"zzz", "enter")  # class A, existing, "zzz"
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        assert screen.rows == []
        messages = told(app)
        await pilot.press("a", *"上海测试公司", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        added = Account.get(Account.name == "上海测试公司")
        assert screen.filter == type(screen.filter)()
        assert screen.query_one(VirtualTable).cursor_row_id == added.id
        assert messages[-1].startswith("Added 上海测试公司; the filters hid it")


async def test_an_empty_archived_view_says_so(settings, db_path: Path) -> None:
    from followup_tui.db.accounts import save_account

    save_account({"name": "Only Live Co"})
    app = make_app(settings, db_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "h")
        await pilot.pause()
        assert app.screen.has_class("-empty")
        message = str(app.screen.query_one("#accounts-empty").render())
        assert message.startswith("No archived account.")


async def test_the_sorted_column_stays_when_the_terminal_narrows(settings, demo_db: Path) -> None:
    """Sorted by tier at 140 columns, then 80: tier stays on screen, other optional ones go."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "s", "s", "s")
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        assert screen.sort_key == "tier"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        shown = screen.query_one(VirtualTable).shown_column_keys()
        assert "tier" in shown
        assert "open_amount" not in shown


async def test_keys_on_an_empty_list_say_there_is_no_account(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "slash", *"zzzq", "enter")
        messages = told(app)
        for key in ("e", "x", "o"):
            await pilot.press(key)
            assert isinstance(app.screen, AccountsScreen), key
        assert messages == ["No account here to act on (the list is empty)"] * 3


async def test_a_search_listed_only_in_part_keeps_the_cursor_and_draws_its_rows(
    settings, demo_db: Path, monkeypatch
) -> None:
    """With next to nothing listed at once, the kept cursor, the count and the rows drawn
    around it are those of the whole result, at the end of the list as at its top."""
    from followup_tui.core.accounts import list_matches

    monkeypatch.setattr(list_matches, "EAGER_MATCHES", 1)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(VirtualTable)
        await pilot.press("slash", "n")
        names = shown(app)
        assert len(names) > 3
        assert f"{len(names)} " in status(app)
        await pilot.press("enter", "end")  # to the table, then its last row
        last = screen.rows[-1]
        assert table.cursor_row_id == last.id
        await pilot.press("slash", "backspace")  # every account: the cursor stays on it
        await pilot.pause()
        assert table.cursor_row_id == last.id
        row = table.cursor - int(table.scroll_y) + 1
        assert last.name[:8] in "".join(s.text for s in table.render_line(row))
        assert [e.id for e in screen.rows[: len(screen.rows)]] == [e.id for e in screen.rows]


async def test_the_status_line_grows_for_a_long_filter_and_shrinks_back(
    settings, demo_db: Path
) -> None:
    """One row while it fits (typing skips the layout pass then), more when it wraps."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "slash", "n")
        await pilot.pause()
        line = app.screen.query_one("#accounts-status")
        assert line.size.height == 1
        await pilot.press(*"orthwind logistics shanghai beijing guangzhou shenzhen")
        await pilot.pause()
        assert line.size.height > 1
        assert "shenzhen" in status(app)
        await pilot.press("escape")
        await pilot.pause()
        assert line.size.height == 1


async def test_a_full_collection_about_due_is_taken_after_the_frame(
    settings, demo_db: Path, monkeypatch
) -> None:
    """Between keys, not on one: after a filter key's frame, a collection that is due runs."""
    from followup_tui.screens import account_list_screen as accounts

    collected: list[int] = []
    due = {"now": False}
    threshold = accounts.gc.get_threshold()[2]
    monkeypatch.setattr(
        accounts.gc, "get_count", lambda: (0, 0, threshold - 1 if due["now"] else 0)
    )
    monkeypatch.setattr(accounts.gc, "collect", lambda *a: collected.append(1) or 0)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "slash", "n")
        await pilot.pause()
        assert collected == []  # none due: none taken
        due["now"] = True
        await pilot.press("o")
        await pilot.pause()
        assert collected == [1]


async def test_the_list_shows_another_process_writes_by_itself(
    settings, demo_db: Path, monkeypatch
) -> None:
    """#18: a `followup` in another shell renames and adds accounts; the shown list
    catches up within its watch interval without F5, keeping the filter and cursor."""
    import sqlite3

    from followup_tui.screens import outside_writes

    monkeypatch.setattr(outside_writes, "WATCH_SECONDS", 0.05)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        table = screen.query_one(VirtualTable)
        table.cursor = 2
        kept = table.cursor_row_id
        other = next(r.id for r in screen.rows if r.id != kept)
        con = sqlite3.connect(demo_db, timeout=5)
        with con:
            con.execute(
                "UPDATE account SET name = 'Renamed Elsewhere 别处改名' WHERE id = ?", (other,)
            )
        con.close()
        for _ in range(40):
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            if screen.index.get(other).name == "Renamed Elsewhere 别处改名":
                break
        assert screen.index.get(other).name == "Renamed Elsewhere 别处改名"
        assert table.cursor_row_id == kept
        # Nothing written elsewhere since: no further reading.
        generation = screen._generation
        screen.catch_up_outside()
        assert screen._generation == generation
