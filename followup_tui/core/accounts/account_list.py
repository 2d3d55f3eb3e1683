"""Filtering and sorting the account list in memory.

At 100,000 accounts a scan in SQLite takes over 100 ms per keystroke, while a
pass over a pre-sorted Python list takes a few: so the list keeps one plain
entry per account, caches each sort order once, and filters that order.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import compress
from operator import attrgetter
from typing import Any

# The entries and the filter, re-exported (`x as x`): the list screen imports the list from here.
from followup_tui.core.accounts.list_entry import CLASS_FILTERS as CLASS_FILTERS
from followup_tui.core.accounts.list_entry import SORT_KEYS as SORT_KEYS
from followup_tui.core.accounts.list_entry import TIER_FILTERS as TIER_FILTERS
from followup_tui.core.accounts.list_entry import TIER_RANK
from followup_tui.core.accounts.list_entry import AccountEntry as AccountEntry
from followup_tui.core.accounts.list_entry import ListFilter as ListFilter
from followup_tui.core.accounts.list_entry import cycle as cycle
from followup_tui.core.accounts.list_matches import FoundEntries, Matches
from followup_tui.core.accounts.list_side import ListSide
from followup_tui.core.base.text import search_key

NARROW_SHARE = 8  # narrow a cached result below 1/8 of a side; else search the joined text
RECENT_RESULTS = 16  # results kept for backspacing, per index

# (sort key, descending, one-key filters, typed words) -> the entries found, with their
# positions in the side they were taken from.
_ResultKey = tuple[str, bool, ListFilter, tuple[str, ...]]


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


class AccountIndex:
    """All accounts' list entries, with cached sort orders and text searches."""

    def __init__(self, entries: Iterable[AccountEntry]) -> None:
        self._entries = {e.id: e for e in entries}
        self._orders: dict[tuple[str, bool], list[AccountEntry]] = {}
        self._sides: dict[tuple[str, bool, bool], ListSide] = {}
        # Recent results by (order, one-key filters, words), newest last: typing narrows
        # the best of them and deleting finds the earlier result again.
        self._recent: OrderedDict[_ResultKey, FoundEntries] = OrderedDict()
        self._last: tuple[ListSide, Matches | None] | None = None
        self._archived: int | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, account_id: int) -> AccountEntry | None:
        """The entry of one account."""
        return self._entries.get(account_id)

    def upsert(self, entry: AccountEntry) -> None:
        """Add or replace one entry (after an edit); sort orders are rebuilt lazily."""
        self._entries[entry.id] = entry
        self._forget_views()

    def remove(self, account_id: int) -> None:
        """Drop one entry (an account added, then undone)."""
        if self._entries.pop(account_id, None) is not None:
            self._forget_views()

    def _forget_views(self) -> None:
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
    ) -> Sequence[AccountEntry]:
        """The entries that pass a filter, in a column's order.

        The returned sequence may be a cached one, read lazily: callers must not change it.
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
            found = FoundEntries(side.entries, self._search(side, result_key))
            self._recent[result_key] = found
            while len(self._recent) > RECENT_RESULTS:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(result_key)
        self._last = (side, found.matches)
        return found

    def position_in_view(self, entry_id: int) -> int | None:
        """Where an entry is in the last result of `view` (None: not in it), without a scan."""
        if self._last is None:
            return None
        side, matches = self._last
        at = side.position(entry_id)
        if at is None or matches is None:
            return at
        return matches.index_of(at)

    def list_last(self) -> None:
        """List in full the last result of `view`, if a longer text could narrow it.

        Meant for the time between two keys: the next key then checks its few
        thousand entries (`_narrowest`) rather than searching every account again.
        """
        if self._last is None:
            return
        side, matches = self._last
        if matches is not None and not matches.complete and self._narrows(side, matches):
            matches.list_all()

    @staticmethod
    def _narrows(side: ListSide, base: Matches) -> bool:
        """Whether checking each of `base` costs less than searching the whole side."""
        return len(base) * NARROW_SHARE <= len(side.entries)

    def _search(self, side: ListSide, result_key: _ResultKey) -> Matches:
        """Positions in `side` of the entries passing the one-key filters and words."""
        rest, words = result_key[2], result_key[3]
        if rest.notes:
            return self._with_notes(side, result_key)
        one_key = rest != ListFilter(archived=rest.archived)
        allowed = side.passing(rest) if one_key else None
        base = self._narrowest(result_key)
        if base is not None and self._narrows(side, base):
            # A few candidates left from a shorter text: check every word on them.
            return Matches.listed(side.holding(base, words))
        if words:
            # Find the longest (usually rarest) word in C, then check the rest per hit.
            first = max(words, key=len)
            others = [w for w in words if w != first]
            found = side.find(first)
            if not others and allowed is None:
                return found  # listed only as far as it is read
            positions = side.holding(found, others)
            if allowed is not None:
                kept = set(allowed)
                positions = array("i", compress(positions, map(kept.__contains__, positions)))
            return Matches.listed(positions)
        if allowed is not None:
            return Matches.listed(allowed)
        # Not reached: `view` answers the empty filter from the side itself.
        return Matches.listed(array("i", range(len(side.entries))))

    def _with_notes(self, side: ListSide, result_key: _ResultKey) -> Matches:
        """The entries holding the words, and those found in notes that pass the one-key filters.

        Listing every match of the words costs what a narrowing search does; it is
        paid only when the notes found something, once the index has answered.
        """
        key, descending, rest, words = result_key
        plain = replace(rest, notes=frozenset())
        own = self._search(side, (key, descending, plain, words))
        own.list_all()
        found = {at for at in map(side.position, rest.notes) if at is not None}
        if plain != ListFilter(archived=plain.archived):
            found &= set(side.passing(plain))
        return Matches.listed(array("i", sorted(found.union(own))))

    def _narrowest(self, result_key: _ResultKey) -> Matches | None:
        """The smallest listed recent result of the same order and filters that covers this one.

        An entry holding every new word holds every old word that is part of a new
        word, so such a result already contains every entry this search can find. A
        result not listed in full is passed over: listing the rest would cost as much
        as a new search.
        """
        words = result_key[3]
        best: Matches | None = None
        for old_key, result in self._recent.items():
            matches = result.matches
            if (
                old_key[:3] != result_key[:3]
                or not matches.complete
                or (best is not None and len(matches) >= len(best))
            ):
                continue
            if all(any(old in new for new in words) for old in old_key[3]):
                best = matches
        return best

    def _side(self, key: str, descending: bool, archived: bool) -> ListSide:
        """Live or archived entries in a column's order, cached like the orders."""
        cached = self._sides.get((key, descending, archived))
        if cached is None:
            order = self.sorted(key, descending)
            cached = ListSide([e for e in order if e.archived == archived])
            self._sides[(key, descending, archived)] = cached
        return cached
