"""Configuration: shipped YAML defaults, a user file merged on top, validated once.

The shipped defaults are also the schema: a user key that the defaults do not
have is unknown, and a user value must have the type of the default it replaces.
Every error names the file, the line and the dotted key.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import followup_tui.defaults
from followup_tui.core.base.errors import ConfigError
from followup_tui.core.base.vocabulary import prefixed

DEFAULT_FILES = (
    "settings.yaml",
    "classes.yaml",
    "blue_sheet.yaml",
    "script.yaml",
    "vocabulary.yaml",
)
LANGUAGES = ("en", "zh")
CLASSES = ("A", "B", "C", "D")
# Sections whose keys are names the user may add to (a new class scheme, say);
# a new entry must have the shape of an existing one.
OPEN_SECTIONS = {("class_schemes",)}

Key = tuple[str, ...]
# Bump when what `_shipped` returns changes shape: older cache files are then ignored.
CACHE_FORMAT = 1
CACHE_FILE = "shipped-defaults.marshal"


@dataclass(frozen=True)
class _Loaded:
    """A parsed YAML file: its data and the line of every key path."""

    data: dict[str, Any]
    lines: dict[Key, int]
    file: str


def _compose(text: str, file: str) -> _Loaded:
    """Parse YAML keeping each key's line; duplicate keys are errors."""
    # Imported here: with the shipped defaults cached and no user file, start-up needs no YAML.
    import yaml

    # libyaml's parser when present: start-up reads five YAML files, six times faster this way.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(file, line, "", f"invalid YAML: {problem}") from None
    if node is None:
        return _Loaded({}, {}, file)
    lines: dict[Key, int] = {}
    constructor = yaml.SafeLoader("")

    def build(n: yaml.Node, path: Key) -> Any:
        lines.setdefault(path, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            out: dict[str, Any] = {}
            for knode, vnode in n.value:
                key = str(constructor.construct_object(knode, deep=True))
                if key in out:
                    raise ConfigError(
                        file, knode.start_mark.line + 1, ".".join((*path, key)), "duplicate key"
                    )
                lines[(*path, key)] = knode.start_mark.line + 1
                out[key] = build(vnode, (*path, key))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(item, (*path, str(i))) for i, item in enumerate(n.value)]
        return constructor.construct_object(n, deep=True)

    data = build(node, ())
    if not isinstance(data, dict):
        raise ConfigError(file, 1, "", "the top level must be a mapping of keys")
    return _Loaded(data, lines, file)


def _type_name(value: Any) -> str:
    """A reader's name for a YAML value's type."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
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


def _check(default: Any, value: Any, path: Key, user: _Loaded) -> None:
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
        open_section = path in OPEN_SECTIONS
        for key, sub in value.items():
            if key in default:
                _check(default[key], sub, (*path, key), user)
            elif open_section and default:
                _check(next(iter(default.values())), sub, (*path, key), user)
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
            _check(default[0], item, (*path, str(i)), user)


def _merge(base: Any, over: Any) -> Any:
    """Deep-merge `over` onto `base`: mappings merge, anything else replaces."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    return over


def _freeze(value: Any) -> Any:
    """A read-only deep copy, so settings cannot drift after validation."""
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class ClassRule:
    """One quadrant class in the scheme in use."""

    code: str
    horizon_days: tuple[int, int]
    horizon: str
    cadence_days: int
    tactic: str


@dataclass(frozen=True)
class HeatParams:
    """How heat rises with contact and decays with idle days."""

    start: float
    hot: float
    cooling_window_days: int
    outcome_gain: Mapping[str, float]
    decay_per_day: Mapping[str, float]
    threshold: Mapping[str, float]


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
    dormant_revival_days: int
    buying_season_lead_days: int
    evidence_stale_days: int
    new_player_days: int
    data: Mapping[str, Any]
    sources: tuple[str, ...]
    # words(prefix) by prefix: the deal list asks for the sheet's tables once per row.
    _tables: dict[str, Mapping[str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def text(self, entry: Any) -> str:
        """The text of a bilingual {en, zh} entry in the configured language."""
        if isinstance(entry, Mapping):
            return str(entry.get(self.language) or entry.get("en") or "")
        return str(entry)

    def label(self, section: str, key: str | None) -> str:
        """The display word for a key of a vocabulary section ('roles', 'outcomes', ...)."""
        if key is None:
            return ""
        entry = self.data.get(section, {}).get(str(key))
        return self.text(entry) if entry is not None else str(key)

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


def _read_defaults() -> Iterator[_Loaded]:
    """The shipped default files, parsed."""
    from importlib import resources

    root = resources.files("followup_tui.defaults")
    for name in DEFAULT_FILES:
        yield _compose(root.joinpath(name).read_text(encoding="utf-8"), f"config/{name}")


# The shipped defaults merged: the tree, where each key came from, the files read.
Shipped = tuple[dict[str, Any], dict[Key, tuple[str, int | None]], list[str]]


def _parse_shipped() -> Shipped:
    """Parse the shipped default files and merge them, noting each key's file and line."""
    merged: dict[str, Any] = {}
    where: dict[Key, tuple[str, int | None]] = {}
    sources: list[str] = []
    for loaded in _read_defaults():
        merged.update(loaded.data)
        where.update({k: (loaded.file, v) for k, v in loaded.lines.items()})
        sources.append(loaded.file)
    return merged, where, sources


def _shipped_stamp() -> tuple[Any, ...]:
    """What the cached defaults must have been made from: the shipped files and this parser.

    Size and modification time of each (as Python's own bytecode cache does), the
    format and the interpreter. Raises OSError when the files are not plain files
    (a zipped install): then nothing is cached.
    """
    folder = Path(next(iter(followup_tui.defaults.__path__)))
    files = [folder / name for name in DEFAULT_FILES] + [Path(__file__)]
    stats = [os.stat(path) for path in files]
    return (
        CACHE_FORMAT,
        sys.implementation.cache_tag,
        str(folder),
        tuple((s.st_size, s.st_mtime_ns) for s in stats),
    )


def _read_cache(path: Path, stamp: tuple[Any, ...]) -> Shipped | None:
    """The cached shipped defaults if the cache file is there, readable and current."""
    try:
        found = marshal.loads(path.read_bytes())
    except Exception:  # missing, unreadable, truncated or garbage: parse the files instead
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == stamp):
        return None
    shipped = found[1]
    if not (
        isinstance(shipped, tuple)
        and len(shipped) == 3
        and isinstance(shipped[0], dict)
        and isinstance(shipped[1], dict)
        and isinstance(shipped[2], list)
    ):
        return None
    return shipped[0], shipped[1], shipped[2]


def _write_cache(path: Path, stamp: tuple[Any, ...], shipped: Shipped) -> None:
    """Keep the parsed defaults for the next start; any failure only means no cache."""
    try:
        data = marshal.dumps((stamp, shipped))
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed over: a reader never sees half a file.
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            partial.write_bytes(data)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


# The shipped vocabulary as last read, for the core rules given only a language: the app
# reads it from the cache at start, so they never parse the YAML again.
_shipped_vocabulary: dict[str, Any] | None = None


def shipped_vocabulary() -> dict[str, Any]:
    """The shipped `vocabulary` section ({language: {key: text}}), without any user file."""
    global _shipped_vocabulary
    if _shipped_vocabulary is None:
        _shipped_vocabulary = _shipped(None)[0]["vocabulary"]
    return _shipped_vocabulary


def _shipped(cache_dir: Path | None) -> Shipped:
    """The shipped defaults, parsed; from `cache_dir` when it holds them for these files.

    Parsing the five files with PyYAML (and importing it) is a tenth of followup's
    start-up; the cache is marshal, read in well under a millisecond.
    """
    if cache_dir is None:
        return _parse_shipped()
    path = cache_dir / CACHE_FILE
    try:
        stamp = _shipped_stamp()
    except OSError:
        return _parse_shipped()
    cached = _read_cache(path, stamp)
    if cached is not None:
        return cached
    shipped = _parse_shipped()
    _write_cache(path, stamp, shipped)
    return shipped


def _semantic(merged: dict[str, Any], where: dict[Key, tuple[str, int | None]]) -> None:
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
    heat = merged["heat"]
    for key in ("start", "hot"):
        if not 0 <= heat[key] <= 100:
            fail(("heat", key), "must be between 0 and 100")
    for section in ("decay_per_day", "threshold"):
        if sorted(heat[section]) != list(CLASSES):
            fail(("heat", section), "must give a value for each class A, B, C, D")
        for code, value in heat[section].items():
            if value < 0:
                fail(("heat", section, code), "must not be negative")
    for lang in LANGUAGES:
        if lang not in merged["vocabulary"]:
            fail(("vocabulary",), f"missing the '{lang}' vocabulary")


def load_settings(
    user_file: Path | None, *, required: bool = False, cache_dir: Path | None = None
) -> Settings:
    """Load the defaults, merge the user file (if any) on top, validate, and freeze.

    `required` makes a missing user file an error (it was named with --config).
    `cache_dir`: where the parsed shipped defaults are kept between runs (None: parse
    them every time). The user file is always read and checked afresh.
    """
    global _shipped_vocabulary
    merged, where, sources = _shipped(cache_dir)
    _shipped_vocabulary = merged["vocabulary"]
    if user_file is not None:
        if user_file.is_file():
            try:
                text = user_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(str(user_file), None, "", f"cannot read: {exc}") from None
            user = _compose(text, str(user_file))
            _check(merged, user.data, (), user)
            merged = _merge(merged, user.data)
            where.update({k: (user.file, v) for k, v in user.lines.items()})
            sources.append(user.file)
        elif required:
            raise ConfigError(str(user_file), None, "", "no such file")
    _semantic(merged, where)
    return _build(merged, tuple(sources))


def _build(merged: dict[str, Any], sources: tuple[str, ...]) -> Settings:
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
        float(h["start"]),
        float(h["hot"]),
        int(h["cooling_window_days"]),
        MappingProxyType({k: float(v) for k, v in h["outcome_gain"].items()}),
        MappingProxyType({k: float(v) for k, v in h["decay_per_day"].items()}),
        MappingProxyType({k: float(v) for k, v in h["threshold"].items()}),
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
        dormant_revival_days=int(merged["dormant"]["revival_days"]),
        buying_season_lead_days=int(merged["buying_season"]["lead_days"]),
        evidence_stale_days=int(merged["evidence"]["stale_days"]),
        new_player_days=int(merged["new_player_days"]),
        data=_freeze(merged),
        sources=sources,
    )
