"""A close-out being filled in, kept as a draft so a crash brings the dialog back as it was.

The draft table holds text. A close-out's state (outcome, note, next date,
purpose, commitments, and the follow-up it closes) is kept there as JSON under
a key of its own (`draft_keys.close_out_context`): a note draft never has that
key, so old drafts read exactly as before, and an export or import carries
the state with no change of schema.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

KIND = "close_out"  # the marker inside the JSON: what wrote it, should the key ever be shared


@dataclass(frozen=True)
class CloseOutDraft:
    """What the close-out dialog held: enough to open it again, filled in."""

    title: str
    note: str = ""
    outcome: str | None = None
    next_due: str = ""  # as typed in the date field ("2026-12-01", "fri"...)
    next_purpose: str = ""
    our_commitments: str = ""
    their_commitments: str = ""
    contact_id: int | None = None
    follow_up_id: int | None = None

    def to_text(self) -> str:
        """The draft as the text stored in the draft table."""
        return json.dumps({"kind": KIND, **asdict(self)}, ensure_ascii=False)

    @classmethod
    def from_text(cls, text: str) -> CloseOutDraft | None:
        """The draft stored as `text`, or None when it is not a close-out's (or is damaged)."""
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("kind") != KIND:
            return None
        known = {f.name for f in fields(cls)}
        try:
            return cls(**{k: v for k, v in data.items() if k in known})
        except TypeError:  # a field missing (no title): not ours to guess
            return None

    @property
    def worth_keeping(self) -> bool:
        """Whether there is anything to bring back: a note or a picked outcome."""
        return bool(self.note.strip() or self.outcome)
