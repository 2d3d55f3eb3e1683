"""The demo's data files (`data/*.yaml`), read from the installed package and checked.

Every record is checked against a small field list: a missing or misspelled key,
a value of the wrong type or outside its choices, or a reference to something that
is not there (an account's history, a person's index) raises `DemoDataError`
naming the file and the key, so an edit to the data fails where it was made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NoReturn

import yaml

from followup_tui.core.base.errors import FollowupError
from followup_tui.demo.schema import (
    ACCOUNT,
    DEAL,
    HISTORY,
    LANGS,
    PEOPLE,
    REQUIRED,
    SHEET,
    SHEETS,
    SIGNAL_IDS,
    SIGNAL_LETTERS,
    STEP,
    Many,
    Spec,
)

Row = dict[str, Any]

# libyaml's parser when PyYAML has it: several times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA_FILES = ("accounts.yaml", "people.yaml", "history.yaml", "deals.yaml", "sheets.yaml")


class DemoDataError(FollowupError):
    """A demo data file that does not hold what the builder needs, located by file and key."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"demo data error in {file}, key '{key}': {problem}")
        self.file = file
        self.key = key


def _kind_name(kind: Any) -> str:
    """A field kind as people read it in an error."""
    if isinstance(kind, tuple):
        return "one of " + ", ".join(repr(k) for k in kind)
    if isinstance(kind, Mapping):
        return "a mapping"
    return getattr(kind, "__name__", str(kind)).replace("NoneType", "nothing")


@dataclass(frozen=True)
class _At:
    """Where a value sits: its file and key path, to name in errors."""

    file: str
    key: str

    def __truediv__(self, part: str | int) -> _At:
        """The place of a key or list index below this one."""
        if isinstance(part, int):
            return _At(self.file, f"{self.key}[{part}]")
        return _At(self.file, f"{self.key}.{part}" if self.key else part)

    def fail(self, problem: str) -> NoReturn:
        """Raise the error for this place."""
        raise DemoDataError(self.file, self.key or "(top)", problem)


def _check(value: Any, kind: Any, at: _At) -> Any:
    """The value, checked against its kind (nested mappings and lists included)."""
    if isinstance(kind, Mapping):
        return record(value, kind, at)
    if isinstance(kind, tuple):
        if value not in kind:
            at.fail(f"{value!r} is not {_kind_name(kind)}")
        return value
    if isinstance(kind, Many):
        if not isinstance(value, list):
            at.fail(f"expected a list, got {value!r}")
        return [_check(v, kind.item, at / i) for i, v in enumerate(value)]
    allowed = getattr(kind, "__args__", (kind,))  # `int | None` and the like
    # bool is an int to Python; `yes` for a number is a slip worth catching.
    if not any(type(value) is k or (k is float and type(value) is int) for k in allowed):
        at.fail(f"expected {_kind_name(kind)}, got {value!r}")
    return value


def record(value: Any, spec: Spec, at: _At) -> Row:
    """A mapping checked against its fields: defaults filled in, unknown keys refused."""
    if not isinstance(value, dict):
        at.fail(f"expected a mapping, got {value!r}")
    unknown = [k for k in value if k not in spec]
    if unknown:
        (at / str(unknown[0])).fail(f"unknown key (expected one of {', '.join(spec)})")
    out: Row = {}
    for key, (kind, default) in spec.items():
        if key in value and not (value[key] is None and default is None):
            out[key] = _check(value[key], kind, at / key)
        elif key in value:
            out[key] = None  # an explicit null where the default is none
        elif default is REQUIRED:
            (at / key).fail("missing")
        else:
            out[key] = default() if callable(default) else default
    return out


def _table(value: Any, kind: Any, at: _At) -> dict[str, Any]:
    """A mapping from names to values of one kind (histories, sheets by account)."""
    if not isinstance(value, dict):
        at.fail(f"expected a mapping, got {value!r}")
    return {str(k): _check(v, kind, at / str(k)) for k, v in value.items()}


@dataclass(frozen=True)
class DemoData:
    """Everything the builder reads, checked: one dict per file, plus the tables by name."""

    accounts: list[Row]
    people: Row  # positions, names
    history: Row  # steps, histories, notes, commitments, done_purposes, purchase_products
    deals: dict[str, Row]  # by account key
    sheets: dict[str, Row]  # by account key
    role_evidence: Row  # by language, then role


def parse(read: Callable[[str], str]) -> DemoData:
    """Parse and check the data files; `read(name)` gives a file's text."""
    docs = {}
    for name in DATA_FILES:
        try:
            docs[name] = yaml.load(read(name), Loader=_LOADER)
        except yaml.YAMLError as exc:
            raise DemoDataError(name, "(top)", f"not valid YAML: {exc}") from None
    at = {name: _At(name, "") for name in DATA_FILES}
    accounts_doc = record(
        docs["accounts.yaml"], {"accounts": (Many(ACCOUNT), REQUIRED)}, at["accounts.yaml"]
    )
    people = record(docs["people.yaml"], PEOPLE, at["people.yaml"])
    history = record(docs["history.yaml"], HISTORY, at["history.yaml"])
    history["steps"] = _table(history["steps"], STEP, at["history.yaml"] / "steps")
    deals_doc = record(docs["deals.yaml"], {"deals": (Many(DEAL), REQUIRED)}, at["deals.yaml"])
    sheets_doc = record(docs["sheets.yaml"], SHEETS, at["sheets.yaml"])
    sheets = _table(sheets_doc["sheets"], SHEET, at["sheets.yaml"] / "sheets")
    accounts = accounts_doc["accounts"]
    _check_people(people, at["people.yaml"])
    _check_histories(history, at["history.yaml"] / "histories")
    _check_accounts(accounts, people, history, at["accounts.yaml"] / "accounts")
    by_key = {a["key"]: a for a in accounts}
    deals: dict[str, Row] = {}
    for i, deal in enumerate(deals_doc["deals"]):
        where = at["deals.yaml"] / "deals" / i / "account"
        if deal["account"] not in by_key:
            where.fail(f"no account {deal['account']!r} in accounts.yaml")
        if deal["account"] in deals:
            where.fail(f"a second deal for {deal['account']!r}; the demo has one per account")
        deals[deal["account"]] = deal
    for key, sheet in sheets.items():
        where = at["sheets.yaml"] / "sheets" / key
        if key not in deals:
            where.fail(f"no deal of account {key!r} in deals.yaml")
        _check_sheet(sheet, len(by_key[key]["people"]), where)
    for key in deals.keys() - sheets.keys():  # a deal without a sheet has an empty one
        sheets[key] = record({}, SHEET, at["sheets.yaml"] / "sheets" / key)
    return DemoData(accounts, people, history, deals, sheets, sheets_doc["role_evidence"])


def _check_people(people: Row, at: _At) -> None:
    """Call windows and names come in pairs."""
    for i, position in enumerate(people["positions"]):
        if len(position["call_window"]) != 2:
            (at / "positions" / i / "call_window").fail("expected [start, end]")
    for i, name in enumerate(people["names"]["zh"]):
        if len(name) != 2:
            (at / "names" / "zh" / i).fail("expected [name, email name]")


def _check_histories(history: Row, at: _At) -> None:
    """Each history: [days ago, step letter] pairs, letters from `steps`."""
    steps = history["steps"]
    checked = {}
    for name, pairs in _table(history["histories"], Many(list), at).items():
        for i, pair in enumerate(pairs):
            if len(pair) != 2 or type(pair[0]) is not int or pair[1] not in steps:
                (at / name / i).fail(
                    f"expected [days ago, one of {', '.join(steps)}], got {pair!r}"
                )
        checked[name] = [tuple(p) for p in pairs]
    history["histories"] = checked


def _check_accounts(accounts: list[Row], people: Row, history: Row, at: _At) -> None:
    """Keys are unique, histories and people exist, and there are names enough for all."""
    seen: set[str] = set()
    wanted = dict.fromkeys(LANGS, 0)
    n_positions = len(people["positions"])
    for i, acct in enumerate(accounts):
        where = at / i
        if acct["key"] in seen:
            (where / "key").fail(f"{acct['key']!r} is used twice")
        seen.add(acct["key"])
        if acct["history"] not in history["histories"]:
            (where / "history").fail(f"no history {acct['history']!r} in history.yaml")
        for n, pos in enumerate(acct["people"]):
            if not 0 <= pos < n_positions:
                (where / "people" / n).fail(f"no position {pos} in people.yaml")
        if not -1 <= acct["coach"] < len(acct["people"]):
            (where / "coach").fail("expected an index into people, or -1 for none")
        wanted[acct["lang"]] += len(acct["people"])
    for lang, n in wanted.items():
        if len(people["names"][lang]) < n:
            _At("people.yaml", f"names.{lang}").fail(
                f"{n} people need names, only {len(people['names'][lang])} given"
            )


def _check_sheet(sheet: Row, n_people: int, at: _At) -> None:
    """Indexes point into the lists they name; signals are letters of SIGNAL_LETTERS."""
    sizes = {
        "person": n_people,
        "influence": len(sheet["influences"]),
        "bullet": len(sheet["bullets"]),
        "landmine": len(sheet["landmines"]),
    }
    for part in ("influences", "bullets", "landmines", "actions"):
        for i, row in enumerate(sheet[part]):
            for key, size in sizes.items():
                index = row.get(key)
                if index is not None and not 0 <= index < size:
                    (at / part / i / key).fail(f"index {index} is out of range (0-{size - 1})")
    signals = sheet["signals"]
    if len(signals) > len(SIGNAL_IDS) or set(signals) - set(SIGNAL_LETTERS):
        (at / "signals").fail(
            f"expected up to {len(SIGNAL_IDS)} of the letters "
            f"{''.join(SIGNAL_LETTERS)}, got {signals!r}"
        )


@cache
def demo_data() -> DemoData:
    """The shipped data files, read once (from the installed package, wheel or not)."""
    root = resources.files("followup_tui.demo") / "data"
    return parse(lambda name: (root / name).read_text(encoding="utf-8"))
