"""A session's undo and redo: two stacks of steps, whatever a step is.

The steps are opaque here: the data layer makes them (each knows the values before and
after its write) and applies them; this only keeps their order. One history serves the
whole app session, so a change made on the account list can be undone from the account
page and back.
"""

from __future__ import annotations

from typing import Generic, TypeVar

StepT = TypeVar("StepT")

DEPTH = 50  # steps kept; the oldest fall off


class UndoHistory(Generic[StepT]):
    """The steps that `u` undoes (newest last) and those that redo puts back."""

    def __init__(self, depth: int = DEPTH) -> None:
        self.depth = depth
        self._done: list[StepT] = []
        self._undone: list[StepT] = []

    def record(self, step: StepT) -> None:
        """A new change: it can be undone, and what was undone before can no longer be redone."""
        self._done.append(step)
        del self._done[: -self.depth]
        self._undone.clear()

    def next_undo(self) -> StepT | None:
        """The step `u` would undo now, left on the stack (None: nothing to undo)."""
        return self._done[-1] if self._done else None

    def next_redo(self) -> StepT | None:
        """The step redo would put back now (None: nothing to redo)."""
        return self._undone[-1] if self._undone else None

    def undone(self) -> None:
        """The last step was undone: it moves to the redo stack."""
        self._undone.append(self._done.pop())

    def redone(self) -> None:
        """The last undone step was made again: it can be undone again."""
        self._done.append(self._undone.pop())

    def drop_undo(self) -> None:
        """The last step could not be undone cleanly: forget it, so older ones stay reachable."""
        self._done.pop()

    def drop_redo(self) -> None:
        """The last undone step could not be made again cleanly: forget it."""
        self._undone.pop()

    @property
    def undo_count(self) -> int:
        """How many steps `u` can still undo."""
        return len(self._done)

    @property
    def redo_count(self) -> int:
        """How many undone steps can be made again."""
        return len(self._undone)
