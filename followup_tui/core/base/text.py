"""Text helpers that treat CJK correctly: search keys and display widths."""

from __future__ import annotations

import re
import unicodedata


def whole_number(text: str) -> bool:
    """ASCII digits only: `str.isdigit` alone takes '²' and '٣', which `int` refuses
    or reads as another number."""
    return text.isascii() and text.isdigit()


def plural(n: int, noun: str) -> str:
    """'1 day', '3 days': an English count (Chinese templates take the bare number)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def search_key(text: str) -> str:
    """A normalised form for matching: full-width forms, case and accents folded.

    NFKC folds full-width forms (ＡＢＣ), casefold folds case, runs of spaces
    (and line breaks) become one space, and the accents of Latin letters are
    dropped (Café, Müller, Đà Nẵng as cafe, muller, đa nang), so a rep finds a
    name however it was typed. Han characters carry no marks.
    """
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    if folded.isascii():
        return folded
    split = unicodedata.normalize("NFD", folded)
    if _UNMARKED.fullmatch(split):
        # Chinese, and Latin without accents: no mark to drop, and no Python step per
        # character (a search folds every note of the accounts it reads).
        return unicodedata.normalize("NFC", split)
    bare = "".join(ch for ch in split if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare)


# Characters none of which is a combining mark (tests/core/test_search_key.py checks each
# against unicodedata): Latin up to the spacing modifiers, general punctuation, CJK
# symbols and ideographs (but for the ideographic tone and kana voicing marks),
# compatibility ideographs, and the full- and half-width forms.
UNMARKED_RANGES = (
    (0x0000, 0x02FF),
    (0x2000, 0x20CF),
    (0x3000, 0x3029),
    (0x3030, 0x3098),
    (0x309B, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),
)
_UNMARKED = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in UNMARKED_RANGES) + "]*")


def unpunctuated(folded: str) -> str:
    """A folded text without the punctuation inside its words: "margie's travel" ->
    "margies travel", "spare-parts" -> "spareparts", so a name is found typed either way."""
    return " ".join(
        word
        for word in (
            # A word of letters and digits only (most of them) has no punctuation to drop.
            part
            if part.isalnum()
            else "".join(ch for ch in part if not unicodedata.category(ch).startswith("P"))
            for part in folded.split()
        )
        if word
    )


def unpunctuated_words(text: str) -> str:
    """The words of `text` that hold punctuation, folded and without it, each after a space
    ("" when none): what a search text adds so "margies" finds "Margie's Travel"."""
    words = [w for w in search_key(text).split() if unpunctuated(w) != w]
    return "".join(" " + bare for bare in (unpunctuated(w) for w in words) if bare)


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def name_sort_key(name: str) -> str:
    """The key names sort by: Chinese by pinyin among Latin names, as a Chinese rep expects.

    张伟 sorts as "zhang wei", between "Zeta" and "Zhou Ltd"; polyphones follow the
    word (重庆 chong qing, 银行 yin hang). Characters with the same pinyin keep
    code-point order after a NUL. pypinyin and its phrase tables load on first
    use only (about 0.2 s), so start-up never pays for them; keys are stored.
    """
    folded = search_key(name).strip()
    if not any(is_han(ch) for ch in folded):
        return folded + "\x00" + folded
    from pypinyin import lazy_pinyin

    parts = [p.strip() for p in lazy_pinyin(folded, errors="default")]
    spoken = " ".join(p for p in parts if p)
    return spoken + "\x00" + folded


def spoken_forms(sort_key: str) -> str:
    """A Chinese name's pinyin as a rep types it, from its sort key: whole and initials.

    "北京京华" -> "beijingjinghua bjjh", so `/` finds it by typing "beijing" or
    "bjjh". Names without Chinese give "" (their sort key is their own text).
    """
    spoken, _, folded = sort_key.partition("\x00")
    if spoken == folded:
        return ""
    syllables = spoken.split()
    return "".join(syllables) + " " + "".join(s[0] for s in syllables)


def name_spoken(name: str) -> str:
    """A name's pinyin as typed, whole and initials ("潘东" -> "pandong pd"); "" without Chinese.

    Stored beside a key person's name (`contact.spoken`), so a search by pinyin is a
    plain text match that SQLite (and a server database) can index without Python.
    """
    return spoken_forms(name_sort_key(name))


def display_width(text: str) -> int:
    """Terminal cells a string takes: wide and full-width characters take two,
    combining marks and zero-width characters none."""
    if text.isascii():
        return len(text)  # most names and notes: no character to look up
    return sum(_cells(ch) for ch in text)


def _cells(ch: str) -> int:
    if unicodedata.east_asian_width(ch) in "WF":
        return 2
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0  # an accent on the letter before it, a zero-width space or joiner
    return 1


# Control characters (C0, DEL, C1): a name holding an escape sequence or a line
# break would recolour, move or split what a terminal shows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]+")


def printable(text: str) -> str:
    """The text on one line, each run of control characters (tab, line break, escape)
    shown as one space, so what is printed takes the cells it is measured to take."""
    return _CONTROL.sub(" ", text)
