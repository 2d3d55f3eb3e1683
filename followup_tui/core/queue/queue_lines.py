"""The queue screen's lines: section headings and the places of rows, loaded when shown.

A line is ("header", text), ("item", (a section's rows, index)) or ("plan",
PlanEntry). A queue row's place is known from its section's keys alone; its
item is made (its account's records read) only when the line is loaded (see
`loaded`), which the screen does for the lines its table is about to draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from followup_tui.core.queue.queue_items import DueQueue, QueueItem, QueueRows

Line = tuple[str, object]
Place = tuple[int, str]  # a queue row's (account id, section)


def queue_lines(queue: DueQueue, heading: str = "{title} ({n})") -> list[Line]:
    """Each non-empty section as a heading and its rows.

    `heading` words a section's heading from its title and count (the vocabulary's
    `queue_heading`: full-width brackets in Chinese).
    """
    lines: list[Line] = []
    for section in queue.sections:
        if section.items:
            lines.append(("header", heading.format(title=section.title, n=len(section.items))))
            rows = section.items
            lines.extend(("item", (rows, n)) for n in range(len(rows)))
    return lines


def headings(lines: Sequence[Line]) -> list[int]:
    """The indexes of the heading lines; a section's rows are stepped over, not scanned."""
    found: list[int] = []
    n = 0
    while n < len(lines):
        kind, payload = lines[n]
        if kind == "item":
            rows, at = cast(tuple[Sequence[QueueItem], int], payload)
            n += len(rows) - at  # the rest of its section: no heading among them
            continue
        if kind == "header":
            found.append(n)
        n += 1
    return found


def line_payload(line: Line) -> object:
    """A line's text, plan entry or queue item (made now if not yet)."""
    kind, payload = line
    if kind == "item":
        rows, n = cast(tuple[Sequence[QueueItem], int], payload)
        return rows[n]
    return payload


def loaded(line: Line) -> Line:
    """The line with its queue item made: what a table draws without reading anything."""
    return (line[0], line_payload(line))


def place_of(lines: Sequence[Line], index: int) -> Place | None:
    """The queue row at `index` as (account id, section), without making it."""
    if not 0 <= index < len(lines) or lines[index][0] != "item":
        return None
    rows, n = cast(tuple[QueueRows, int], lines[index][1])
    return rows.keys[n][3], rows.section


def line_of(lines: Sequence[Line], place: Place, default: int) -> int:
    """The line of that account in that section, or `default` if it is not there."""
    for i, (kind, payload) in enumerate(lines):
        if kind == "item":
            rows, n = cast(tuple[QueueRows, int], payload)
            if rows.section == place[1] and rows.keys[n][3] == place[0]:
                return i
    return default
