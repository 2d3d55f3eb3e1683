"""Reading a configuration YAML file while keeping the line of every key.

Every configuration error names the file, the line and the dotted key: the
parser here remembers where each key was written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from followup_tui.core.base.errors import ConfigError

Key = tuple[str, ...]
# A key's file and line (None: no line known).
Where = tuple[str, int | None]


class KeyLines:
    """Where each key of the merged settings was written, to place a configuration error.

    The shipped files' lines come from `load_shipped` the first time a key not
    in the user file is looked up. Most runs look none up (the lines only place
    an error or a keymap entry), and reading them is a third of reading the
    cached defaults. The user file's lines, added with `update`, come first.
    """

    def __init__(self, load_shipped: Callable[[], Mapping[Key, Where]]) -> None:
        self._load_shipped = load_shipped
        self._shipped: Mapping[Key, Where] | None = None
        self._user: dict[Key, Where] = {}

    def get(self, key: Key, default: Where) -> Where:
        """The file and line `key` was written on; `default` when none is known."""
        found = self._user.get(key)
        if found is not None:
            return found
        if self._shipped is None:
            self._shipped = self._load_shipped()
        return self._shipped.get(key, default)

    def update(self, lines: Mapping[Key, Where]) -> None:
        """Add a later file's lines: they are looked up before the shipped ones."""
        self._user.update(lines)


@dataclass(frozen=True)
class Loaded:
    """A parsed YAML file: its data and the line of every key path."""

    data: dict[str, Any]
    lines: dict[Key, int]
    file: str


def compose(text: str, file: str) -> Loaded:
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
        return Loaded({}, {}, file)
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

    try:
        data = build(node, ())
    except yaml.constructor.ConstructorError as exc:
        # A value YAML can parse but not build (a bare `=`, an unknown !tag).
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(file, line, "", f"invalid YAML: {exc.problem or exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(file, 1, "", "the top level must be a mapping of keys")
    return Loaded(data, lines, file)
