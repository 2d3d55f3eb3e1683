"""A generic spreadsheet's mapping: column -> field, from a `--map` YAML file, remembered.

The file is a YAML mapping of header to field (`sources.FIELDS`); a column it does not
name is kept as a profile note. A mapping once used is remembered under a key made
from the file's headers, so the next file with the same headers needs no `--map`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from followup_tui.core.transfer.sources import FIELDS, Source

SYSTEM = "spreadsheet"


class MapError(ValueError):
    """A mapping file that cannot be used, with the reason."""


def headers_key(headers: Sequence[str]) -> str:
    """A stable name for a header row: case and spacing do not change it."""
    norm = "\x1f".join(" ".join(h.split()).casefold() for h in headers)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


def parsed_map(text: str, where: str) -> dict[str, str]:
    """A mapping file's column -> field pairs, checked; MapError names what is wrong."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MapError(f"{where}: not YAML ({exc})") from None
    if not isinstance(data, dict):
        raise MapError(f"{where}: expected a mapping of column: field")
    out: dict[str, str] = {}
    for column, field in data.items():
        if not isinstance(field, str) or field not in FIELDS:
            raise MapError(
                f"{where}: column {column!r}: unknown field {field!r} (one of {', '.join(FIELDS)})"
            )
        out[str(column)] = field
    return out


def mapped_source(headers: Sequence[str], mapping: Mapping[str, str]) -> Source:
    """The generic source a mapping gives: named columns their field, others notes."""
    by_key = {" ".join(k.split()).casefold(): v for k, v in mapping.items()}
    fields = tuple(
        by_key.get(" ".join(h.split()).casefold(), "notes") if h.strip() else "ignore"
        for h in headers
    )
    return Source("mapped", SYSTEM, fields)


def mapping_text(headers: Sequence[str], source: Source) -> str:
    """A mapping as the YAML the user could have written (and may edit)."""
    pairs = {h: f for h, f in zip(headers, source.fields, strict=True) if h.strip()}
    return yaml.safe_dump(pairs, allow_unicode=True, sort_keys=False)


def remembered(folder: Path, headers: Sequence[str]) -> Source | None:
    """The mapping remembered for these headers, if any (a broken one is ignored)."""
    path = folder / f"{headers_key(headers)}.yaml"
    try:
        return mapped_source(headers, parsed_map(path.read_text("utf-8"), str(path)))
    except (OSError, MapError):
        return None


def remember(folder: Path, headers: Sequence[str], source: Source) -> Path:
    """Keep a mapping for the next file with these headers; returns where."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{headers_key(headers)}.yaml"
    path.write_text(mapping_text(headers, source), "utf-8")
    return path
