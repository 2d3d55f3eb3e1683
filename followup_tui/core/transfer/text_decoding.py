"""Bytes of a spreadsheet file as text: a BOM first, strict UTF-8 next, then a guess.

Chinese spreadsheets are often saved as GB18030/GBK, European ones as Windows-1252.
The guess is limited to those two: an unrestricted detector takes a short GBK
file (a header and a few names) for Korean or Cyrillic.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

from charset_normalizer import from_bytes

# Tried only when the bytes are not UTF-8; GB18030 is a superset of GBK and GB2312.
CANDIDATES = ("gb18030", "cp1252")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Decoded(NamedTuple):
    """A file's text and the encoding it was read with."""

    text: str
    encoding: str


class NotText(ValueError):
    """Bytes that no candidate encoding reads."""


def decoded(data: bytes) -> Decoded:
    """The text of `data`: by its BOM, as strict UTF-8, else GB18030 or Windows-1252."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError:
                # A BOM, then bytes that are not that encoding: not text we can trust.
                raise NotText(f"a {name} byte-order mark, then bytes that are not {name}") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(CANDIDATES)).best()
    if best is not None and best.encoding in CANDIDATES:
        return Decoded(str(best), best.encoding)
    for name in CANDIDATES:  # the detector gave up: the first that reads it whole
        try:
            return Decoded(data.decode(name), name)
        except UnicodeDecodeError:
            continue
    raise NotText("not text in UTF-8, GB18030 or Windows-1252")
