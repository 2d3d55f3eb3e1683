"""The keys of the due queue: call, log, snooze, reschedule, work through, the plans."""

from __future__ import annotations

from textual.binding import Binding, BindingType

QUEUE_BINDINGS: list[BindingType] = [
    Binding(
        "enter",
        "open",
        "Call",
        id="queue.open",
        tooltip="Open the call script for this follow-up",
        priority=True,
    ),
    Binding(
        "d",
        "done",
        "Done",
        id="queue.done",
        tooltip="Log the contact: outcome, note and the next follow-up",
    ),
    Binding(
        "s",
        "snooze",
        "Snooze",
        id="queue.snooze",
        tooltip="Move the follow-up to tomorrow or a date you type",
    ),
    Binding(
        "r",
        "reschedule",
        "Reschedule",
        id="queue.reschedule",
        tooltip="Give the follow-up a new date (or schedule a first next step)",
    ),
    Binding(
        "g",
        "work_through",
        "Work through",
        id="queue.work_through",
        tooltip="Close out the queue top to bottom, one account after another",
    ),
    Binding(
        "w",
        "cycle_view",
        "Plan",
        id="queue.plan",
        tooltip="Switch between the queue and the week, month and quarter plans",
    ),
    Binding(
        "f5",
        "reload",
        "Reload",
        show=False,
        id="queue.reload",
        tooltip="Build the queue again from the database",
    ),
]

# Keys that act on a queue row; the week/month/quarter plans have none of them.
QUEUE_ONLY = frozenset({"done", "snooze", "reschedule", "work_through"})
