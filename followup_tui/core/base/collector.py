"""Pausing Python's cyclic garbage collector around work that makes many objects.

Importing, placing the queue and printing it make tens of thousands of objects
that hold no cycles and are freed by reference counting; the collector's passes
over them free nothing. One context manager for every such place.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside; the collector as it was, after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
