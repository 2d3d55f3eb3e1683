"""What an undoable change of an account or a key person did, in the rep's words.

"renamed 华为 to 华为技术", "changed tier, notes of ACME": the list and the account page
say it after `u` ("Undid: ...") and redo ("Redid: ..."), and when an undo cannot be made
cleanly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

Word = Callable[[str], str]

# The word for a field, where it is not the profile's `field_<name>`: the account's
# state fields use the list's column words, a key person's the people table's.
ACCOUNT_WORDS = {
    "name": "name",
    "owner": "field_owner",
    "willingness": "willingness",
    "need": "need",
    "relationship": "relationship",
    "tier": "tier",
    "notes": "notes",
}
PERSON_WORDS = {
    "name": "col_name",
    "title": "col_title",
    "department": "col_department",
    "level": "col_level",
    "phone": "col_phone",
    "email": "col_email",
    "interests": "col_interests",
    "pains": "col_pains",
    "is_coach": "col_coach",
    "notes": "col_notes",
    "time_zone": "undo_field_time_zone",
    "call_window_start": "undo_field_call_window",
    "call_window_end": "undo_field_call_window",
    "good_supplier": "undo_field_good_supplier",
    "responsibility": "undo_field_responsibility",
}
# What the data layer names when a row as a whole, not a field, stands in the way.
OTHER_WORDS = {
    "history": "undo_history",
    "records": "undo_records",
    "id": "undo_taken",
    "person": "undo_gone",
    "account": "undo_gone",
    "name_taken": "undo_name_taken",
    # an action plan's step and a year-end verdict (`db.action_plans`, `db.review_verdicts`)
    "status": "rev_col_status",
    "marked_on": "rev_col_marked",
    "verdict": "rev_col_kept",
    "proposal": "rev_col_proposal",
    "confirmed_on": "rev_col_marked",
    # a plan's goals, a milestone, a step's who / how / when / why / what for
    "goals": "rev_kind_goal",
    "expected": "rev_col_expected",
    "month": "rs_col_month",
    "plan_id": "rev_kind_goal",
    "who": "rs_col_who",
    "how": "rs_col_how",
    "due": "rs_col_when",
    "why": "rs_col_why",
    "what_for": "rs_col_what_for",
}


def field_words(fields: Sequence[str], word: Word, *, person: bool = False) -> str:
    """The fields named in the rep's language, each once, joined by the list separator."""
    table = PERSON_WORDS if person else ACCOUNT_WORDS
    said: list[str] = []
    for name in fields:
        key = OTHER_WORDS.get(name) or table.get(name) or f"field_{name}"
        text = word(key)
        text = text[:1].lower() + text[1:]
        if text not in said:
            said.append(text)
    return word("undo_list_sep").join(said)


def describe(action: str, names: Mapping[str, str], fields: Sequence[str], word: Word) -> str:
    """What a change did: `action` as the data layer names it, with its names and fields."""
    account = names.get("name", "")
    if action == "edited":
        others = [f for f in fields if f != "name"]
        listed = field_words(others, word)
        if "name" not in fields:
            return word("undo_edited").format(name=account, fields=listed)
        key = "undo_renamed_edited" if others else "undo_renamed"
        return word(key).format(name=account, new_name=names.get("new_name", ""), fields=listed)
    if action == "person_edited":
        listed = field_words(fields, word, person=True)
        return word("undo_person_edited").format(
            name=account, person=names.get("person", ""), fields=listed
        )
    if action.startswith(("step_", "verdict_", "goals_", "milestones_")):
        return _plan_change(action, names, fields, word)
    keys = {
        "added": "undo_account_added",
        "archived": "undo_archived",
        "restored": "undo_restored",
        "person_added": "undo_person_added",
        "person_removed": "undo_person_removed",
    }
    return word(keys[action]).format(name=account, person=names.get("person", ""))


def _plan_change(action: str, names: Mapping[str, str], fields: Sequence[str], word: Word) -> str:
    """A change of an action plan (goals, milestones, a step) or a year-end verdict."""
    # Only when such a change is described: the review's words stay off the start path.
    from followup_tui.core.review.board_tables import STEP_WORDS
    from followup_tui.core.review.review_tables import PROPOSAL_WORDS

    account = names.get("name", "")
    simple = {
        "step_deleted": "undo_step_deleted",
        "step_added": "undo_step_added",
        "goals_edited": "undo_goals_edited",
        "milestones_edited": "undo_milestones_edited",
    }
    if action in simple:
        return word(simple[action]).format(
            name=account, step=names.get("step", ""), year=names.get("year", "")
        )
    if action == "step_edited":
        return word("undo_step_edited").format(
            name=account, step=names.get("step", ""), fields=field_words(fields, word)
        )
    if action == "step_marked":
        status = word("rev_" + STEP_WORDS[names.get("status", "open")])
        return word("undo_step_marked").format(
            name=account, step=names.get("step", ""), status=status
        )
    verdict = word("rev_" + PROPOSAL_WORDS[names.get("verdict", "breaking_in")])
    return word("undo_verdict_confirmed").format(
        name=account, year=names.get("year", ""), verdict=verdict
    )
