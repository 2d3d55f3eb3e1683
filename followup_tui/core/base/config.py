"""Configuration: shipped YAML defaults, a user file merged on top, validated once.

Reading the files (`config_yaml`), keeping the parsed defaults between runs
(`config_cache`) and checking a user file against them (`config_check`) live
beside this module; here are the typed settings every layer uses and their loading.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from followup_tui.core.base.config_cache import shipped
from followup_tui.core.base.config_check import check_keymap, check_semantics, check_user, merge
from followup_tui.core.base.config_yaml import KeyLines, compose
from followup_tui.core.base.errors import ConfigError
from followup_tui.core.base.keymap import BadKey, parse_keys
from followup_tui.core.base.vocabulary import prefixed, remember_shipped


def _freeze(value: Any) -> Any:
    """A read-only deep copy, so settings cannot drift after validation."""
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


class ClassRule(NamedTuple):
    """One quadrant class in the scheme in use.

    This and the two below are named tuples: made on every start, where a frozen
    dataclass's generated methods cost a millisecond each to make.
    """

    code: str
    horizon_days: tuple[int, int]
    horizon: str
    cadence_days: int
    tactic: str


class HeatParams(NamedTuple):
    """How heat rises with contact and decays with idle days."""

    start: Mapping[str, float]  # by class: heat before any contact
    hot: float
    cooling_window_days: int
    outcome_gain: Mapping[str, float]
    # By class: `cadence_loss` over the class's cadence in the scheme in use, so the
    # rhythm a scheme sets is the one that keeps its accounts warm.
    decay_per_day: Mapping[str, float]
    threshold: Mapping[str, float]
    was_hot_days: int = 30
    gain_taper_from: float = 50.0
    trend_days: int = 7  # the trend compares today with this many days ago


class RevivalParams(NamedTuple):
    """How often a dormant account is tried again (`dormant:` in settings.yaml)."""

    every_days: int  # between attempts, up to `slow_after_rejections` rejections
    slow_after_rejections: int
    slow_step_days: int  # added per rejection past that
    slowest_days: int  # the longest wait between attempts: never dropped


@dataclass(frozen=True)
class Settings:
    """The validated, merged configuration; `data` holds the whole tree read-only."""

    language: str
    theme: str
    rep_name: str
    rep_company: str
    currency: str
    class_scheme: str
    classes: Mapping[str, ClassRule]
    heat: HeatParams
    revival: RevivalParams
    buying_season_lead_days: int  # the season's row shows this long before the purchase
    buying_season_must_reach_days: int  # contacted by this long before it, or overdue
    evidence_stale_days: int
    new_player_days: int
    data: Mapping[str, Any]
    sources: tuple[str, ...]
    # words(prefix) by prefix: the deal list asks for the sheet's tables once per row.
    _tables: dict[str, Mapping[str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # label(section, key) by both: the pipeline words thousands of sheets' roles and fits.
    _labels: dict[tuple[str, str], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Binding id -> its keys as the user remapped them, in Textual's form."""
    keymap_where: Mapping[str, tuple[str, int | None]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    """Binding id -> the file and line of its `keymap:` entry, for error messages."""

    def text(self, entry: Any) -> str:
        """The text of a bilingual {en, zh} entry in the configured language."""
        if isinstance(entry, Mapping):
            return str(entry.get(self.language) or entry.get("en") or "")
        return str(entry)

    def label(self, section: str, key: str | None) -> str:
        """The display word for a key of a vocabulary section ('roles', 'outcomes', ...)."""
        if key is None:
            return ""
        said = self._labels.get((section, str(key)))
        if said is None:
            entry = self.data.get(section, {}).get(str(key))
            said = self.text(entry) if entry is not None else str(key)
            self._labels[section, str(key)] = said
        return said

    def choices(self, section: str) -> list[tuple[str, str]]:
        """(key, label) pairs of a vocabulary section, in file order."""
        return [(key, self.text(entry)) for key, entry in self.data.get(section, {}).items()]

    def word(self, key: str) -> str:
        """A screen word from the vocabulary in the configured language."""
        vocab = self.data["vocabulary"]
        return str(vocab[self.language].get(key) or vocab["en"].get(key) or key)

    def words(self, prefix: str) -> Mapping[str, str]:
        """The screen words whose keys start with `prefix`, keyed without it (a table's words)."""
        table = self._tables.get(prefix)
        if table is None:
            table = MappingProxyType(prefixed(self.data["vocabulary"], self.language, prefix))
            self._tables[prefix] = table
        return table

    def keys(self, section: str) -> tuple[str, ...]:
        """The keys of a vocabulary section, for validation of stored values."""
        return tuple(self.data.get(section, {}))


def load_settings(
    user_file: Path | None, *, required: bool = False, cache_dir: Path | None = None
) -> Settings:
    """Load the defaults, merge the user file (if any) on top, validate, and freeze.

    `required` makes a missing user file an error (it was named with --config).
    `cache_dir`: where the parsed shipped defaults are kept between runs (None: parse
    them every time). The user file is always read and checked afresh.
    """
    merged, where, sources = shipped(cache_dir)
    remember_shipped(merged["vocabulary"])
    if user_file is not None:
        if user_file.is_file():
            try:
                text = user_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(str(user_file), None, "", f"cannot read: {exc}") from None
            user = compose(text, str(user_file))
            check_user(merged, user.data, (), user)
            merged = merge(merged, user.data)
            where.update({k: (user.file, v) for k, v in user.lines.items()})
            sources.append(user.file)
        elif required:
            raise ConfigError(str(user_file), None, "", "no such file")
    check_semantics(merged, where)
    keymap = check_keymap(merged, where)
    return _build(merged, tuple(sources), keymap, where)


def _build(
    merged: dict[str, Any],
    sources: tuple[str, ...],
    keymap: dict[str, str],
    where: KeyLines,
) -> Settings:
    """Turn the validated tree into typed, frozen settings."""
    lang = merged["language"]

    def pick(entry: Mapping[str, str]) -> str:
        return str(entry.get(lang) or entry.get("en") or "")

    scheme = merged["class_schemes"][merged["class_scheme"]]["classes"]
    classes = {
        code: ClassRule(
            code,
            (int(r["horizon_days"][0]), int(r["horizon_days"][1])),
            pick(r["horizon"]),
            int(r["cadence_days"]),
            pick(r["tactic"]),
        )
        for code, r in sorted(scheme.items())
    }
    h = merged["heat"]
    heat = HeatParams(
        MappingProxyType({k: float(v) for k, v in h["start"].items()}),
        float(h["hot"]),
        int(h["cooling_window_days"]),
        MappingProxyType({k: float(v) for k, v in h["outcome_gain"].items()}),
        MappingProxyType(
            {k: float(v) / classes[k].cadence_days for k, v in h["cadence_loss"].items()}
        ),
        MappingProxyType({k: float(v) for k, v in h["threshold"].items()}),
        int(h["was_hot_days"]),
        float(h["gain_taper_from"]),
        int(h["trend_days"]),
    )
    return Settings(
        language=lang,
        theme=str(merged["theme"]),
        rep_name=str(merged["rep"]["name"]),
        rep_company=str(merged["rep"]["company"]),
        currency=str(merged["currency"]),
        class_scheme=str(merged["class_scheme"]),
        classes=MappingProxyType(classes),
        heat=heat,
        revival=RevivalParams(
            int(merged["dormant"]["revival_days"]),
            int(merged["dormant"]["slow_after_rejections"]),
            int(merged["dormant"]["slow_step_days"]),
            int(merged["dormant"]["slowest_days"]),
        ),
        buying_season_lead_days=int(merged["buying_season"]["lead_days"]),
        buying_season_must_reach_days=int(merged["buying_season"]["must_reach_days"]),
        evidence_stale_days=int(merged["evidence"]["stale_days"]),
        new_player_days=int(merged["new_player_days"]),
        data=_freeze(merged),
        sources=sources,
        keymap=MappingProxyType(keymap),
        keymap_where=MappingProxyType(
            {b: where.get(("keymap", b), ("config", None)) for b in keymap}
        ),
    )


def check_keymap_ids(settings: Settings, known: Collection[str]) -> None:
    """Stop with the file, line and key of the first remapped binding id no binding has.

    The UI gives `known`: the bindings are declared in the screens, which the core
    does not import.
    """
    import difflib

    for binding_id in settings.keymap:
        if binding_id in known:
            continue
        file, line = settings.keymap_where.get(binding_id, ("config", None))
        close = difflib.get_close_matches(binding_id, sorted(known), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ConfigError(
            file,
            line,
            f"keymap.{binding_id}",
            f"no key binding has this id ({hint}`followup keys` lists them all)",
        )


def check_keymap_clashes(settings: Settings, defaults: Mapping[str, str]) -> None:
    """Stop with the file, line and key of a remapped key another binding on its screen has.

    Bindings whose ids share their first part ('queue.done', 'queue.snooze') are on
    one screen: Textual would run only one of two bindings on one key, and the other
    would be silently out of reach. Bindings that share a key by design (archive and
    restore, shown one at a time) are left as they are. `defaults`: binding id -> its
    declared keys, which the UI gives.
    """

    def keys_of(text: str) -> set[str]:
        try:
            return set(parse_keys(text).split(","))
        except BadKey:
            return set(text.split(","))

    declared = {bid: keys_of(key) for bid, key in defaults.items()}
    for bid, remapped in settings.keymap.items():
        scope = bid.split(".")[0]
        mine = set(remapped.split(","))
        for other, keys in sorted(declared.items()):
            if other == bid or other.split(".")[0] != scope:
                continue
            if declared.get(bid, set()) & keys:
                continue  # they share a key by design
            theirs = set(settings.keymap[other].split(",")) if other in settings.keymap else keys
            shared = sorted(mine & theirs)
            if shared:
                file, line = settings.keymap_where.get(bid, ("config", None))
                raise ConfigError(
                    file,
                    line,
                    f"keymap.{bid}",
                    f"{shared[0]!r} is already the key of {other} on the same screen: "
                    f"give one of them another key",
                )
