"""An import's reports in words: where a value was (file, line, column) and why a row was
left out, in the configured language.

A row problem carries a reason's name and its values (`RowProblem.why`, `.params`), not
text: the CLI, its side file and the import screen say it in the user's language from the
vocabulary (`import_why_<name>`, `import_where_*`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from followup_tui.core.base.vocabulary import shipped_words

Word = Callable[[str], str]


class Placed(Protocol):
    """A place in a file (`book_rows.Place`)."""

    @property
    def source(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> str: ...


class Explained(Protocol):
    """A row problem (`book_rows.RowProblem`)."""

    @property
    def place(self) -> Placed: ...
    @property
    def why(self) -> str: ...
    @property
    def params(self) -> Mapping[str, object]: ...


def english(key: str) -> str:
    """A word in English, for text that is not shown to the user (an exception's message)."""
    return shipped_words("en")[key]


def where_text(place: Placed, word: Word) -> str:
    """The file, line and column, as far as known."""
    if place.column:
        key = "import_where_column"
    elif place.line:
        key = "import_where_line"
    else:
        key = "import_where_file"
    return word(key).format(file=place.source, line=place.line, column=place.column)


def reason_text(why: str, params: Mapping[str, object], word: Word) -> str:
    """Why a row was left out, from its reason's name (`import_why_<why>`)."""
    return word("import_why_" + why).format(**params)


def problem_text(problem: Explained, word: Word) -> str:
    """Where and why: `file, line 4, column 'Amount': not a number: 'five'`."""
    return word("import_problem").format(
        where=where_text(problem.place, word),
        why=reason_text(problem.why, problem.params, word),
    )


class Stepped(Protocol):
    """One step of an import's plan (`db.book_import.Step`)."""

    @property
    def action(self) -> str: ...
    @property
    def entity(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def place(self) -> Placed: ...
    @property
    def reason(self) -> str: ...
    @property
    def how(self) -> str: ...
    @property
    def fields(self) -> tuple[str, ...]: ...
    @property
    def role(self) -> str: ...


# The words of the plan's keys: each "one|many" for counts.
_ENTITY_WORDS = {
    "account": "import_account",
    "person": "import_person",
    "deal": "import_deal",
    "influence": "import_influence",
}
_THING_WORDS = {
    "account": "import_thing_account",
    "person": "import_thing_person",
    "deal": "import_thing_deal",
    "influence": "import_thing_influence",
}
_HOW_WORDS = {
    "id": "import_by_id",
    "email": "import_by_email",
    "domain": "import_by_domain",
    "name": "import_by_name",
    "name_account": "import_by_name_account",
    "title_account": "import_by_title_account",
}
ACTION_WORDS = {
    "create": "import_step_create",
    "update": "import_step_update",
    "skip": "import_step_skip",
}


def counted(n: int, entity: str, word: Word) -> str:
    """`3 accounts`, `1 person`: a count with its noun."""
    one, _, many = word(_ENTITY_WORDS[entity]).partition("|")
    return f"{n:,} {one if n == 1 else many or one}"


def counts_text(counts: Mapping[str, Mapping[str, int]], word: Word) -> str:
    """What a plan creates, updates and skips, by kind of record."""
    parts = []
    for action, key in (("create", "import_created"), ("update", "import_updated"),
                        ("skip", "import_skipped")):  # fmt: skip
        items = counts[action]
        if items:
            listed = ", ".join(counted(n, e, word) for e, n in items.items())
            parts.append(word(key).format(items=listed))
    return "; ".join(parts) or word("import_nothing")


def step_line(step: Stepped, word: Word, role_label: Callable[[str], str]) -> str:
    """One step of the dry run: what, which record, why, and where the file says it."""
    how = word(_HOW_WORDS[step.how]) if step.how else ""
    why = {
        "exists": word("import_exists").format(how=how),
        "unchanged": word("import_unchanged").format(how=how),
        "changed": word("import_changed").format(fields=", ".join(step.fields)),
    }.get(step.reason, "")
    return word("import_step_line" if why else "import_step_line_plain").format(
        action=word(ACTION_WORDS[step.action]),
        what=word(_THING_WORDS[step.entity]),
        label=f"{step.label} {role_label(step.role)}" if step.role else step.label,
        why=why,
        place=where_text(step.place, word),
    )


# Each field a column can fill (`sources.FIELDS`), as the mapping step names it.
FIELD_WORDS = {
    "account.ext": "import_field_account_ext",
    "account.name": "import_field_account_name",
    "account.owner": "import_field_account_owner",
    "account.address": "import_field_account_address",
    "account.phone": "import_field_account_phone",
    "account.email": "import_field_account_email",
    "account.website": "import_field_account_website",
    "account.industry": "import_field_account_industry",
    "account.notes": "import_field_account_notes",
    "account.relationship": "import_field_account_relationship",
    "person.ext": "import_field_person_ext",
    "person.account_ext": "import_field_person_account_ext",
    "person.name": "import_field_person_name",
    "person.first_name": "import_field_person_first_name",
    "person.last_name": "import_field_person_last_name",
    "person.title": "import_field_person_title",
    "person.department": "import_field_person_department",
    "person.email": "import_field_person_email",
    "person.phone": "import_field_person_phone",
    "person.notes": "import_field_person_notes",
    "deal.ext": "import_field_deal_ext",
    "deal.account_ext": "import_field_deal_account_ext",
    "deal.title": "import_field_deal_title",
    "deal.stage": "import_field_deal_stage",
    "deal.outcome": "import_field_deal_outcome",
    "deal.amount": "import_field_deal_amount",
    "deal.close_date": "import_field_deal_close_date",
    "deal.product": "import_field_deal_product",
    "role.ext": "import_field_role_ext",
    "role.person_ext": "import_field_role_person_ext",
    "role.deal_ext": "import_field_role_deal_ext",
    "role.role": "import_field_role_role",
    "notes": "import_field_notes",
    "ignore": "import_field_ignore",
}
