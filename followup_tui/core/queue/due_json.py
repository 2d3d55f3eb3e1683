"""`followup due --json` written a row at a time: the document of `queue_to_dict`, streamed.

A book of 100,000 accounts queues tens of thousands of rows; building the whole
document before writing it held every row and its words at once (1.5 GB). Here
the head of the document is written, then each section's rows as they are
made, so memory stays that of one chunk of rows. The text is exactly what
`json.dumps(queue_to_dict(queue, limit))` gives with the same separators (the
tests hold the two equal), compact unless `pretty`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from followup_tui.core.queue.queue_items import (
    DueQueue,
    first_rows,
    item_to_dict,
    queue_head,
    section_head,
)

INDENT = 2  # --pretty: as `json.dumps(indent=2)` writes it


def _dump(value: Any, depth: int, pretty: bool) -> str:
    """One value as JSON at `depth` levels of nesting (its first line not indented)."""
    if not pretty:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # JSON strings never hold a raw newline (it is escaped): every newline is layout.
    text = json.dumps(value, ensure_ascii=False, indent=INDENT)
    return text.replace("\n", "\n" + " " * (INDENT * depth))


def queue_json(queue: DueQueue, limit: int | None, *, pretty: bool = False) -> Iterator[str]:
    """The JSON document of the queue (see docs/due-json.md), in pieces to write in order."""
    if limit is not None:
        first_rows(queue, limit)
    # Layout between the pieces, as json.dumps would write it.
    if pretty:
        gap = ["\n" + " " * (INDENT * depth) for depth in range(5)]
        colon, comma = ": ", ","
    else:
        gap = [""] * 5
        colon, comma = ":", ","
    yield "{"
    for field, value in queue_head(queue, limit).items():
        yield f"{gap[1]}{_dump(field, 1, pretty)}{colon}{_dump(value, 1, pretty)}{comma}"
    yield f'{gap[1]}"sections"{colon}['
    for n, section in enumerate(queue.sections):
        yield (comma if n else "") + gap[2] + "{"
        for field, value in section_head(section).items():
            yield f"{gap[3]}{_dump(field, 3, pretty)}{colon}{_dump(value, 3, pretty)}{comma}"
        yield f'{gap[3]}"items"{colon}['
        empty = True
        for item in section.items.stream(limit):
            yield ("" if empty else comma) + gap[4] + _dump(item_to_dict(item), 4, pretty)
            empty = False
        yield ("]" if empty else gap[3] + "]") + gap[2] + "}"
    yield ("]" if not queue.sections else gap[1] + "]") + gap[0] + "}\n"
