"""One sort order's live or archived account entries, searchable through one joined string.

`followup_tui.core.accounts.account_list.AccountIndex` keeps one side per order
and archive state; a side finds the entries holding a word with `str.find` in C
(`followup_tui.core.accounts.list_matches`) and keeps the groups of each one-key
filter value.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import accumulate, chain, compress, repeat
from operator import ge

from followup_tui.core.accounts.list_entry import AccountEntry, ListFilter
from followup_tui.core.accounts.list_matches import SEPARATOR, Matches

# The first key of a word is one character and the costliest search (a common letter
# is in over half the accounts): the loading thread finds these ahead of time.
WARM_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


class ListSide:
    """One sort order's live or archived entries, searchable through one joined string."""

    __slots__ = (
        "_characters",
        "_grouped",
        "_groups",
        "_joined",
        "_positions",
        "_starts",
        "entries",
    )

    def __init__(self, entries: list[AccountEntry]) -> None:
        self.entries = entries
        self._joined: str | None = None
        self._starts: list[int] = []
        self._positions: dict[int, int] | None = None
        self._characters: dict[str, Matches] = {}
        self._groups: dict[tuple[str, str], array[int]] = {}
        self._grouped: set[str] = set()  # the one-key filters grouped so far

    def warm(self) -> None:
        """Build the joined text, the id lookup, the common first keys and the groups now."""
        self._text()
        self.position(-1)
        for character in WARM_CHARACTERS:
            self.find(character).list_all()
        for name in ("class", "type", "tier"):
            self._group(name, "")

    def _group(self, name: str, value: str) -> array[int]:
        """Positions of the entries with one one-key filter value.

        The first use of a filter ("class", "type" or "tier") groups every entry by
        it in one pass, kept for every later value: a pass over a sorted order
        reads entries scattered through memory, a few times slower than the
        comparisons themselves.
        """
        if name not in self._grouped:
            groups: dict[str, list[int]] = {}
            if name == "class":
                values = [e.quadrant or "-" for e in self.entries]
            elif name == "type":
                values = [e.relationship for e in self.entries]
            else:
                values = [e.tier or "none" for e in self.entries]
            for n, found in enumerate(values):
                group = groups.get(found)
                if group is None:
                    group = groups[found] = []
                group.append(n)
            if name == "tier":
                groups["any"] = sorted(chain(*(g for v, g in groups.items() if v != "none")))
            for found, group in groups.items():
                self._groups[(name, found)] = array("i", group)
            self._grouped.add(name)
        return self._groups.get((name, value), array("i"))

    def passing(self, flt: ListFilter) -> array[int]:
        """Positions of the entries passing the one-key filters (at least one set), in order.

        Each filter value's positions are kept, so a one-key filter costs an
        intersection of kept groups, not a predicate called for every entry.
        """
        chosen = [
            self._group(name, value)
            for name, value in (
                ("class", flt.quadrant),
                ("type", flt.relationship),
                ("tier", flt.tier),
            )
            if value is not None
        ]
        chosen.sort(key=len)
        smallest, *others = chosen
        if not others:
            return smallest
        sets = [set(group) for group in others]
        return array("i", (n for n in smallest if all(n in group for group in sets)))

    def position(self, entry_id: int) -> int | None:
        """Where an entry is in this side."""
        if self._positions is None:
            self._positions = {e.id: n for n, e in enumerate(self.entries)}
        return self._positions.get(entry_id)

    def _text(self) -> str:
        if self._joined is None:
            # A typed word never holds the separator (`str.split()` splits typed text on
            # it), so no match runs from one entry into the next; a text holding it
            # (stored by hand) gets a space instead, which no word holds either.
            texts = [e.search_text for e in self.entries]
            joined = SEPARATOR.join(texts)
            if joined.count(SEPARATOR) >= len(texts):
                texts = [t.replace(SEPARATOR, " ") for t in texts]
                joined = SEPARATOR.join(texts)
            self._joined = joined
            # Entry n starts at the sum of the earlier lengths plus one separator each.
            self._starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))
        return self._joined

    def holding(self, positions: Iterable[int], words: Iterable[str]) -> array[int]:
        """Those of `positions` (ascending) whose entries hold every word.

        Each entry is checked with `str.find` on its stretch of the joined text, the
        loop itself in C (`map`, `compress`): twice as fast as reading each entry's
        own text in Python, which narrowing a result of thousands does on a key.
        """
        joined, starts = self._text(), self._starts
        kept = array("i", positions)
        for word in words:
            ends = map(starts.__getitem__, map((1).__add__, kept))
            found = map(joined.find, repeat(word), map(starts.__getitem__, kept), ends)
            kept = array("i", compress(kept, map(ge, found, repeat(0))))
        return kept

    def find(self, word: str) -> Matches:
        """Positions of the entries whose search text contains `word`, in order.

        `str.find` scans in C; Python runs once per listed match, not once per entry,
        and a word in many entries lists its first ones only (`Matches`). One-character
        words are kept: they are every word's first key.
        """
        if len(word) == 1 and word in self._characters:
            return self._characters[word]
        found = Matches(self._text(), self._starts, word)
        if len(word) == 1:
            self._characters[word] = found
        return found
