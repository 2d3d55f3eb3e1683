"""Which CRM wrote a spreadsheet, from its header row alone, and what each column means.

Salesforce reports (labels such as `Account Name`), Salesforce Data Loader files (API
names such as `BillingCity`, case varying), HubSpot and Pipedrive exports are taken
as they come. A column is mapped to a *field*: `account.name`, `person.email`,
`deal.amount`, ... (`FIELDS`); a column no rule knows is kept as a profile note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Every field a column can fill. `*.ext` is the record's id in the source system,
# `person.account_ext` / `deal.account_ext` the id of the account it belongs to.
FIELDS = (
    "account.ext", "account.name", "account.owner", "account.address", "account.phone",
    "account.email", "account.website", "account.industry", "account.notes",
    "account.relationship",
    "person.ext", "person.account_ext", "person.name", "person.first_name",
    "person.last_name", "person.title", "person.department", "person.email",
    "person.phone", "person.notes",
    "deal.ext", "deal.account_ext", "deal.title", "deal.stage", "deal.outcome",
    "deal.amount", "deal.close_date", "deal.product",
    "role.ext", "role.person_ext", "role.deal_ext", "role.role",
    "notes", "ignore",
)  # fmt: skip
DATE_FIELDS = frozenset({"deal.close_date"})
NUMBER_FIELDS = frozenset({"deal.amount"})


@dataclass(frozen=True)
class Source:
    """A recognised source: its name, the system its ids belong to, a field per column."""

    name: str
    system: str
    fields: tuple[str, ...]  # one per header; "notes" keeps the column as a profile note


def _key(header: str) -> str:
    return re.sub(r"\s+", " ", header.strip().lower())


_SALESFORCE_LABELS = {
    "account id": "account.ext",
    "account name": "account.name",
    "account owner": "account.owner",
    "billing street": "account.address",
    "billing city": "account.address",
    "billing state/province": "account.address",
    "billing zip/postal code": "account.address",
    "billing country": "account.address",
    "website": "account.website",
    "industry": "account.industry",
    "account description": "account.notes",
    "account phone": "account.phone",
    "contact id": "person.ext",
    "first name": "person.first_name",
    "last name": "person.last_name",
    "full name": "person.name",
    "contact name": "person.name",
    "contact: full name": "person.name",
    "title": "person.title",
    "department": "person.department",
    "email": "person.email",
    "phone": "person.phone",
    "mobile": "person.phone",
    "opportunity id": "deal.ext",
    "opportunity name": "deal.title",
    "stage": "deal.stage",
    "close date": "deal.close_date",
    "amount": "deal.amount",
    "product name": "deal.product",
    "contact role": "role.role",
    "role": "role.role",
    "opportunity owner": "ignore",
    "probability (%)": "ignore",
}
# Data Loader / API names: keys are lower case, as files vary (`BillingCity`, `billingcity`).
_SALESFORCE_API = {
    "name": "account.name",
    "ownerid": "notes",
    "billingstreet": "account.address",
    "billingcity": "account.address",
    "billingstate": "account.address",
    "billingpostalcode": "account.address",
    "billingcountry": "account.address",
    "website": "account.website",
    "industry": "account.industry",
    "description": "account.notes",
    "phone": "account.phone",
    "accountid": "account.ext",
    "firstname": "person.first_name",
    "lastname": "person.last_name",
    "title": "person.title",
    "department": "person.department",
    "email": "person.email",
    "mobilephone": "person.phone",
    "stagename": "deal.stage",
    "closedate": "deal.close_date",
    "amount": "deal.amount",
    "contactid": "role.person_ext",
    "opportunityid": "role.deal_ext",
    "role": "role.role",
}
_HUBSPOT = {
    "company name": "account.name",
    "company domain name": "account.website",
    "website url": "account.website",
    "associated company": "account.name",
    "company owner": "account.owner",
    "industry": "account.industry",
    "street address": "account.address",
    "city": "account.address",
    "state/region": "account.address",
    "postal code": "account.address",
    "country/region": "account.address",
    "lifecycle stage": "account.relationship",
    "first name": "person.first_name",
    "last name": "person.last_name",
    "job title": "person.title",
    "email": "person.email",
    "phone number": "person.phone",
    "mobile phone number": "person.phone",
    "buying role": "role.role",
    "deal name": "deal.title",
    "deal stage": "deal.stage",
    "amount": "deal.amount",
    "close date": "deal.close_date",
    "contact owner": "ignore",
    "deal owner": "ignore",
    "pipeline": "ignore",
    "create date": "ignore",
    "last activity date": "ignore",
}
_HUBSPOT_ONLY = {
    "record id", "company domain name", "phone number", "associated company",
    "deal stage", "lifecycle stage", "buying role", "deal name",
}  # fmt: skip
_PIPEDRIVE = {
    "organization - id": "account.ext",
    "organization - name": "account.name",
    "organization - address": "account.address",
    "organization - owner": "account.owner",
    "organization - website": "account.website",
    "organization - industry": "account.industry",
    "person - id": "person.ext",
    "person - name": "person.name",
    "person - first name": "person.first_name",
    "person - last name": "person.last_name",
    "person - email": "person.email",
    "person - phone": "person.phone",
    "person - job title": "person.title",
    "person - organization": "account.name",
    "deal - id": "deal.ext",
    "deal - title": "deal.title",
    "deal - value": "deal.amount",
    "deal - stage": "deal.stage",
    "deal - status": "deal.outcome",
    "deal - expected close date": "deal.close_date",
    "deal - organization": "account.name",
    "deal - contact person": "person.name",
    "deal - owner": "account.owner",
    "deal - product name": "deal.product",
}
_PIPEDRIVE_COLUMN = re.compile(r"(organization|person|deal|activity|product|lead|note) - .+")


def _fields(headers: Sequence[str], table: dict[str, str]) -> tuple[str, ...]:
    return tuple(table.get(_key(h), "notes") if h.strip() else "ignore" for h in headers)


def _salesforce_api(headers: Sequence[str]) -> Source | None:
    keys = [_key(h) for h in headers]
    known = sum(k in _SALESFORCE_API or k == "id" for k in keys)
    if "id" not in keys or known < 2:
        return None
    # `Id` and `Name` belong to the object the file exports, told by its other columns.
    if "opportunityid" in keys and "contactid" in keys:
        own = {"id": "role.ext"}
    elif "stagename" in keys or "closedate" in keys:
        own = {"id": "deal.ext", "name": "deal.title", "accountid": "deal.account_ext"}
    elif "firstname" in keys or "lastname" in keys:
        own = {"id": "person.ext", "accountid": "person.account_ext", "phone": "person.phone"}
    else:
        own = {"id": "account.ext"}
    return Source("salesforce-api", "salesforce", _fields(headers, {**_SALESFORCE_API, **own}))


def _hubspot(headers: Sequence[str]) -> Source | None:
    keys = {_key(h) for h in headers}
    if "record id" not in keys and len(keys & _HUBSPOT_ONLY) < 2:
        return None
    # `Record ID` is the id of the object exported: a deal, a contact or a company.
    if "deal name" in keys:
        own = "deal.ext"
    elif keys & {"first name", "last name", "email"}:
        own = "person.ext"
    else:
        own = "account.ext"
    table = {**_HUBSPOT, "record id": own}
    if own == "account.ext":
        table["phone number"] = "account.phone"
    return Source("hubspot", "hubspot", _fields(headers, table))


def _pipedrive(headers: Sequence[str]) -> Source | None:
    named = [_key(h) for h in headers if h.strip()]
    if not named or not all(_PIPEDRIVE_COLUMN.fullmatch(k) for k in named):
        return None
    return Source("pipedrive", "pipedrive", _fields(headers, _PIPEDRIVE))


def _salesforce_report(headers: Sequence[str]) -> Source | None:
    keys = [_key(h) for h in headers if h.strip()]
    known = sum(k in _SALESFORCE_LABELS for k in keys)
    if known < 2 or known * 2 < len(keys):
        return None
    return Source("salesforce", "salesforce", _fields(headers, _SALESFORCE_LABELS))


def recognised(headers: Sequence[str]) -> Source | None:
    """The source whose export has these headers, or None for a generic spreadsheet."""
    for rule in (_pipedrive, _hubspot, _salesforce_api, _salesforce_report):
        found = rule(headers)
        if found is not None:
            return found
    return None


# A report's totals line: its first cell names it, the others hold the sums.
_TOTALS = re.compile(r"(?:grand |sub)?totals?(?: \(\d[\d,.]* records?\))?", re.I)
# Lines with one cell only: the confidentiality and copyright notes.
_NOTICES = re.compile(r"confidential information.*|copyright \(c\).*|generated by .*", re.I)


def is_footer(cells: Sequence[str]) -> bool:
    """A report's closing line: "Grand Totals (12 records)" with its sums, or the
    confidentiality or copyright note alone on its line."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled:
        return False
    return bool(
        _TOTALS.fullmatch(filled[0]) or (len(filled) == 1 and _NOTICES.fullmatch(filled[0]))
    )


# --- values -------------------------------------------------------------------------

_WON = {"closed won", "closedwon", "won", "赢单", "成交"}
_LOST = {"closed lost", "closedlost", "lost", "输单", "丢单"}
# Stage names and HubSpot's internal ids, to the funnel level the method uses.
_FUNNEL = {
    "prospecting": "above", "appointmentscheduled": "above", "appointment scheduled": "above",
    "qualification": "above", "lead in": "above", "contact made": "above",
    "qualifiedtobuy": "in", "qualified to buy": "in", "needs analysis": "in",
    "value proposition": "in", "id. decision makers": "in", "presentationscheduled": "in",
    "presentation scheduled": "in", "demo scheduled": "in", "perception analysis": "in",
    "decisionmakerboughtin": "best_few", "decision maker bought-in": "best_few",
    "proposal/price quote": "best_few", "proposal made": "best_few",
    "contractsent": "best_few", "contract sent": "best_few",
    "negotiation/review": "best_few", "negotiations started": "best_few",
}  # fmt: skip


def stage_reading(stage: str) -> tuple[str, str]:
    """(outcome, funnel level) of a CRM stage name or internal stage id."""
    key = _key(stage)
    if key in _WON:
        return "won", "best_few"
    if key in _LOST:
        return "lost", "above"
    return "open", _FUNNEL.get(key, "above")


_ROLES = {
    "economic buyer": "economic_buyer", "economic decision maker": "economic_buyer",
    "decision maker": "economic_buyer", "decision_maker": "economic_buyer",
    "budget holder": "economic_buyer", "budget_holder": "economic_buyer",
    "executive sponsor": "economic_buyer", "executive_sponsor": "economic_buyer",
    "technical buyer": "technical_buyer", "evaluator": "technical_buyer",
    "legal & compliance": "technical_buyer", "legal_and_compliance": "technical_buyer",
    "influencer": "technical_buyer",
    "business user": "user_buyer", "end user": "user_buyer", "end_user": "user_buyer",
    "user buyer": "user_buyer", "champion": "coach", "coach": "coach",
}  # fmt: skip


def buying_role(text: str) -> str | None:
    """The buying-influence role a CRM contact role seeds, None when it names none."""
    return _ROLES.get(_key(text))


def relationship_of(lifecycle: str) -> str:
    """A HubSpot lifecycle stage as the account's relationship."""
    key = _key(lifecycle)
    if key in {"customer", "evangelist"}:
        return "existing"
    if key in {"former customer", "churned"}:
        return "dormant"
    return "target"
