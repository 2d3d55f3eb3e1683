"""The blue sheet at the sizes a rep uses: every section key in view, tables fitted to the width."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.widgets import DataTable, Select

from followup_tui.core.base.config import Settings
from followup_tui.db import sheets
from followup_tui.screens.sheet.blue_sheet import SECTIONS, BlueSheetScreen
from followup_tui.screens.sheet.sheet_influence_form import InfluenceForm
from followup_tui.widgets.sheet_sections import SectionBar
from tests.support import make_app
from tests.ui.test_zh_ui import zh  # noqa: F401 (zh is a fixture)


def cells(table: DataTable) -> list[list[str]]:  # type: ignore[type-arg]
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_at_100x30_every_key_shows_and_cuts_end_in_an_ellipsis(
    settings: Settings, demo_db: Path
) -> None:
    app = make_app(settings, demo_db)
    deal = sheets.find_deal("MES")
    async with app.run_test(size=(100, 30)) as pilot:
        sheet = BlueSheetScreen(deal)
        await app.push_screen(sheet)
        await pilot.pause()
        bar = sheet.query_one(SectionBar).render().plain
        assert cell_len(bar) <= 98
        for _section, key, _word, _focus in SECTIONS:
            assert f" {key} " in bar or bar.startswith(f" {key}"), (key, bar)
        await pilot.press("w")
        table = sheet.query_one("#signals", DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[-1] == "Answer" and labels[-2] == "Good if"
        for row in cells(table):  # the answer is whole on every line
            assert row[-1].split()[0] in ("Yes", "No", "Unknown"), row
        total = sum(c.get_render_width(table) for c in table.columns.values())
        assert total <= table.size.width
        for table_id, key in (("#influences", "i"), ("#landmines", "m"), ("#actions", "b")):
            await pilot.press(key)
            table = sheet.query_one(table_id, DataTable)
            widths = [c.width for c in table.columns.values()]
            for row in cells(table):
                for text, width in zip(row, widths, strict=True):
                    assert cell_len(text) <= width, (table_id, text, width)
            cut = [text for row in cells(table) for text in row if text.endswith("…")]
            assert table_id != "#landmines" or cut  # long Chinese landmines are cut, visibly


async def test_at_200x50_landmine_texts_are_whole(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    deal = sheets.find_deal("MES")
    texts = [m.text for m in sheets.load_sheet(deal).landmines]
    async with app.run_test(size=(200, 50)) as pilot:
        sheet = BlueSheetScreen(deal)
        await app.push_screen(sheet)
        await pilot.pause()
        await pilot.press("m")
        shown = [row[0] for row in cells(sheet.query_one("#landmines", DataTable))]
        assert sorted(shown) == sorted(texts)  # none cut: the column took the room
        await pilot.press("o")
        overview = str(sheet.query_one("#overview").render())
        assert all(text in overview for text in texts[:2])


async def test_a_chinese_form_takes_choices_by_their_initial(
    zh: Settings,  # noqa: F811
    demo_db: Path,
) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        form = InfluenceForm(zh, "采购影响者", {"role": "user_buyer", "degree": "medium"})
        await app.push_screen(form)
        await pilot.pause()
        await pilot.press("e", "tab", "o", "tab", "h", "tab", *"-4")
        assert form.query_one("#f-role", Select).value == "economic_buyer"  # e: its key
        assert form.query_one("#f-mode", Select).value == "overconfident"
        assert form.query_one("#f-degree", Select).value == "high"
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "t")  # back on the role: t
        assert form.query_one("#f-role", Select).value == "technical_buyer"
        values = form.result(form.raw_values())
        assert values["rating"] == -4
        bad = form.check({**form.raw_values(), "rating": "-7"})
        assert "-7" in bad["rating"] and "-5" in bad["rating"]


async def test_the_head_keeps_two_lines_and_its_markers_whole(
    settings: Settings, demo_db: Path
) -> None:
    """At 80 and 100 columns the head wrapped ("OUT" at the end of one line, "OF CONTROL"
    on the next); in review at 120 the step number fell onto a third line."""
    app = make_app(settings, demo_db)
    deal = sheets.find_deal("MES")  # out of control: no evidence for two indicators
    for size, keys, mark in (
        ((80, 24), (), "OUT OF CONTROL"),
        ((100, 30), (), "OUT OF CONTROL"),
        ((120, 40), ("v",), "REVIEW 1/9"),
    ):
        async with app.run_test(size=size) as pilot:
            sheet = BlueSheetScreen(deal)
            await app.push_screen(sheet)
            await pilot.pause()
            await pilot.press(*keys)
            head = sheet.query_one("#sheet-head")
            lines = [strip.text.rstrip() for strip in head.render_lines(head.region.reset_offset)]
            content = [line for line in lines if line.strip() and not set(line) <= {"─", " "}]
            assert len(content) == 2, (size, content)
            assert content[1].endswith(mark), (size, content)
        app = make_app(settings, demo_db)


async def test_at_120_columns_every_section_title_is_whole_and_clickable(
    settings: Settings, demo_db: Path
) -> None:
    """The bar cut four titles at 120 ('Influenc…', 'Where we…') while it spent four
    blank cells between every two sections."""
    app = make_app(settings, demo_db)
    deal = sheets.find_deal("MES")
    async with app.run_test(size=(120, 40)) as pilot:
        sheet = BlueSheetScreen(deal)
        await app.push_screen(sheet)
        await pilot.pause()
        bar = sheet.query_one(SectionBar)
        plain = bar.render().plain
        assert "…" not in plain
        for title in ("Influences", "Landmines & bullets", "Best actions", "Where we stand"):
            assert title in plain
        x = plain.index("Where we stand") + 3 + 1  # + the bar's padding
        await pilot.click(bar, offset=(x, 0))
        assert sheet.section == "signals"


async def test_at_80x24_the_overview_cuts_a_person_instead_of_wrapping(
    settings: Settings, demo_db: Path
) -> None:
    """A person's line ran past 80 columns and wrapped, its results alone on the next line."""
    app = make_app(settings, demo_db)
    deal = sheets.find_deal("MES")
    names = [i.name for i in sheets.load_sheet(deal).influences]
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = BlueSheetScreen(deal)
        await app.push_screen(sheet)
        await pilot.pause()
        overview = sheet.query_one("#overview")
        lines = overview.render().plain.splitlines()  # type: ignore[union-attr]
        width = overview.content_size.width
        assert all(cell_len(line) <= width for line in lines), width
        people = [line for line in lines if any(line.strip().startswith(n) for n in names)]
        assert len(people) == len(names)
        start = lines.index(people[0])
        assert lines[start : start + len(names)] == people  # one line each, none wrapped


async def test_at_200x50_the_landmines_take_the_room_the_bullets_leave(
    settings: Settings, demo_db: Path
) -> None:
    """Each table had half the row: categories and bullets cut ('Information we …')
    beside a bullets table with cells to spare."""
    app = make_app(settings, demo_db)
    deal = sheets.find_deal("MES")
    async with app.run_test(size=(200, 50)) as pilot:
        sheet = BlueSheetScreen(deal)
        await app.push_screen(sheet)
        await pilot.pause()
        await pilot.press("m")
        for table_id in ("#landmines", "#bullets"):
            table = sheet.query_one(table_id, DataTable)
            assert not [t for row in cells(table) for t in row if t.endswith("…")], table_id
            total = sum(c.get_render_width(table) for c in table.columns.values())
            assert total <= table.size.width, table_id


async def test_a_long_suggestion_wraps_under_its_arrow(settings: Settings, db_path: Path) -> None:
    """'Find out first: …' wrapped to the screen's edge and went on under the severity."""
    from tests.ui.test_blue_sheet_screen import scratch_deal

    deal_id, _, _ = scratch_deal()  # nothing answered: the suggestion lists three questions
    app = make_app(settings, db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        sheet = BlueSheetScreen(deal_id)
        await app.push_screen(sheet)
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        found = sheet.query_one("#found")
        lines = found.render().plain.splitlines()  # type: ignore[union-attr]
        start = next(i for i, line in enumerate(lines) if "→ Find out first" in line)
        assert cell_len(lines[start]) <= found.size.width
        assert lines[start + 1].startswith(" " * 10)  # under the text after the arrow
        assert lines[start + 1].strip()


async def test_at_80x24_in_chinese_the_tables_fit_the_screen_and_keep_the_names(
    zh: Settings,  # noqa: F811 (the fixture imported above)
    demo_db: Path,
) -> None:
    """At 80 columns the influences overflowed the screen: the personal wins were cut at
    its edge without an ellipsis, and the names were cut to two characters."""
    app = make_app(zh, demo_db)
    deal = sheets.find_deal("MES")
    names = [i.name for i in sheets.load_sheet(deal).influences]
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = BlueSheetScreen(deal)
        await app.push_screen(sheet)
        await pilot.pause()
        for table_id, key in (("#influences", "i"), ("#landmines", "m"), ("#actions", "b")):
            await pilot.press(key)
            await pilot.pause()
            table = sheet.query_one(table_id, DataTable)
            total = sum(c.get_render_width(table) for c in table.columns.values())
            assert total <= table.size.width, table_id
            widths = [c.width for c in table.columns.values()]
            for row in cells(table):
                for text, width in zip(row, widths, strict=True):
                    assert cell_len(text) <= width, (table_id, text, width)
            if table_id == "#influences":
                assert sorted(row[0] for row in cells(table)) == sorted(names)


async def test_at_80x24_an_empty_list_wraps_in_its_own_column(
    zh: Settings,  # noqa: F811 (the fixture imported above)
    demo_db: Path,
) -> None:
    """A tmux pass: "没有未完成的最佳行动：按 b 再按 a 添加。" ran past 80 columns and its
    end wrapped to the left edge, under the landmines."""
    from followup_tui.db.accounts import save_account

    account = save_account({"name": "苏州恒通精密仪器"})
    deal = sheets.save_deal({"account": account, "title": "测量仪联网", "status": "urgent"})
    app = make_app(zh, demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = BlueSheetScreen(deal)
        await app.push_screen(sheet)
        await pilot.pause()
        overview = sheet.query_one("#overview")
        lines = overview.render().plain.splitlines()  # type: ignore[union-attr]
        width = overview.content_size.width
        assert all(cell_len(line) <= width for line in lines), width
        start = (width - 3) // 2 + 3  # where the actions' column starts, in cells

        def right_of(line: str) -> str:
            used, out = 0, ""
            for ch in line:
                if used >= start:
                    out += ch
                used += cell_len(ch)
            return out

        right = "".join(right_of(line) for line in lines).replace(" ", "")
        assert "没有未完成的最佳行动：按b再按a添加。" in right, lines
