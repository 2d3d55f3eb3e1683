"""Wrapping to terminal cells: no line starts with closing punctuation, none is too wide."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.base.text import display_width
from followup_tui.core.base.wrap import CLOSING, OPENING, clip_at_break, wrap_lines, wrap_spans

# Text as the script and the timeline carry it: Chinese, English words, numbers,
# full-width and ASCII punctuation, spaces.
CHINESE = [*"我们本周四邮件沟通过潘东回复问题已逐条答复", *"，。、；：？！）」』】（「《"]
WORDS = ["MES", "12%", "860,000", "CNY.", "Thursday,", "(hours", "09:00-17:30)", "a"]
pieces = st.sampled_from([*CHINESE, " ", "  ", *WORDS, "verylongwordwithoutspaces"])
texts = st.lists(pieces, max_size=40).map("".join)
PUNCTUATION = CLOSING | OPENING


def _punctuation_only(line: str) -> bool:
    return all(ch in PUNCTUATION or ch.isspace() for ch in line)


@given(texts, st.integers(2, 50), st.integers(0, 8), st.integers(0, 8))
def test_lines_fit_and_never_start_with_closing_punctuation(
    text: str, width: int, first: int, rest: int
) -> None:
    lines = wrap_lines(text, width, " " * first, " " * rest)
    for n, line in enumerate(lines):
        assert display_width(line) <= width, (line, width)
        said = line.lstrip(" ")
        # The paragraph's own first character may be punctuation; no break puts one first.
        if said and said[0] in CLOSING and not _punctuation_only(said):
            assert n == 0 and text.lstrip()[:1] in CLOSING, (lines, width)


@given(
    st.lists(texts, min_size=1, max_size=3).map("\n".join),
    st.integers(2, 50),
    st.integers(0, 8),
    st.integers(0, 8),
)
def test_nothing_is_lost_and_the_order_holds(text: str, width: int, first: int, rest: int) -> None:
    spans = wrap_spans(text, width, first, rest)
    assert all(a <= b for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    # What falls between two lines (or before the first, after the last) is only the
    # spaces broken at, and the newlines.
    edges = [0, *(i for span in spans for i in span), len(text)]
    between = [text[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)]
    assert all(not gap.strip() for gap in between), between


@given(texts, st.integers(10, 50))
def test_further_lines_hang_under_the_first(text: str, width: int) -> None:
    lines = wrap_lines(text, width, "   · ", "     ")
    assert lines[0].startswith("   · ")
    assert all(line.startswith("     ") for line in lines[1:])


def test_chinese_punctuation_stays_with_the_character_before_it() -> None:
    text = "直线电话无人接听，前台也没找到周杰。"
    assert wrap_lines(text, 16) == ["直线电话无人接", "听，前台也没找到", "周杰。"]
    assert wrap_lines("我们本周四邮件沟通过。当时谈的是", 22) == [
        "我们本周四邮件沟通过。",
        "当时谈的是",
    ]


def test_an_opening_bracket_goes_with_what_it_opens() -> None:
    assert wrap_lines("对方正值周末（工作日通话时段）", 14) == [
        "对方正值周末",
        "（工作日通话时",
        "段）",
    ]


def test_english_breaks_between_words_with_the_hanging_indent() -> None:
    text = "We last exchanged emails on Thursday. That was about the rollout."
    assert wrap_lines(text, 30, "   ", "   ") == [
        "   We last exchanged emails on",
        "   Thursday. That was about",
        "   the rollout.",
    ]


def test_a_word_cut_at_the_width_keeps_its_punctuation_off_the_next_line() -> None:
    """Found by hypothesis: a space before the comma let ' ，' start a line."""
    lines = wrap_lines("verylongwordwithoutspaces ，我", 9)
    assert all(display_width(line) <= 9 for line in lines)
    assert not any(line.lstrip().startswith("，") for line in lines), lines


def test_a_clipped_quote_ends_at_a_word_with_an_ellipsis() -> None:
    """QA: the side panel's last contacts were cut mid-word, with nothing saying so."""
    note = "Walked through the licence comparison with procurement and the plant manager"
    assert clip_at_break(note, 40) == "Walked through the licence comparison…"
    assert clip_at_break(note, 100) == note
    assert clip_at_break("short\nnote", 40) == "short note"
    # Chinese: between two characters, two cells each; punctuation stays with its character.
    note = "客户希望下周前拿到新报价，并确认交期"
    assert clip_at_break(note, 27) == "客户希望下周前拿到新报价，…"
    assert clip_at_break(note, 26) == "客户希望下周前拿到新报…"
    assert clip_at_break(note, 10) == "客户希望…"


@given(st.text(alphabet="ab 中文，。xyz", max_size=60), st.integers(min_value=1, max_value=30))
def test_a_clipped_quote_fits_and_is_a_start_of_the_text(text: str, width: int) -> None:
    clipped = clip_at_break(text, width)
    flat = " ".join(text.split())
    assert display_width(clipped) <= width
    if clipped != flat:
        assert clipped.endswith("…")
        assert flat.startswith(clipped[:-1])
        # Cut between words: what is kept ends a word of the text, never inside one.
        rest = flat[len(clipped) - 1 :]
        kept = clipped[:-1]
        # (A first word wider than the line is cut inside: there is no break before it.)
        first_fits = display_width(flat.split(" ")[0]) < width
        if kept and rest and width > 4 and first_fits:
            assert (
                rest[0] == " "
                or display_width(rest[0]) == 2
                or display_width(kept[-1]) == 2
                or rest[0] in CLOSING
            ), (text, width, clipped)
