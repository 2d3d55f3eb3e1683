"""The export file formats' rules, on any text: spreadsheet cells that cannot run,
vCards folded at 75 octets and read back whole, calendar entries with stable UIDs."""

from __future__ import annotations

import datetime as dt

import icalendar
import vobject
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.transfer.calendar_file import CalendarEntry, calendar_bytes, entry_uid
from followup_tui.core.transfer.dossier import md_text
from followup_tui.core.transfer.sheet_cells import RISKY, cell_text, neutralised, restored
from followup_tui.core.transfer.vcard_file import PersonCard, card_text, cards_text

# Text as reps type it: Latin, CJK, punctuation vCard and CSV treat specially, line breaks.
TEXT = st.text(
    alphabet=st.sampled_from([*"ab =+-@'\t\r\n,;:\\\"华为技术张伟明，。；", "é", "😀"]),
    max_size=60,
)


@given(TEXT)
def test_a_neutralised_cell_never_starts_like_a_formula_and_restores_exactly(text: str) -> None:
    cell = neutralised(text)
    assert not cell.startswith(RISKY)
    assert restored(cell) == text


def test_cells_keep_numbers_and_guard_formula_text() -> None:
    assert cell_text(-12.5) == "-12.5"  # a negative amount stays a number
    assert cell_text('=HYPERLINK("http://x","click")') == "'=HYPERLINK(\"http://x\",\"click\")"
    assert cell_text("@SUM(A1)") == "'@SUM(A1)"
    assert cell_text(None) == "" and cell_text(True) == "true"
    assert cell_text("华为") == "华为"


@given(TEXT.filter(lambda t: t.strip()), TEXT, TEXT)
def test_a_vcard_folds_at_75_octets_and_reads_back_whole(name: str, org: str, note: str) -> None:
    card = PersonCard("uid-1", name, org, title="经理", phone="+86 139 0000 1111", note=note)
    text = card_text(card)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    parsed = vobject.readOne(text)
    # vCard text has no carriage returns: a line break is one \n however it was typed.
    def normal(text: str) -> str:
        return text.replace("\r\n", "\n").replace("\r", "\n")

    assert parsed.fn.value == normal(name)
    assert parsed.org.value[0] == normal(org)
    assert (parsed.note.value if note else "") == normal(note)


def test_a_long_chinese_name_is_folded() -> None:
    text = cards_text([PersonCard("u", "欧阳" * 20, "华为技术")])
    fn = text.split("FN:")[1].split("\r\nN:")[0]
    assert "\r\n " in fn  # 40 characters are 120 octets: folded
    assert vobject.readOne(text).fn.value == "欧阳" * 20


ENTRY = CalendarEntry(
    "follow_up", 7, dt.datetime(2026, 11, 1, 9, 30), dt.date(2026, 12, 3),
    "跟进华为：确认试点范围; a,b", "周总 +86 139",
)  # fmt: skip
STAMP = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def test_calendar_entries_parse_back_with_their_reminder() -> None:
    for kind, tag in (("todo", "VTODO"), ("event", "VEVENT")):
        data = calendar_bytes(
            [ENTRY], kind=kind, reminder_at=dt.time(9, 30), stamp=STAMP, reminder_text="due"
        )
        cal = icalendar.Calendar.from_ical(data)
        (item,) = [c for c in cal.walk() if c.name == tag]
        assert str(item["summary"]) == ENTRY.summary
        assert item.decoded("dtstart") == ENTRY.due
        assert str(item["uid"]) == entry_uid(ENTRY)
        (alarm,) = [c for c in item.walk() if c.name == "VALARM"]
        assert alarm.decoded("trigger") == dt.timedelta(hours=9, minutes=30)
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_the_uid_is_stable_across_exports_and_distinct_across_records() -> None:
    later = calendar_bytes(
        [ENTRY], kind="todo", reminder_at=dt.time(9), stamp=STAMP + dt.timedelta(days=3),
        reminder_text="due",
    )  # fmt: skip
    assert entry_uid(ENTRY).encode() in later
    other = ENTRY._replace(record_id=8)
    moved = ENTRY._replace(created_at=dt.datetime(2025, 1, 1))  # the same id in another file
    assert len({entry_uid(ENTRY), entry_uid(other), entry_uid(moved)}) == 3


def test_markdown_text_prints_as_typed() -> None:
    assert md_text("*urgent* [x] #1 a_b") == "\\*urgent\\* \\[x\\] \\#1 a\\_b"
    # A list's start is escaped where it would begin a line; line breaks are kept.
    assert md_text("- first\n- second", block=True) == "\\- first  \n\\- second"
    assert md_text("-5 landmines\n+86 139") == "-5 landmines  \n+86 139"
    assert md_text("see:\n1. call") == "see:  \n1\\. call"
