"""The demo's data files: shipped with the package, checked on load, heat from the core."""

from __future__ import annotations

import copy
import datetime as dt
import fnmatch
import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
import yaml

from followup_tui.core.accounts.classification import quadrant
from followup_tui.core.accounts.heat import heat_report
from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import ActivityRec
from followup_tui.demo import build_demo
from followup_tui.demo.load import DATA_FILES, DemoDataError, parse

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 22)


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _texts() -> dict[str, str]:
    root = resources.files("followup_tui.demo") / "data"
    return {name: (root / name).read_text(encoding="utf-8") for name in DATA_FILES}


def _shipped() -> dict[str, dict]:
    return {name: yaml.load(text, Loader=LOADER) for name, text in _texts().items()}


def _parse_edited(edit: Callable[[dict[str, dict]], None]) -> None:
    docs = copy.deepcopy(_shipped())
    edit(docs)
    parse(lambda name: yaml.dump(docs[name], Dumper=DUMPER, allow_unicode=True))


def test_the_shipped_data_parses() -> None:
    data = parse(_texts().__getitem__)
    assert len(data.accounts) == 30
    assert set(data.sheets) == set(data.deals)


def _set(path: tuple, value: object) -> Callable[[dict[str, dict]], None]:
    def edit(docs: dict[str, dict]) -> None:
        node: object = docs
        for part in path[:-1]:
            node = node[part]  # type: ignore[index]
        if value is KeyError:
            del node[path[-1]]  # type: ignore[attr-defined]
        else:
            node[path[-1]] = value  # type: ignore[index]

    return edit


@pytest.mark.parametrize(
    ("edit", "where", "problem"),
    [
        (
            _set(("accounts.yaml", "accounts", 3, "people"), "0124"),
            "accounts.yaml, key 'accounts[3].people'",
            "expected a list",
        ),
        (
            _set(("accounts.yaml", "accounts", 0, "name"), KeyError),
            "accounts.yaml, key 'accounts[0].name'",
            "missing",
        ),
        (
            _set(("accounts.yaml", "accounts", 1, "histroy"), "hot"),
            "accounts.yaml, key 'accounts[1].histroy'",
            "unknown key",
        ),
        (
            _set(("accounts.yaml", "accounts", 2, "history"), "lukewarm"),
            "accounts.yaml, key 'accounts[2].history'",
            "no history 'lukewarm'",
        ),
        (
            _set(("accounts.yaml", "accounts", 0, "relationship"), "friend"),
            "accounts.yaml, key 'accounts[0].relationship'",
            "'friend' is not one of",
        ),
        (
            _set(("people.yaml", "positions", 0, "level"), True),
            "people.yaml, key 'positions[0].level'",
            "expected int",
        ),
        (
            _set(("history.yaml", "histories", "hot", 0), [68, "Q"]),
            "history.yaml, key 'histories.hot[0]'",
            "expected [days ago",
        ),
        (
            _set(("deals.yaml", "deals", 0, "account"), "nobody"),
            "deals.yaml, key 'deals[0].account'",
            "no account 'nobody'",
        ),
        (
            _set(("sheets.yaml", "sheets", "northwind", "bullets", 0, "influence"), 9),
            "sheets.yaml, key 'sheets.northwind.bullets[0].influence'",
            "index 9 is out of range",
        ),
        (
            _set(("sheets.yaml", "sheets", "northwind", "signals"), "ggx"),
            "sheets.yaml, key 'sheets.northwind.signals'",
            "letters",
        ),
    ],
)
def test_bad_data_names_file_and_key(
    edit: Callable[[dict[str, dict]], None], where: str, problem: str
) -> None:
    with pytest.raises(DemoDataError) as caught:
        _parse_edited(edit)
    message = str(caught.value)
    assert message.startswith(f"demo data error in {where}: "), message
    assert problem in message


def test_broken_yaml_names_the_file() -> None:
    texts = dict(_texts())
    texts["deals.yaml"] += "\n  - [unclosed\n"
    with pytest.raises(DemoDataError, match=r"in deals\.yaml.*not valid YAML"):
        parse(texts.__getitem__)


def test_data_files_are_package_data() -> None:
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "followup_tui.demo" in tool["packages"]
    patterns = tool["package-data"]["followup_tui.demo"]
    for name in (*DATA_FILES, "plans.yaml"):
        assert (ROOT / "followup_tui" / "demo" / "data" / name).is_file()
        assert any(fnmatch.fnmatch(f"data/{name}", p) for p in patterns), name


def test_cached_heat_is_the_cores_replay(settings: Settings) -> None:
    doc = build_demo(TODAY)
    history: dict[int, list[ActivityRec]] = {}
    for act in doc["activities"]:
        on = dt.date.fromisoformat(act["occurred_at"][:10])
        rec = ActivityRec(act["id"], act["account_id"], on, act["kind"], act["outcome"])
        history.setdefault(act["account_id"], []).append(rec)
    for account in doc["accounts"]:
        klass = quadrant(account["willingness"], account["need"])
        value = heat_report(history.get(account["id"], []), TODAY, klass, settings).value
        # The document keeps cached heat between 5 and 95, rounded to a tenth.
        assert account["heat"] == round(min(95.0, max(5.0, value)), 1), account["name"]
