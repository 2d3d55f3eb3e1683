"""The entries of one list side that hold a word, listed only as far as the list reads them.

At 100,000 accounts a common two-letter word ("li", "an") is in a third of
them or more. Listing each match costs Python work, about half a microsecond
(20-40 ms for such a word), while the screen shows 36 rows. So a search lists
its first matches at once, counts the rest in C (one regular-expression pass that
lists nothing), and lists the others only when asked: the rows around a cursor
kept on an account further down, a scroll, or a narrower search that checks
every one.

`followup_tui.core.accounts.list_side.ListSide` makes these; its joined text is
every entry's search text joined by `SEPARATOR`, which no search text and no
typed word holds.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from operator import neg
from typing import overload

from followup_tui.core.accounts.list_entry import AccountEntry

SEPARATOR = "\n"
# Matches listed at once: about a millisecond of Python, and far more than a screen.
# A search with more counts the rest in C instead of listing them. A row asked for
# this far or further from the listed ones starts a new listing where its place in
# the text is known (a kept cursor's account, the end) rather than listing up to it.
EAGER_MATCHES = 2_000


@lru_cache(maxsize=64)
def _rest_of_entry(word: str) -> re.Pattern[str]:
    """A word and the rest of its entry: one match per entry holding it, never two.

    The empty group makes `findall` return empty strings, so counting builds no text.
    """
    return re.compile(re.escape(word) + f"[^{SEPARATOR}]*()")


class Matches(Sequence[int]):
    """Positions in a side, ascending, of the entries whose search text holds a word.

    What is listed is one run of consecutive matches around an anchor: `_ahead[k]`
    is match `_anchor + k` and `_behind[k]` is match `_anchor - 1 - k`. Every match
    between text offsets `_prev` and `_next` is in the run; listing goes on forward
    from `_next` (-1: none left) and backward from `_prev` (0: none left).
    """

    __slots__ = (
        "_ahead",
        "_anchor",
        "_behind",
        "_joined",
        "_next",
        "_prev",
        "_starts",
        "_total",
        "_word",
    )

    def __init__(self, joined: str, starts: Sequence[int], word: str) -> None:
        """Search `joined` (entry n spans `starts[n]` to `starts[n + 1] - 1`) for `word`.

        The word must not hold `SEPARATOR` (no typed word does: `str.split` splits on it).
        """
        self._joined = joined
        self._starts = starts
        self._word = word
        self._total: int | None = None
        self._anchor_at(0, 0)
        self._forward(EAGER_MATCHES)

    @classmethod
    def listed(cls, positions: array[int]) -> Matches:
        """Matches already listed in full (a narrowed result, a one-key filter's group)."""
        matches = cls.__new__(cls)
        matches._joined = ""
        matches._starts = ()
        matches._word = ""
        matches._total = len(positions)
        matches._anchor_at(0, 0)
        matches._ahead = positions
        matches._next = -1
        return matches

    def _anchor_at(self, rank: int, offset: int) -> None:
        """Start a new run before the entry at text `offset`, whose rank among matches is known."""
        self._anchor = rank
        self._ahead = array("i")
        self._behind = array("i")
        self._prev = offset
        self._next = offset if offset < len(self._joined) else -1

    @property
    def complete(self) -> bool:
        """Whether every match is listed (iterating or narrowing it then costs no search)."""
        return self._next < 0 and self._prev == 0

    @property
    def _low(self) -> int:
        return self._anchor - len(self._behind)

    @property
    def _high(self) -> int:
        return self._anchor + len(self._ahead)

    def _forward(self, count: int) -> None:
        """List up to `count` more matches after the run."""
        if self._next < 0 or count <= 0:
            return
        find, word, starts, ahead = self._joined.find, self._word, self._starts, self._ahead
        wanted = len(ahead) + count
        at = find(word, self._next)
        while at >= 0:
            n = bisect_right(starts, at) - 1
            ahead.append(n)
            if len(ahead) >= wanted and starts[n + 1] < len(self._joined):
                self._next = starts[n + 1]
                return
            at = find(word, starts[n + 1])  # the rest of this entry cannot add anything
        self._next = -1
        self._total = self._high

    def _backward(self, count: int) -> None:
        """List up to `count` more matches before the run."""
        if self._prev == 0 or count <= 0:
            return
        rfind, word, starts, behind = self._joined.rfind, self._word, self._starts, self._behind
        wanted = len(behind) + count
        at = rfind(word, 0, self._prev)
        while at >= 0:
            n = bisect_right(starts, at) - 1
            behind.append(n)
            if len(behind) >= wanted:
                self._prev = starts[n]
                return
            at = rfind(word, 0, starts[n])
        self._prev = 0

    def list_all(self) -> None:
        """List every match, in one run from the first."""
        if self.complete:
            return
        more_than_any = len(self._starts)  # a side has one entry fewer than starts
        self._backward(more_than_any)
        self._forward(more_than_any)
        if self._behind:
            self._ahead = array("i", reversed(self._behind)) + self._ahead
            self._behind = array("i")
            self._anchor = 0

    def _count(self, start: int, end: int) -> int:
        """How many entries from text offset `start` (an entry's start) to `end` hold the word."""
        return len(_rest_of_entry(self._word).findall(self._joined, start, end))

    def __len__(self) -> int:
        if self._total is None:
            rest = self._count(self._next, len(self._joined)) if self._next >= 0 else 0
            self._total = self._high + rest
        return self._total

    def _cover(self, rank: int) -> None:
        """List as far as match `rank` (0 <= rank), starting anew at an end when nearer."""
        low, high = self._low, self._high
        if rank >= high and self._next >= 0:
            if rank - high >= EAGER_MATCHES and len(self) - rank < rank - high:
                self._anchor_at(len(self), len(self._joined) + 1)  # from the end, backward
                self._backward(len(self) - rank)
            else:
                self._forward(rank - high + 1)
        elif rank < low:
            if low - rank >= EAGER_MATCHES and rank < low - rank:
                self._anchor_at(0, 0)  # from the first match, forward
                self._forward(rank + 1)
            else:
                self._backward(low - rank)

    def _ranks(self, start: int, stop: int) -> array[int]:
        """The listed positions of matches `start` to `stop` (within the run)."""
        anchor, behind = self._anchor, self._behind
        before = behind[max(0, anchor - stop) : max(0, anchor - start)]
        before.reverse()
        return before + self._ahead[max(0, start - anchor) : max(0, stop - anchor)]

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> array[int]: ...

    def __getitem__(self, index: int | slice) -> int | array[int]:
        if isinstance(index, slice):
            start, stop, step = index.start or 0, index.stop, index.step
            if step not in (None, 1) or start < 0 or stop is None or stop < 0:
                self.list_all()
                return self._ahead[index]
            if stop <= start:
                return array("i")
            if stop - start > EAGER_MATCHES:  # more than a page or two: list them all
                self.list_all()
                return self._ahead[index]
            self._cover(start)
            self._cover(stop - 1)
            return self._ranks(start, min(stop, self._high))
        if index < 0:
            index += len(self)
        if index < 0 or (self._next < 0 and index >= self._high):
            raise IndexError("match index out of range")
        self._cover(index)
        if index >= self._high:
            raise IndexError("match index out of range")
        return self._ranks(index, index + 1)[0]

    def __iter__(self) -> Iterator[int]:
        self.list_all()
        return iter(self._ahead)

    def index_of(self, position: int) -> int | None:
        """Where the side's entry at `position` is among the matches; None if it holds no match.

        An entry outside the run is checked alone and its rank counted in C; far from
        the run, the run starts anew at it, so the rows around it cost no more listing.
        """
        if self.complete:
            n = bisect_left(self._ahead, position)
            found = n < len(self._ahead) and self._ahead[n] == position
            return self._anchor + n if found else None
        starts = self._starts
        start = starts[position]
        if self._prev <= start and (self._next < 0 or start < self._next):
            ahead, behind = self._ahead, self._behind
            if ahead and position >= ahead[0]:
                n = bisect_left(ahead, position)
                return self._anchor + n if n < len(ahead) and ahead[n] == position else None
            n = bisect_left(behind, -position, key=neg)  # descending
            return self._anchor - 1 - n if n < len(behind) and behind[n] == position else None
        end = starts[position + 1] - 1
        if self._joined.find(self._word, start, end) < 0:
            return None
        if 0 <= self._next <= start:
            rank = self._high + self._count(self._next, start)
            far = rank - self._high >= EAGER_MATCHES
        else:
            rank = self._low - self._count(start, self._prev)
            far = self._low - rank >= EAGER_MATCHES
        if far:
            self._anchor_at(rank, start)
        return rank


class FoundEntries(Sequence[AccountEntry]):
    """A side's entries at some matched positions, in order, read only as far as shown.

    At 100,000 accounts a list of every entry found is milliseconds of copying on
    each key; the table reads a page at a time.
    """

    __slots__ = ("_entries", "matches")

    def __init__(self, entries: list[AccountEntry], matches: Matches) -> None:
        self._entries = entries
        self.matches = matches

    def __len__(self) -> int:
        return len(self.matches)

    @overload
    def __getitem__(self, index: int) -> AccountEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[AccountEntry]: ...

    def __getitem__(self, index: int | slice) -> AccountEntry | list[AccountEntry]:
        if isinstance(index, slice):
            return list(map(self._entries.__getitem__, self.matches[index]))
        return self._entries[self.matches[index]]

    def __iter__(self) -> Iterator[AccountEntry]:
        return map(self._entries.__getitem__, self.matches)

    def __eq__(self, other: object) -> bool:
        """Equal to a list of the same entries, as the plain list it stands for is."""
        if not isinstance(other, FoundEntries | list):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to a list, so unhashable as one
