"""Filtering and sorting the account list in memory.

At 100,000 accounts a scan in SQLite takes over 100 ms per keystroke, while a
pass over a pre-sorted Python list takes a few: so the list keeps one plain
entry per account, caches each sort order once, and filters that order.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import accumulate, chain
from operator import attrgetter
from typing import Any

from followup_tui.core.base.kinds import TIERS
from followup_tui.core.base.text import name_sort_key, search_key

SORT_KEYS = (
    "name",
    "class",
    "relationship",
    "tier",
    "heat",
    "last_contact",
    "next_follow_up",
    "open_amount",
)
CLASS_FILTERS = ("A", "B", "C", "D", "-")  # "-" = not judged yet
TIER_FILTERS = (*TIERS, "any", "none")
# The 5+5+5 tiers in the method's order (as `i` cycles them); no tier sorts after them.
TIER_RANK = {tier: n for n, tier in enumerate(TIERS)}


@dataclass(frozen=True, slots=True)
class AccountEntry:
    """One account as the list shows it."""

    id: int
    name: str
    quadrant: str | None
    relationship: str
    tier: str | None
    heat: float
    last_contact_at: dt.datetime | None
    next_follow_up: dt.date | None
    open_amount: Decimal | None
    archived: bool
    search_text: str
    sort_name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.sort_name:
            object.__setattr__(self, "sort_name", name_sort_key(self.name))


@dataclass(frozen=True)
class ListFilter:
    """What the rep narrowed the list to; empty fields mean 'any'."""

    text: str = ""
    quadrant: str | None = None  # one of CLASS_FILTERS
    relationship: str | None = None
    tier: str | None = None  # one of TIER_FILTERS
    archived: bool = False

    def matcher(self) -> Callable[[AccountEntry], bool]:
        """A fast predicate: every typed word must appear in the entry's search text."""
        words = search_key(self.text).split()
        quad = self.quadrant
        rel = self.relationship
        tier = self.tier
        archived = self.archived

        def match(e: AccountEntry) -> bool:
            if e.archived != archived:
                return False
            if quad is not None and (e.quadrant or "-") != quad:
                return False
            if rel is not None and e.relationship != rel:
                return False
            if tier is not None:
                if tier == "any":
                    if e.tier is None:
                        return False
                elif tier == "none":
                    if e.tier is not None:
                        return False
                elif e.tier != tier:
                    return False
            return all(w in e.search_text for w in words)

        return match


# (sort key, descending, one-key filters, typed words) -> (entries, their positions in
# the side they were taken from, ascending; an array: a tenth of a list of ints' memory).
_ResultKey = tuple[str, bool, ListFilter, tuple[str, ...]]
_Result = tuple[list[AccountEntry], "array[int]"]


def _sort_value(key: str) -> Callable[[AccountEntry], Any]:
    """The value an entry sorts by for a column; name breaks ties."""
    getters: dict[str, Callable[[AccountEntry], Any]] = {
        "name": attrgetter("sort_name"),
        "class": lambda e: e.quadrant or "Z",
        "relationship": attrgetter("relationship"),
        "tier": lambda e: TIER_RANK.get(e.tier or "", len(TIER_RANK)),
        "heat": attrgetter("heat"),
        "last_contact": attrgetter("last_contact_at"),
        "next_follow_up": attrgetter("next_follow_up"),
        "open_amount": attrgetter("open_amount"),
    }
    return getters[key]


# A search text never holds a typed word's separator: `str.split()` splits typed text on
# "\n", so no word contains it and no match can run from one entry into the next.
SEPARATOR = "\n"
NARROW_SHARE = 8  # narrow a cached result below 1/8 of a side; else search the joined text
RECENT_RESULTS = 16  # results kept for backspacing, per index
# The first key of a word is one character and the costliest search (a common letter
# is in over half the accounts): the loading thread finds these ahead of time.
WARM_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


class _Side:
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
        self._characters: dict[str, array[int]] = {}
        self._groups: dict[tuple[str, str], array[int]] = {}
        self._grouped: set[str] = set()  # the one-key filters grouped so far

    def warm(self) -> None:
        """Build the joined text, the id lookup, the common first keys and the groups now."""
        self._text()
        self.position(-1)
        for character in WARM_CHARACTERS:
            self.find(character)
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
            texts = [e.search_text for e in self.entries]
            self._joined = SEPARATOR.join(texts)
            # Entry n starts at the sum of the earlier lengths plus one separator each.
            self._starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))
        return self._joined

    def find(self, word: str) -> array[int]:
        """Positions of the entries whose search text contains `word`, in order.

        `str.find` scans in C; Python runs once per matching entry, not once per entry.
        One-character words are kept: they are every word's first key.
        """
        if len(word) == 1 and word in self._characters:
            return self._characters[word]
        joined = self._text()
        starts = self._starts
        find = joined.find
        out = array("i")
        at = find(word)
        while at >= 0:
            n = bisect_right(starts, at) - 1
            out.append(n)
            at = find(word, starts[n + 1])  # the rest of this entry cannot add anything
        if len(word) == 1:
            self._characters[word] = out
        return out


class AccountIndex:
    """All accounts' list entries, with cached sort orders and text searches."""

    def __init__(self, entries: Iterable[AccountEntry]) -> None:
        self._entries = {e.id: e for e in entries}
        self._orders: dict[tuple[str, bool], list[AccountEntry]] = {}
        self._sides: dict[tuple[str, bool, bool], _Side] = {}
        # Recent results by (order, one-key filters, words), newest last: typing narrows
        # the best of them and deleting finds the earlier result again.
        self._recent: OrderedDict[_ResultKey, _Result] = OrderedDict()
        self._last: tuple[_Side, array[int] | None] | None = None
        self._archived: int | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, account_id: int) -> AccountEntry | None:
        """The entry of one account."""
        return self._entries.get(account_id)

    def upsert(self, entry: AccountEntry) -> None:
        """Add or replace one entry (after an edit); sort orders are rebuilt lazily."""
        self._entries[entry.id] = entry
        self._orders.clear()
        self._sides.clear()
        self._recent.clear()
        self._last = None
        self._archived = None

    def warm(self, key: str = "name", descending: bool = False) -> None:
        """Build the live side of an order and its search text ahead of use.

        Meant for the loading thread, so the first keys typed do not pay for it.
        """
        self._side(key, descending, False).warm()
        _ = self.archived_count

    @property
    def archived_count(self) -> int:
        """How many accounts are archived."""
        if self._archived is None:
            self._archived = sum(1 for e in self._entries.values() if e.archived)
        return self._archived

    def sorted(self, key: str, descending: bool = False) -> list[AccountEntry]:
        """Every entry in a column's order, name order within ties; missing values last."""
        cached = self._orders.get((key, descending))
        if cached is None:
            if key == "name" and not descending:
                cached = sorted(self._entries.values(), key=attrgetter("sort_name"))
            else:
                # One sort of the name order: a stable sort (reversed too) keeps name
                # order within ties, where sorting by name first would be a second pass.
                by_name = self.sorted("name")
                value = _sort_value(key)
                present = [e for e in by_name if value(e) is not None]
                present.sort(key=value, reverse=descending)
                cached = present + [e for e in by_name if value(e) is None]
            self._orders[(key, descending)] = cached
        return cached

    def view(
        self, flt: ListFilter, key: str = "name", descending: bool = False
    ) -> list[AccountEntry]:
        """The entries that pass a filter, in a column's order.

        The returned list may be a cached one: callers must not change it.
        """
        side = self._side(key, descending, flt.archived)
        words = tuple(search_key(flt.text).split())
        rest = replace(flt, text="")
        if not words and rest == ListFilter(archived=flt.archived):
            self._last = (side, None)
            return side.entries
        result_key = (key, descending, rest, words)
        found = self._recent.get(result_key)
        if found is None:
            found = self._search(side, result_key)
            self._recent[result_key] = found
            while len(self._recent) > RECENT_RESULTS:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(result_key)
        self._last = (side, found[1])
        return found[0]

    def position_in_view(self, entry_id: int) -> int | None:
        """Where an entry is in the last result of `view` (None: not in it), without a scan."""
        if self._last is None:
            return None
        side, positions = self._last
        at = side.position(entry_id)
        if at is None or positions is None:
            return at
        n = bisect_left(positions, at)
        return n if n < len(positions) and positions[n] == at else None

    def _search(self, side: _Side, result_key: _ResultKey) -> _Result:
        """Entries (and their positions in `side`) passing the one-key filters and words."""
        rest, words = result_key[2], result_key[3]
        entries = side.entries
        one_key = rest != ListFilter(archived=rest.archived)
        allowed = side.passing(rest) if one_key else None
        base = self._narrowest(result_key)
        if base is not None and len(base[0]) * NARROW_SHARE <= len(entries):
            # A few candidates left from a shorter text: check every word on them.
            base_entries, base_positions = base
            positions = array(
                "i",
                (
                    n
                    for n, e in zip(base_positions, base_entries, strict=True)
                    if all(w in e.search_text for w in words)
                ),
            )
        elif words:
            # Find the longest (usually rarest) word in C, then check the rest per hit.
            first = max(words, key=len)
            others = [w for w in words if w != first]
            positions = side.find(first)
            if others or allowed is not None:
                kept = set(allowed) if allowed is not None else None
                positions = array(
                    "i",
                    (
                        n
                        for n in positions
                        if all(w in entries[n].search_text for w in others)
                        and (kept is None or n in kept)
                    ),
                )
        elif allowed is not None:
            positions = allowed
        else:  # not reached: `view` answers the empty filter from the side itself
            positions = array("i", range(len(entries)))
        return [entries[n] for n in positions], positions

    def _narrowest(self, result_key: _ResultKey) -> _Result | None:
        """The smallest recent result of the same order and filters that covers this one.

        An entry holding every new word holds every old word that is part of a new
        word, so such a result already contains every entry this search can find.
        """
        words = result_key[3]
        best: _Result | None = None
        for old_key, result in self._recent.items():
            if old_key[:3] != result_key[:3] or (
                best is not None and len(result[0]) >= len(best[0])
            ):
                continue
            if all(any(old in new for new in words) for old in old_key[3]):
                best = result
        return best

    def _side(self, key: str, descending: bool, archived: bool) -> _Side:
        """Live or archived entries in a column's order, cached like the orders."""
        cached = self._sides.get((key, descending, archived))
        if cached is None:
            order = self.sorted(key, descending)
            cached = _Side([e for e in order if e.archived == archived])
            self._sides[(key, descending, archived)] = cached
        return cached


def cycle(options: tuple[str, ...], current: str | None) -> str | None:
    """The next value of a one-key filter: any -> first -> ... -> last -> any."""
    if current is None:
        return options[0]
    index = options.index(current) + 1
    return options[index] if index < len(options) else None
