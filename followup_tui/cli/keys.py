"""Every key binding of the app by id: `followup keys`, and the ids a keymap may name.

The bindings are declared in the app and its screens; collecting them means
importing every screen (a quarter of a second), which the app itself does lazily.
What they declare is kept in the cache directory, stamped with the source files it
came from, so a start with a `keymap:` checks its ids in a millisecond.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

import followup_tui
from followup_tui.core.base.config import Settings, check_keymap_clashes, check_keymap_ids
from followup_tui.core.base.config_cache import files_stamp, read_stamped, write_stamped
from followup_tui.core.base.paths import default_cache_dir
from followup_tui.core.base.text import display_width

# id, default keys (as declared), English description, palette category.
BindingRow = tuple[str, str, str, str]
CATALOG_FILE = "binding-catalog.marshal"
# Bump when what `collect_bindings` returns changes shape.
CATALOG_FORMAT = 1
UI_PACKAGES = ("followup_tui.screens", "followup_tui.widgets")


def collect_bindings() -> list[BindingRow]:
    """Every binding with an id, from the app and every screen and widget module, by id."""
    from textual.binding import Binding
    from textual.dom import DOMNode

    modules = [importlib.import_module("followup_tui.app")]
    for name in UI_PACKAGES:
        package = importlib.import_module(name)
        import pkgutil  # only when a keymap is checked: not on every start

        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            modules.append(importlib.import_module(info.name))
    rows: dict[str, BindingRow] = {}
    for module in modules:
        for obj in vars(module).values():
            if not (isinstance(obj, type) and issubclass(obj, DOMNode)):
                continue
            if obj.__module__ != module.__name__:
                continue  # imported here, collected in its own module
            category = str(getattr(obj, "PALETTE_CATEGORY", ""))
            # Own BINDINGS only: a subclass inherits its parent's, with the same ids.
            for binding in obj.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding) and binding.id:
                    row = (binding.id, binding.key, binding.description, category)
                    rows.setdefault(binding.id, row)
    return sorted(rows.values())


def _catalog_stamp() -> tuple[object, ...]:
    """What a kept catalog must have been made from: the UI's source files."""
    root = Path(next(iter(followup_tui.__path__)))
    files = [root / "app.py"]
    for name in ("screens", "widgets"):
        files += sorted((root / name).rglob("*.py"))
    return files_stamp(files, CATALOG_FORMAT, str(root))


def binding_catalog(cache_dir: Path | None) -> list[BindingRow]:
    """Every binding with an id; from `cache_dir` when it was kept for these sources."""
    if cache_dir is None:
        return collect_bindings()
    path = cache_dir / CATALOG_FILE
    try:
        stamp = _catalog_stamp()
    except OSError:
        return collect_bindings()
    kept = read_stamped(path, stamp)
    if isinstance(kept, list) and all(isinstance(r, tuple) and len(r) == 4 for r in kept):
        return kept
    rows = collect_bindings()
    write_stamped(path, stamp, rows)
    return rows


def check_keymap(settings: Settings, cache_dir: Path | None) -> None:
    """Stop (exit 2, naming file, line and key) on an id no binding has, or a clashing key."""
    if settings.keymap:
        catalog = binding_catalog(cache_dir)
        check_keymap_ids(settings, {row[0] for row in catalog})
        check_keymap_clashes(settings, {row[0]: row[1] for row in catalog})


def _described(row: BindingRow, settings: Settings) -> str:
    """'Queue: Done' in the configured language, as the command palette titles it."""
    binding_id, _key, description, category = row
    vocab = settings.data["vocabulary"]
    slug = binding_id.replace(".", "_")
    does = vocab[settings.language].get(f"key_{slug}") or vocab["en"].get(f"key_{slug}")
    does = str(does or description)
    if not category:
        return does
    slug = "category_" + category.lower().replace(" ", "_")
    shown = settings.word(slug) if slug in vocab["en"] else category
    return settings.word("palette_command").format(category=shown, action=does)


def cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    """`followup keys`: every binding id, its default key, your key when remapped, what it does."""
    rows = binding_catalog(default_cache_dir())
    listed = [
        {
            "id": binding_id,
            "default": key,
            "key": settings.keymap.get(binding_id, key),
            "remapped": binding_id in settings.keymap,
            "description": _described((binding_id, key, description, category), settings),
        }
        for binding_id, key, description, category in rows
    ]
    if args.json:
        sys.stdout.write(json.dumps(listed, ensure_ascii=False, indent=2) + "\n")
        return 0
    word = settings.word
    table: list[tuple[str, str, str, str]] = [
        (word("keys_id"), word("keys_default"), word("keys_yours"), word("keys_does"))
    ]
    table += [
        (
            str(r["id"]),
            str(r["default"]),
            str(r["key"]) if r["remapped"] else "",
            str(r["description"]),
        )
        for r in listed
    ]
    widths = [max(display_width(str(line[i])) for line in table) for i in range(3)]
    for line in table:
        padded = zip(line, widths, strict=False)
        cells = [str(c) + " " * (w - display_width(str(c))) for c, w in padded]
        sys.stdout.write("  ".join([*cells, str(line[3])]).rstrip() + "\n")
    return 0
