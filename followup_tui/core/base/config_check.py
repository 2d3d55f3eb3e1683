"""Checking a user configuration against the shipped defaults, and the rules types cannot say.

The shipped defaults are also the schema: a user key that the defaults do not
have is unknown, and a user value must have the type of the default it replaces.
Every error names the file, the line and the dotted key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from followup_tui.core.base.config_yaml import Key, KeyLines, Loaded
from followup_tui.core.base.errors import ConfigError
from followup_tui.core.base.keymap import BadKey, parse_keys
from followup_tui.core.base.kinds import CLASSES
from followup_tui.core.base.text import whole_number

LANGUAGES = ("en", "zh")
# Sections whose keys are names the user may add to (a new class scheme, say);
# a new entry must have the shape of an existing one.
OPEN_SECTIONS = {("class_schemes",)}
# Sections whose entries the defaults cannot describe (binding ids): checked by their own rules.
FREE_SECTIONS = {("keymap",)}


def _type_name(value: Any) -> str:
    """A reader's name for a YAML value's type."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def _same_type(default: Any, value: Any) -> bool:
    """Whether a user value may replace a default value."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    if isinstance(default, int):
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(default, str) and isinstance(value, int | float):
        return False
    return isinstance(value, type(default))


def check_user(default: Any, value: Any, path: Key, user: Loaded) -> None:
    """Check a user value against the default it overrides, recursively."""
    dotted = ".".join(path)
    line = user.lines.get(path)
    if not _same_type(default, value):
        raise ConfigError(
            user.file,
            line,
            dotted,
            f"expected {_type_name(default)}, got {_type_name(value)} ({value!r})",
        )
    if isinstance(default, dict):
        if path in FREE_SECTIONS:
            return
        open_section = path in OPEN_SECTIONS
        for key, sub in value.items():
            if key in default:
                check_user(default[key], sub, (*path, key), user)
            elif open_section and default:
                check_user(next(iter(default.values())), sub, (*path, key), user)
            else:
                known = ", ".join(sorted(default)) or "none"
                raise ConfigError(
                    user.file,
                    user.lines.get((*path, key)),
                    ".".join((*path, key)),
                    f"unknown key (known keys here: {known})",
                )
    elif isinstance(default, list) and default:
        for i, item in enumerate(value):
            check_user(default[0], item, (*path, str(i)), user)


def merge(base: Any, over: Any) -> Any:
    """Deep-merge `over` onto `base`: mappings merge, anything else replaces."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    return over


def check_semantics(merged: dict[str, Any], where: KeyLines) -> None:
    """Checks that a type check alone cannot make."""

    def fail(path: Key, problem: str) -> None:
        file, line = where.get(path, ("config", None))
        raise ConfigError(file, line, ".".join(path), problem)

    if merged["language"] not in LANGUAGES:
        fail(("language",), f"must be one of {', '.join(LANGUAGES)}, got {merged['language']!r}")
    if merged["class_scheme"] not in merged["class_schemes"]:
        known = ", ".join(merged["class_schemes"])
        fail(
            ("class_scheme",), f"no class scheme named {merged['class_scheme']!r} (known: {known})"
        )
    for scheme, body in merged["class_schemes"].items():
        if sorted(body["classes"]) != list(CLASSES):
            fail(("class_schemes", scheme, "classes"), "must define exactly the classes A, B, C, D")
        for code, rule in body["classes"].items():
            lo_hi = rule["horizon_days"]
            if len(lo_hi) != 2 or lo_hi[0] > lo_hi[1] or lo_hi[0] < 0:
                fail(
                    ("class_schemes", scheme, "classes", code, "horizon_days"),
                    "must be [from, to] days with 0 <= from <= to",
                )
            if rule["cadence_days"] < 1:
                fail(
                    ("class_schemes", scheme, "classes", code, "cadence_days"), "must be at least 1"
                )
    if merged["cadence"]["retry_after_no_answer_days"] < 0:
        fail(("cadence", "retry_after_no_answer_days"), "must be 0 (no quick retry) or more")
    heat = merged["heat"]
    if not 0 <= heat["hot"] <= 100:
        fail(("heat", "hot"), "must be between 0 and 100")
    if not 0 <= heat["gain_taper_from"] < 100:
        fail(("heat", "gain_taper_from"), "must be from 0 to under 100")
    for code, value in heat["start"].items():
        if not 0 <= value <= 100:
            fail(("heat", "start", code), "must be between 0 and 100")
    if heat["was_hot_days"] < 1:
        fail(("heat", "was_hot_days"), "must be at least 1")
    for section in ("start", "cadence_loss", "threshold"):
        if sorted(heat[section]) != list(CLASSES):
            fail(("heat", section), "must give a value for each class A, B, C, D")
        for code, value in heat[section].items():
            if value < 0:
                fail(("heat", section, code), "must not be negative")
    _check_revival_and_season(merged["dormant"], merged["buying_season"], fail)
    _check_deal_review(merged["deal_review"], fail)
    _check_review(merged["review"], fail)
    _check_export(merged["export"], fail)
    if merged["backup"]["keep"] < 0:
        fail(("backup", "keep"), "must not be negative (0 turns the daily backup off)")
    for lang in LANGUAGES:
        if lang not in merged["vocabulary"]:
            fail(("vocabulary",), f"missing the '{lang}' vocabulary")


def _check_revival_and_season(
    dormant: dict[str, Any], season: dict[str, Any], fail: Callable[[Key, str], None]
) -> None:
    """Revival attempts come at least daily apart and never slower than `slowest_days`;
    the buying season opens before its must-reach mark."""
    for key in ("revival_days", "slowest_days"):
        if dormant[key] < 1:
            fail(("dormant", key), "must be at least 1")
    for key in ("slow_after_rejections", "slow_step_days"):
        if dormant[key] < 0:
            fail(("dormant", key), "must not be negative")
    if dormant["slowest_days"] < dormant["revival_days"]:
        fail(("dormant", "slowest_days"), "must be at least dormant.revival_days")
    if season["must_reach_days"] < 0:
        fail(("buying_season", "must_reach_days"), "must not be negative")
    if season["lead_days"] <= season["must_reach_days"]:
        fail(
            ("buying_season", "lead_days"),
            "must be more than buying_season.must_reach_days (the row shows before the mark)",
        )


def _check_deal_review(rules: dict[str, Any], fail: Callable[[Key, str], None]) -> None:
    """The deal review's thresholds: a share, ratings and positions on -5..+5, counts."""
    if not 0 <= rules["min_answered_percent"] <= 100:
        fail(("deal_review", "min_answered_percent"), "must be between 0 and 100")
    for key in (
        "not_first_below",
        "stand_in_at",
        "against_high_at",
        "against_high_influence_high_at",
        "against_medium_at",
        "against_high_influence_medium_at",
    ):
        if not -5 <= rules[key] <= 5:
            fail(("deal_review", key), "must be on the -5..+5 scale")
    for key in ("contender_high_mines", "stand_in_high_mines", "find_first"):
        if rules[key] < 1:
            fail(("deal_review", key), "must be at least 1")
    if rules["stand_in_at"] >= rules["not_first_below"]:
        fail(("deal_review", "stand_in_at"), "must be below not_first_below")
    if rules["stand_in_high_mines"] < rules["contender_high_mines"]:
        fail(("deal_review", "stand_in_high_mines"), "must be contender_high_mines or more")


def _check_review(rules: dict[str, Any], fail: Callable[[Key, str], None]) -> None:
    """The reviews' lines: weights are shares 0..1, days and counts at least 1."""
    for section in ("funnel_weight", "verdict_weight"):
        for key, value in rules[section].items():
            if not 0 <= value <= 1:
                fail(("review", section, key), "must be a share from 0 to 1")
    for key in ("stalled_days", "effort_days", "heat_fall_days", "heat_fall_rows", "tier_slots"):
        if rules[key] < 1:
            fail(("review", key), "must be at least 1")
    if rules["move_up_min_orders"] < 1:
        fail(("review", "move_up_min_orders"), "must be at least 1 (no orders never moves up)")
    if not 0 <= rules["move_up_min_reorder"] <= 1:
        fail(("review", "move_up_min_reorder"), "must be a share from 0 to 1")
    if not 0 < rules["goal_percent"] <= 100:
        fail(("review", "goal_percent"), "must be more than 0 and at most 100")
    if not 0 < rules["drop_fall_percent"] <= 100:
        fail(("review", "drop_fall_percent"), "must be more than 0 and at most 100")
    if not 0 <= rules["plan_tolerance_percent"] <= 100:
        fail(("review", "plan_tolerance_percent"), "must be from 0 to 100")
    if rules["match_days"] < 0:
        fail(("review", "match_days"), "must be 0 or more")


def _check_export(block: dict[str, Any], fail: Callable[[Key, str], None]) -> None:
    """The exports' settings: a calendar entry kind and a reminder time of day."""
    if block["calendar_entry"] not in ("todo", "event"):
        fail(("export", "calendar_entry"), "must be todo or event")
    hours, _, minutes = str(block["reminder_at"]).partition(":")
    if not (
        whole_number(hours) and whole_number(minutes) and int(hours) < 24 and int(minutes) < 60
    ):
        fail(("export", "reminder_at"), 'must be a time of day, e.g. "09:00"')


def check_keymap(merged: dict[str, Any], where: KeyLines) -> dict[str, str]:
    """The `keymap:` section, each binding's keys in Textual's form; an error names the key.

    Whether each binding id exists is for the UI to say (`config.check_keymap_ids`):
    the bindings live in the screens, which the core does not import.
    """
    keymap: dict[str, str] = {}
    for binding_id, keys in merged["keymap"].items():
        path = ("keymap", binding_id)
        file, line = where.get(path, ("config", None))
        # YAML reads `go.queue: 1` as a number: a digit key is still a key.
        if isinstance(keys, int) and not isinstance(keys, bool):
            keys = str(keys)
        if not isinstance(keys, str):
            raise ConfigError(file, line, ".".join(path), f"expected a key as text, got {keys!r}")
        try:
            keymap[binding_id] = parse_keys(keys)
        except BadKey as exc:
            raise ConfigError(file, line, ".".join(path), str(exc)) from None
    return keymap
