"""Typed rows of Peewee's `.dicts()` and `.tuples()` queries.

Peewee's own stubs type `.dicts()` and `.tuples()` as returning the same
`ModelSelect[Model]`, so iterating one yields models to the type checker while
at run time it yields dicts or tuples. These say what the rows really are, once,
instead of a cast at every query; they add no per-row work.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def dict_rows(query: Iterable[Any]) -> list[dict[str, Any]]:
    """The rows of a `.dicts()` query, read into a list."""
    return list(query)


def tuple_rows(query: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of a `.tuples()` query, as they are read."""
    return iter(query)
