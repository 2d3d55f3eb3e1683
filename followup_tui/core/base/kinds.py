"""The fixed sets of values the method uses; their display words live in config."""

from __future__ import annotations

WILLINGNESS = ("high", "low")
NEED = ("strong", "weak")
CLASSES = ("A", "B", "C", "D")
RELATIONSHIP_TYPES = ("existing", "dormant", "target")
TIERS = ("big_below_potential", "some_business", "no_business")
DEAL_STATUSES = ("urgent", "in_progress", "getting_started", "later")
FUNNEL_LEVELS = ("universe", "above", "in", "best_few")
DEAL_OUTCOMES = ("open", "won", "lost")
SSO_INDICATORS = ("customer", "product", "amount", "completion_date", "status")
ROLES = ("economic_buyer", "user_buyer", "technical_buyer", "coach")
RESPONSE_MODES = ("growth", "trouble", "even_keel", "overconfident")
DEGREES = ("high", "medium", "low")
ANSWERS = ("good", "bad", "unknown")
FIT_QUESTIONS = ("credit", "need_fit", "loyalty")
# A "note" records what the rep learned without a contact: it neither heats nor counts as one.
ACTIVITY_KINDS = ("call", "visit", "email", "meeting", "note")
CONTACT_KINDS = ("call", "visit", "email", "meeting")
OUTCOMES = ("reached", "no_answer", "voicemail", "rejected", "meeting_booked", "won", "lost")
# Nobody was reached: such a call does not carry out a deal's best action.
UNREACHED_OUTCOMES = ("no_answer", "voicemail")
LANDMINE_CATEGORIES = (
    "unknown_info",
    "uncertain_info",
    "no_contact",
    "org_change",
    "competition",
    "other",
)
BULLET_CATEGORIES = ("difference", "lever", "value", "other")
POSITION_RANGE = range(-5, 6)
LEVEL_RANGE = range(1, 6)

# The tables of an export document, in the order they are written and read.
STEP_STATUSES = ("open", "done", "missed")  # an action plan's step (seed 001)
YEAR_END_VERDICTS = ("move_up", "breaking_in", "drop")  # the year-end analysis (seed 004)
EXPORT_TABLES = (
    "accounts",
    "contacts",
    "deals",
    "activities",
    "influences",
    "bullets",
    "landmines",
    "best_actions",
    "signal_answers",
    "follow_ups",
    "purchases",
    "deal_reviews",
    "external_ids",
    "note_drafts",
    "talking_points",
    "action_plans",
    "plan_milestones",
    "plan_steps",
    "year_end_verdicts",
)
