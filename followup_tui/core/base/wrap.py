"""Wrapping text to terminal cells, Chinese and English alike.

A line breaks between words or between two wide characters. Chinese has rules
of its own (禁则): closing punctuation (，。、；：？！）」』】...) stays with the character
before it rather than start a line, and an opening bracket stays with what it
opens rather than end one. Rich's own wrapping knows neither, and loses a hanging
indent. Pure: the widgets slice their styled text along these spans.
"""

from __future__ import annotations

from followup_tui.core.base.text import display_width

# May not start a line: full-width closing punctuation, and its ASCII kin.
CLOSING = frozenset("，。、；：？！）」』】》〉〕｝］…,.;:?!)]}")
# May not end a line: opening brackets.
OPENING = frozenset("（「『【《〈〔｛［([{")


def _is_wide(ch: str) -> bool:
    return display_width(ch) == 2


def _tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces a line may break between: a run of spaces, a word
    of narrow characters, or one wide character; closing punctuation glued to what
    it follows (across spaces), opening brackets to what they open."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        if ch.isspace():
            while j < n and text[j].isspace():
                j += 1
        elif not _is_wide(ch):
            while j < n and not text[j].isspace() and not _is_wide(text[j]):
                j += 1
        out.append((i, j))
        i = j
    glued: list[tuple[int, int]] = []
    for start, end in out:
        word = not text[start].isspace()
        if word and text[start] in CLOSING and glued:
            # Onto the last word, with any spaces between: "字 ，" is one piece.
            back = len(glued) - 1
            while back > 0 and text[glued[back][0]].isspace():
                back -= 1
            if not text[glued[back][0]].isspace():
                glued[back:] = [(glued[back][0], end)]
                continue
        if glued and _opens(text, *glued[-1]) and word:
            glued[-1] = (glued[-1][0], end)
            continue
        glued.append((start, end))
    return glued


def _opens(text: str, start: int, end: int) -> bool:
    """Whether a piece is opening brackets only (it then joins the piece after it)."""
    return all(ch in OPENING for ch in text[start:end])


def _split(text: str, start: int, end: int, first_room: int, room: int) -> list[tuple[int, int]]:
    """A piece wider than a line, cut at characters into pieces of at most `first_room`
    cells, then `room`; no piece but the first starts with closing punctuation while
    the character before it can go along with it, nor with the spaces cut at."""
    pieces: list[tuple[int, int]] = []
    at, limit = start, first_room
    while at < end:
        while at < end and text[at].isspace():
            at += 1
        if at == end:
            break
        used, cut = 0, at
        while cut < end and used + display_width(text[cut]) <= limit:
            used += display_width(text[cut])
            cut += 1
        cut = max(cut, at + 1)  # a character wider than the room still goes somewhere
        after = cut
        while after < end and text[after].isspace():
            after += 1
        if after < end and text[after] in CLOSING:
            back = cut
            while back > at and text[back - 1].isspace():
                back -= 1
            if back - at > 1:
                cut = back - 1  # the last character goes along with its punctuation
        piece_end = cut
        while piece_end > at and text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((at, piece_end))
        at, limit = cut, room
    return pieces


def wrap_spans(text: str, width: int, first: int = 0, rest: int = 0) -> list[tuple[int, int]]:
    """(start, end) in `text` of each line it takes at `width` cells.

    `first` cells go before the first line (its lead) and `rest` before each further
    line (a hanging indent); each is given up where it would leave no room for a
    wide character. A newline in `text` starts a line. The spaces a line breaks
    at are on neither line.
    """
    first, rest = _lead(first, width), _lead(rest, width)
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        lead = first if not lines else rest
        lines.extend((offset + a, offset + b) for a, b in _paragraph(paragraph, width, lead, rest))
        offset += len(paragraph) + 1
    return lines


def _lead(cells: int, width: int) -> int:
    """The cells of a lead or indent that still leave a line room for a wide character."""
    return max(0, min(cells, width - 2))


def _paragraph(text: str, width: int, first: int, rest: int) -> list[tuple[int, int]]:
    """The lines of one paragraph (see `wrap_spans`)."""
    lines: list[tuple[int, int]] = []
    start = end = 0  # the line being filled: text[start:end]; empty while start == end
    used = first
    for a, b in _tokens(text):
        if text[a].isspace():
            continue  # counted with the word after it, dropped at a break
        gap = display_width(text[end:a]) if end > start else 0
        cells = display_width(text[a:b])
        if end > start and used + gap + cells <= width:
            end, used = b, used + gap + cells
            continue
        if end == start and used + cells <= width:
            start, end, used = a, b, used + cells
            continue
        if end == start and not lines and rest < used and rest + cells <= width:
            # A word too long for the first line's room but not for the next: the lead
            # stands alone rather than cut the word.
            lines.append((a, a))
            start, end, used = a, b, rest + cells
            continue
        if end > start:
            lines.append((start, end))
            used = rest
        if used + cells <= width:
            start, end, used = a, b, used + cells
            continue
        pieces = _split(text, a, b, width - used, width - rest)
        for piece in pieces[:-1]:
            lines.append(piece)
        start, end = pieces[-1]
        used = rest + display_width(text[start:end])
        if text[start] in CLOSING and len(pieces) > 1:
            # Only punctuation left of the piece: a line of its own, not a line's start.
            lines.append((start, end))
            start = end = b
            used = rest
    if end > start or not lines:
        lines.append((start, end))
    return lines


def wrap_lines(text: str, width: int, indent: str = "", hang: str = "") -> list[str]:
    """`text` in lines of at most `width` cells: the first after `indent`, each further
    one after `hang` (see `wrap_spans`)."""
    first, rest = _lead(display_width(indent), width), _lead(display_width(hang), width)
    leads = (_cut(indent, first), _cut(hang, rest))
    spans = wrap_spans(text, width, first, rest)
    return [leads[n > 0] + text[a:b] for n, (a, b) in enumerate(spans)]


def _cut(lead: str, cells: int) -> str:
    """The start of `lead` that takes at most `cells` cells."""
    out, used = "", 0
    for ch in lead:
        used += display_width(ch)
        if used > cells:
            break
        out += ch
    return out


def clip_at_break(text: str, width: int) -> str:
    """`text` on one line of at most `width` cells (CJK counts two), cut where a line may
    break - between words, between Chinese characters - and ending in … when cut.

    For a short quote of a longer note: never half a word ("licen"), and the cut said.
    """
    flat = " ".join(text.split())
    if display_width(flat) <= width:
        return flat
    if width < 1:
        return ""
    start, end = wrap_spans(flat, max(1, width - 1))[0]  # the ellipsis takes the last cell
    head = flat[start:end].rstrip()
    # Line wrapping moves a word down with punctuation that may not begin a line; a clip
    # shows no next line, so the longest run of whole words that fits is kept instead.
    spaces = [i for i, ch in enumerate(flat) if ch == " " and display_width(flat[:i]) < width]
    if spaces and spaces[-1] > len(head):
        head = flat[: spaces[-1]]
    # Too narrow for even one piece (a wide character in one cell): what fits, then …
    return _cut(head, width - 1).rstrip() + "…"
