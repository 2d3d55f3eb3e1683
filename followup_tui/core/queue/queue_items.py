"""The due queue's shape: sections of rows, and its outputs (work-through order, JSON).

Built by `followup_tui.core.queue.queue_builder.build_queue`; kept apart so the screens and the
CLI can read a queue without the rules that build it.

`queue_to_dict` gives the structure `followup due --json` prints (dates ISO):

    {"date": "2026-11-22", "limit": 5 | null,
     "counts": {"overdue": 1, "today": 0, ...},
     "sections": [{"id": "overdue", "title": "Overdue", "count": 1, "items": [
        {"account": {"id": 3, "name": "Acme"}, "contact": {"id": 7, "name": "Li"} | null,
         "class": "A" | null, "heat": 62.0, "heat_trend": "falling",
         "follow_up": {"id": 11, "purpose": "...", "due": "2026-11-19"} | null,
         "best_action": {"id": 2, "deal_id": 4, "who": "...", "what": "...",
                         "due": "2026-11-20"} | null,
         "last_contact": {"date": "2026-11-10", "days_ago": 12, "kind": "call",
                          "outcome": "reached" | null, "notes": "..."} | null,
         "reasons": ["overdue by 3 days", ...], "priority": 103.0,
         "priority_explained": ["overdue 3 days: +9", ...],
         "callable_now": true | false | null}]}]}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any, NamedTuple, Protocol, overload

from followup_tui.core.base.records import BestActionRec, FollowUpRec

SECTIONS = ("overdue", "today", "no_next_step", "cooling", "dormant", "buying_season")


class LastContact(NamedTuple):
    """The last activity with an account: when, what and how it went."""

    on: date
    days_ago: int
    kind: str
    outcome: str | None
    notes: str  # a one-line excerpt
    contact_id: int | None


# Why an item is in its section, and its priority's lines: built on first read.
Explain = Callable[[], tuple[tuple[str, ...], tuple[str, ...]]]

_FIELDS = (
    "section",
    "account_id",
    "account_name",
    "contact_id",
    "contact_name",
    "quadrant",
    "heat",
    "heat_trend",
    "follow_up",
    "best_action",
    "last_contact",
    "priority",
    "callable_now",
    "was_hot",
    "stale",
    "also",
    "season_mark",
)


class QueueItem:
    """One row of the queue: an account in a section, with its reasons and priority.

    Its words (`reasons`, `priority_explained`) are written on first read: a
    queue of 10,000 accounts holds thousands of rows and a screen shows forty,
    and writing every row's sentences was a third of building the queue.
    Immutable by convention; equal when every field and every word is.
    """

    __slots__ = (*_FIELDS, "_explain", "_text")

    def __init__(
        self,
        section: str,
        account_id: int,
        account_name: str,
        contact_id: int | None,
        contact_name: str | None,
        quadrant: str | None,
        heat: float,
        heat_trend: str,
        follow_up: FollowUpRec | None,
        best_action: BestActionRec | None,
        last_contact: LastContact | None,
        priority: float,
        callable_now: bool | None,
        explain: Explain,
        was_hot: bool = False,  # hot within the window and cooling: sorts first in Cooling
        stale: bool = False,  # a place kept for an account written to since (see QueueRows)
        also: tuple[str, ...] = (),  # the other sections the account belongs to (its badges)
        # The open buying season's must-reach day while nobody was contacted in it.
        season_mark: date | None = None,
    ) -> None:
        self.section, self.account_id, self.account_name = section, account_id, account_name
        self.contact_id, self.contact_name, self.quadrant = contact_id, contact_name, quadrant
        self.heat, self.heat_trend = heat, heat_trend
        self.follow_up, self.best_action, self.last_contact = follow_up, best_action, last_contact
        self.priority, self.callable_now, self.was_hot = priority, callable_now, was_hot
        self.stale, self.also, self.season_mark = stale, also, season_mark
        self._explain: Explain | None = explain
        self._text: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def _words(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if self._text is None:
            assert self._explain is not None
            self._text, self._explain = self._explain(), None
        return self._text

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the account is here: this section's reasons first, then its other sections'."""
        return self._words()[0]

    @property
    def priority_explained(self) -> tuple[str, ...]:
        """The lines that add up to `priority` ("why is this here?")."""
        return self._words()[1]

    def _key(self) -> tuple[Any, ...]:
        return (*(getattr(self, f) for f in _FIELDS), self._words())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QueueItem):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"QueueItem({self.section!r}, {self.account_id}, {self.account_name!r})"


# A row's place in its section, and its sort key: (not was-hot, -priority,
# casefolded name, account id).
OrderKey = tuple[bool, float, str, int]


class Loader(Protocol):
    """Makes rows: those of some accounts, in every section they are in."""

    def __call__(self, account_ids: list[int]) -> dict[tuple[int, str], QueueItem]:
        """The rows of these accounts, by (account id, section)."""
        ...

    def stand_in(self, section: str, key: OrderKey) -> QueueItem:
        """A row for a place the accounts' records no longer give (written to since)."""
        ...


LOAD_CHUNK = 64  # rows made at a time when one is read: a screenful and some
STREAM_CHUNK = 1000  # rows made at a time when every row is written out


class _MadeWhenRead(Sequence[QueueItem]):
    """A sequence of queue items made on first read: indexes and slices as a tuple's."""

    def _item(self, index: int) -> QueueItem:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> QueueItem: ...
    @overload
    def __getitem__(self, index: slice) -> list[QueueItem]: ...
    def __getitem__(self, index: int | slice) -> QueueItem | list[QueueItem]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._item(index)


class QueueRows(_MadeWhenRead):
    """A section's rows in queue order; each row's item is made when first read.

    The order is known from each row's key alone (see `queue_state`): a screen
    of forty rows makes forty items, not the thousands a large book queues.
    The items of every section share one cache, filled by `load` a chunk of
    accounts at a time. Read in full (the JSON, the work-through), all are made.
    """

    __slots__ = ("_load", "items", "keys", "section")

    def __init__(
        self,
        section: str,
        keys: list[OrderKey],
        items: dict[tuple[int, str], QueueItem],
        load: Loader | None = None,
    ) -> None:
        self.section, self.keys, self.items, self._load = section, keys, items, load

    def again(self, keys: list[OrderKey], items: dict[tuple[int, str], QueueItem]) -> QueueRows:
        """Rows of the same section and loader, with other keys and cache (after a merge)."""
        return QueueRows(self.section, keys, items, self._load)

    def __len__(self) -> int:
        return len(self.keys)

    def _item(self, index: int) -> QueueItem:
        account_id = self.keys[index][3]
        found = self.items.get((account_id, self.section))
        if found is None:
            self._fill(index, LOAD_CHUNK)
            found = self.items.get((account_id, self.section))
        if found is None:
            found = self._stand_in(index)
            self.items[(account_id, self.section)] = found
        return found

    def _stand_in(self, index: int) -> QueueItem:
        assert self._load is not None
        return self._load.stand_in(self.section, self.keys[index])

    def stream(self, limit: int | None = None, chunk: int | None = None) -> Iterator[QueueItem]:
        """The first `limit` rows (all when None), in order, made `chunk` at a time.

        Unlike iterating, the rows made are not kept: printing every row of a
        book of 100,000 accounts holds one chunk of them at a time.
        """
        chunk = chunk or STREAM_CHUNK
        end = len(self.keys) if limit is None else min(max(limit, 0), len(self.keys))
        for start in range(0, end, chunk):
            stop = min(start + chunk, end)
            wanted = [k[3] for k in self.keys[start:stop] if (k[3], self.section) not in self.items]
            made = self._load(wanted) if wanted and self._load is not None else {}
            for n in range(start, stop):
                where = (self.keys[n][3], self.section)
                found = self.items.get(where) or made.get(where)
                yield found if found is not None else self._stand_in(n)

    def make_accounts(self, account_ids: list[int]) -> None:
        """Make these accounts' rows into the cache every section shares, in one read."""
        if account_ids and self._load is not None:
            self.items.update(self._load(account_ids))

    def make(self, start: int, stop: int) -> None:
        """Make the items of rows `start` to `stop` (not included) now, and no others: a
        screen about to draw exactly these (reading one row makes `LOAD_CHUNK`)."""
        if self._load is not None:
            self._fill(start, stop - start)

    def _fill(self, start: int, count: int) -> None:
        if self._load is None:
            raise KeyError(f"no item for row {start} of {self.section}")
        ids = [
            k[3] for k in self.keys[start : start + count] if (k[3], self.section) not in self.items
        ]
        if ids:
            self.items.update(self._load(ids))

    def __iter__(self) -> Iterator[QueueItem]:
        for start in range(0, len(self.keys), 1000):
            if self._load is not None:
                self._fill(start, 1000)
            for n in range(start, min(start + 1000, len(self.keys))):
                yield self[n]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"QueueRows({self.section!r}, {len(self)} rows)"


class QueueSection(NamedTuple):
    """A section of the queue, its items in priority order."""

    id: str
    title: str
    items: QueueRows


class DueQueue(NamedTuple):
    """The queue for one day: every section, in the fixed order, even when empty.

    Named tuples, as the queue's other records: a frozen dataclass costs ten times
    as much to create at import, which every `followup due` pays (issue 20).
    """

    today: date
    sections: tuple[QueueSection, ...]

    def section(self, section_id: str) -> QueueSection:
        """The section with this id."""
        return next(s for s in self.sections if s.id == section_id)


class WorkThrough(_MadeWhenRead):
    """Rows for work-through: sections in order, each account once, uncallable rows last.

    Made as the rep walks: whether a row is callable is known once it is
    made, so callable (and unknown) rows come in queue order and each one
    found outside its calling window waits at the end, in its own order: the
    order a stable sort on "known to be outside" gives, without making the
    thousands of rows a large book queues before the first call.
    """

    def __init__(self, queue: DueQueue) -> None:
        seen: set[int] = set()
        self._refs: list[tuple[QueueRows, int]] = []
        for section in queue.sections:
            for n, key in enumerate(section.items.keys):
                if key[3] not in seen:
                    seen.add(key[3])
                    self._refs.append((section.items, n))
        self._next = 0
        self._ordered: list[QueueItem] = []
        self._later: list[QueueItem] = []

    def __len__(self) -> int:
        return len(self._refs)

    def _item(self, index: int) -> QueueItem:
        while len(self._ordered) <= index:
            if self._next < len(self._refs):
                rows, n = self._refs[self._next]
                self._next += 1
                item = rows[n]
                (self._later if item.callable_now is False else self._ordered).append(item)
            else:
                self._ordered += self._later
                self._later = []
        return self._ordered[index]


def order_for_work_through(queue: DueQueue) -> WorkThrough:
    """The rows work-through walks (see `WorkThrough`)."""
    return WorkThrough(queue)


def summary_counts(queue: DueQueue) -> dict[str, int]:
    """Items per section, in section order."""
    return {s.id: len(s.items) for s in queue.sections}


def _iso(day: date | None) -> str | None:
    """A date as ISO text, or None."""
    return day.isoformat() if day is not None else None


def item_to_dict(item: QueueItem) -> dict[str, Any]:
    """One queue row as JSON-ready data (see the module docstring)."""
    fu, ba, lc = item.follow_up, item.best_action, item.last_contact
    return {
        "account": {"id": item.account_id, "name": item.account_name},
        "contact": None
        if item.contact_id is None
        else {"id": item.contact_id, "name": item.contact_name},
        "class": item.quadrant,
        "heat": item.heat,
        "heat_trend": item.heat_trend,
        "also": list(item.also),
        "follow_up": None
        if fu is None
        else {"id": fu.id, "purpose": fu.purpose, "due": fu.due.isoformat()},
        "best_action": None
        if ba is None
        else {
            "id": ba.id,
            "deal_id": ba.deal_id,
            "who": ba.who,
            "what": ba.what,
            "due": _iso(ba.due),
        },
        "last_contact": None
        if lc is None
        else {
            "date": lc.on.isoformat(),
            "days_ago": lc.days_ago,
            "kind": lc.kind,
            "outcome": lc.outcome,
            "notes": lc.notes,
        },
        "reasons": list(item.reasons),
        "priority": item.priority,
        "priority_explained": list(item.priority_explained),
        "callable_now": item.callable_now,
    }


def first_rows(queue: DueQueue, limit: int) -> None:
    """Make the first `limit` rows of every section in one read (the rows a short
    listing prints), instead of one read per section. More rows than a chunk
    are left to be streamed (`QueueRows.stream`)."""
    if not queue.sections or limit * len(queue.sections) > STREAM_CHUNK:
        return
    rows = queue.sections[0].items  # every section shares one cache and one loader
    wanted = [
        k[3]
        for s in queue.sections
        for k in s.items.keys[: max(limit, 0)]
        if (k[3], s.id) not in rows.items
    ]
    rows.make_accounts(wanted)


def section_head(section: QueueSection) -> dict[str, Any]:
    """A section's fields before its items, in the JSON's order."""
    return {"id": section.id, "title": section.title, "count": len(section.items)}


def queue_head(queue: DueQueue, limit: int | None) -> dict[str, Any]:
    """The JSON's fields before its sections, in order."""
    return {"date": queue.today.isoformat(), "limit": limit, "counts": summary_counts(queue)}


def queue_to_dict(queue: DueQueue, limit: int | None = None) -> dict[str, Any]:
    """The queue as JSON-ready data, the structure of `followup due --json`: every
    section's count, and its first `limit` rows (every row when None)."""
    return {
        **queue_head(queue, limit),
        "sections": [
            {**section_head(s), "items": [item_to_dict(i) for i in s.items.stream(limit)]}
            for s in queue.sections
        ],
    }
