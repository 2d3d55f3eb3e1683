"""What the first 100 bytes of an SQLite file say about it, before SQLite opens it.

SQLite itself opens a truncated file and only fails on the first page it cannot
read, perhaps after writing to it. Reading the header first lets a start refuse
such a file with a clear message and leave it untouched.
"""

from __future__ import annotations

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


# (problem, detail): problem is None for a file that looks whole, else what is wrong as
# a key of the vocabulary's `file_` words, with detail's values for its placeholders.
# A plain tuple: this is read on every start, where each class made costs.
HeaderVerdict = tuple[str | None, dict[str, int]]


def read_header(header: bytes, size: int) -> HeaderVerdict:
    """The verdict on a file of `size` bytes that begins with `header`."""
    if size == 0:
        return (None, {})  # an empty file is a new database
    if len(header) < HEADER_SIZE or not header.startswith(MAGIC):
        return ("file_not_sqlite", {})
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return ("file_not_sqlite", {})
    pages = int.from_bytes(header[28:32], "big")
    # The in-header size is valid only when the change counter matches the
    # "version valid for" number (SQLite 3.7.0 and later write both).
    valid = header[24:28] == header[92:96]
    expected = pages * page_size if valid else page_size
    if size < expected:
        return ("file_truncated", {"size": size, "expected": expected})
    if size % page_size:  # a file is whole pages: a part page is a cut one
        return ("file_truncated", {"size": size, "expected": (size // page_size + 1) * page_size})
    return (None, {})
