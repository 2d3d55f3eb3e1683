"""One vocabulary: every key the code looks up exists in both languages, and every key is used.

The code is read, not run: calls to the word lookups with literal keys (`word("x")`,
`say(language, "x")`, a ternary of literals, ...) must name keys that both languages
define. A key is in use when its name is such a literal, or a string constant of the
modules that read its family (`said = "added"`, `{"asked": "got_asked"}`), or the
prefix of one of the dynamic families below followed by a name from the source that
family's names come from. A key that none of these reach is dead and fails the test.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import textual.widgets
from textual.app import App
from textual.screen import Screen

from followup_tui.core.base.config import load_settings
from followup_tui.core.base.kinds import CLASSES
from followup_tui.core.sheet.landmines import RULES
from followup_tui.screens.key_words import UNNAMED

PACKAGE = Path(__file__).resolve().parents[2] / "followup_tui"

# Lookups whose argument at `index` is a vocabulary key, after `prefix`.
LOOKUPS = {
    "word": (0, ""),  # Settings.word, AppScreen.word
    "_word": (0, ""),  # the screens' own shorthand
    "w": (0, ""),  # `w = self.settings.word` (and `w = self._say` in the sheet edits)
    "vocab": (1, ""),  # record_form.vocab(settings, key, english)
    "vocab_lookup": (1, ""),  # key_words.vocab_lookup(settings, key)
    "_say": (0, "bluesheet_"),  # sheet_edits: the blue sheet's words
    "Said": (0, ""),  # core.base.errors.Said: a message worded when the CLI prints it
}
# The same short names with a prefix of their own in some modules: the sheet forms'
# `self.w` (sheet_<key>) and the deal form's `_w` (deal_form_<key>).
LOCAL_LOOKUPS = {
    "screens/sheet/sheet_*form.py": {"w": (0, "sheet_")},
    "screens/sheet/deal_form.py": {"w": (0, "deal_form_"), "_w": (0, "deal_form_")},
}
# Wrappers named alike in different modules: the key family is the module they come from.
WRAPPERS = {
    ("followup_tui.core.accounts.rule_words", "say"): (1, "check_"),
    ("followup_tui.core.queue.queue_words", "say"): (1, "reason_"),
    ("followup_tui.core.call.script_words", "phrase"): (0, "script_"),
}
# Families read as a table (`Settings.words(prefix)` / `shipped_words(language, prefix)`)
# and indexed by names: a name is any string constant of the modules that read the table.
TABLES = {
    "check_": ("core/accounts/*.py", "core/sheet/deal_rules.py", "core/sheet/contact_rules.py"),
    "reason_": (
        "core/queue/*.py",
        "core/accounts/*.py",
        "core/sheet/*.py",
        "widgets/queue_rows.py",
    ),
    "script_": ("core/call/*.py", "screens/call_script.py"),
    "bluesheet_": ("core/sheet/*.py", "widgets/sheet_*.py", "screens/sheet/*.py"),
    "completeness_": (
        "core/sheet/completeness.py",
        "core/sheet/review_diff.py",
        "widgets/sheet_view.py",
    ),
    "landmine_": ("core/sheet/landmines.py",),
    "verdict_": ("core/sheet/*.py", "widgets/sheet_*.py"),
    "review_": ("screens/sheet/sheet_review.py",),
    "sheetui_": ("widgets/sheet_*.py", "widgets/review_panel.py", "screens/sheet/*.py"),
    "note_": ("cli/note.py",),
    "queue_section_": ("core/queue/queue_items.py",),  # SECTIONS
    "rev_": ("core/review/*.py",),  # the reviews' tables (`followup review`)
    # Why an import left a row out (`RowProblem.why`, `CellError.why`).
    "import_why_": ("core/transfer/*.py", "db/book_import.py"),
}
# Screen words built as prefix + a name (f"col_{name}"); the names are string constants (or
# their space-separated words: COLUMNS["#timeline"].split()) of the modules named.
NAMED = {
    "col_": ("screens/account_*.py", "widgets/account_*.py", "core/accounts/account_view.py"),
    "field_": ("screens/account_*.py", "widgets/account_*.py", "core/accounts/*.py"),
    "group_": ("screens/account_*.py", "widgets/account_*.py", "core/accounts/*.py"),
    "profile_": ("screens/account_form.py", "widgets/account_*.py", "core/accounts/*.py"),
    "hint_": ("screens/account_form.py", "widgets/account_*.py", "core/accounts/*.py"),
    "state_": ("screens/account_*.py", "widgets/account_*.py", "core/accounts/*.py", "db/*.py"),
    "trend_": ("screens/account_*.py", "widgets/account_*.py", "core/accounts/*.py"),
    "heat_state_": ("core/accounts/heat_state.py",),  # KINDS
    "horizon_": ("screens/*queue*.py", "widgets/queue_*.py", "core/queue/planning.py"),
    "kind_": ("widgets/queue_*.py", "core/queue/planning.py"),
    "file_": ("screens/call_*.py", "widgets/call_script_view.py", "core/call/*.py"),
    "q_about_": ("screens/questionnaire.py",),
    "points_kind_": ("core/call/value_offers.py",),  # TALKING_POINT_KINDS
    "qn_": ("core/accounts/account_rules.py",),  # the questionnaire's question ids
    "deal_": ("screens/deals.py",),
    "deal_form_": ("screens/sheet/deal_form.py",),
    "deal_form_evidence_": ("core/base/kinds.py",),  # SSO_INDICATORS
    "sheet_": ("screens/sheet/*.py",),
    "sheet_title_": ("screens/sheet/*.py",),
    "script_fit_": ("screens/call_script.py", "widgets/call_script_view.py", "core/call/*.py"),
    "completeness_": ("core/base/kinds.py",),  # the deal's fields, named by review_diff
    "bluesheet_kind_": ("screens/sheet/sheet_edits.py",),
    "landmine_stance_": ("core/sheet/landmines.py",),
    "find_in_": ("core/accounts/find_hits.py",),  # PLACES: where a search found its words
    "person_": ("screens/contact_form.py",),  # the key person form's fields
    "person_hint_": ("screens/contact_form.py",),
    # The review screen: the pipeline's sort orders, plan statuses, step marks.
    "rs_sort_": ("core/review/pipeline_sort.py",),
    "rs_status_": ("core/review/plan_track.py",),
    "rs_step_": ("core/review/action_plan.py", "screens/review/board_tab.py"),
}


def _slug(text: str) -> str:
    """A category or description as the vocabulary names it ('Close out' -> 'close_out')."""
    return text.lower().replace(" ", "_")


@cache
def _trees() -> dict[Path, ast.Module]:
    """Every module of the package, parsed."""
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")}


def _files(patterns: Iterable[str]) -> list[Path]:
    """The package's modules matching glob patterns relative to the package."""
    return [path for pattern in patterns for path in sorted(PACKAGE.glob(pattern))]


def _constants(paths: Iterable[Path]) -> set[str]:
    """The string constants of modules, whole and split into words."""
    out: set[str] = set()
    for path in paths:
        for node in ast.walk(_trees()[path]):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
                out.update(node.value.split())
    return out


def _literals(node: ast.expr) -> Iterator[str]:
    """The keys a lookup argument can be: a literal, or either literal of a ternary."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)


def _imports(tree: ast.Module) -> dict[str, tuple[str, str]]:
    """Local name -> (module, name) of a module's `from ... import` lines."""
    return {
        alias.asname or alias.name: (node.module or "", alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def looked_up() -> dict[str, list[str]]:
    """Every literal key the code looks up -> where ('file:line')."""
    found: dict[str, list[str]] = {}
    for path, tree in _trees().items():
        imported = _imports(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            rule = LOOKUPS.get(name or "")
            for pattern, local in LOCAL_LOOKUPS.items():
                if path.match(pattern):
                    rule = local.get(name or "", rule)
            if isinstance(func, ast.Name) and func.id in imported:
                rule = WRAPPERS.get(imported[func.id], rule)
            elif path.stem in {"rule_words", "queue_words", "script_words"}:
                module = f"followup_tui.{path.relative_to(PACKAGE).with_suffix('').as_posix()}"
                rule = WRAPPERS.get((module.replace("/", "."), name or ""), rule)
            if rule is None or len(node.args) <= rule[0]:
                continue
            index, prefix = rule
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            for key in _literals(node.args[index]):
                found.setdefault(prefix + key, []).append(where)
    return found


def _bindings() -> Iterator[ast.Call]:
    """Every `Binding(...)` our code declares."""
    for tree in _trees().values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding":
                yield node


def _binding_ids() -> set[str]:
    """The vocabulary names of our bindings: their ids ('queue.open' -> 'queue_open').

    An id built from a name (f"sheet.section.{section}") counts with each section.
    """
    ids = set(UNNAMED.values())
    sections = _constants(_files(["core/sheet/completeness.py", "screens/sheet/*.py"]))
    for node in _bindings():
        for keyword in node.keywords:
            if keyword.arg != "id":
                continue
            if isinstance(keyword.value, ast.Constant):
                ids.add(str(keyword.value.value).replace(".", "_"))
            elif isinstance(keyword.value, ast.JoinedStr):
                head = "".join(
                    str(part.value)
                    for part in keyword.value.values
                    if isinstance(part, ast.Constant)
                )
                ids |= {f"{head}{name}".replace(".", "_") for name in sections}
    return ids


def _unnamed_descriptions() -> set[str]:
    """Our own bindings without an id ('Open' in the virtual table): the help words them."""
    out = set()
    for node in _bindings():
        if any(k.arg == "id" for k in node.keywords) or len(node.args) < 3:
            continue
        if isinstance(node.args[2], ast.Constant) and node.args[2].value:
            out.add(_slug(str(node.args[2].value)))
    return out


def _class_constants(attribute: str) -> set[str]:
    """The values our classes give a class attribute (PALETTE_CATEGORY, RECORD_NAME)."""
    out = set()
    for tree in _trees().values():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)):
                continue
            if any(isinstance(t, ast.Name) and t.id == attribute for t in node.targets):
                out.add(str(node.value.value))
    return out


def _textual_key_descriptions() -> set[str]:
    """What Textual's own widgets call their keys ('Page up'): the help shows them."""
    out = set()
    for name in textual.widgets.__all__:
        widget = getattr(textual.widgets, name)
        for cls in (*getattr(widget, "__mro__", ()), App, Screen):
            for binding in getattr(cls, "BINDINGS", ()):
                if not isinstance(binding, tuple) and binding.description:
                    out.add(_slug(binding.description))
    return out


def dynamic_families() -> dict[str, set[str]]:
    """Prefix -> the names code adds to it at run time, from where those names come."""
    settings = load_settings(None)
    categories = {_slug(c) for c in _class_constants("PALETTE_CATEGORY")}
    groups = {_slug(c) for c in _constants(_trees())}  # Binding.Group("Sections") descriptions
    return {
        # key_words.localize_bindings: each binding's id; key groups by their description.
        "key_": _binding_ids() | {f"group_{g}" for g in groups},
        "tip_": _binding_ids(),
        # app.get_system_commands and help: a screen's PALETTE_CATEGORY.
        "category_": categories,
        "legend_": categories,
        # app.get_system_commands: Textual's own commands kept in the palette.
        "palette_": {
            f"{t}{h}"
            for t in ("theme", "screenshot", "maximize", "minimize")
            for h in ("", "_help")
        },
        # key_words.nav_word: Textual's widgets' key descriptions.
        "nav_": _textual_key_descriptions() | _unnamed_descriptions(),
        # discard_changes.record_words: the forms' RECORD_NAME ('this deal').
        "discard_what_": {_slug(n) for n in _class_constants("RECORD_NAME")} | {"this_form"},
        # script.bridge: the verb of each activity kind; commitments per class.
        "script_contact_": set(settings.keys("activity_kinds")),
        "script_bridge_": set(settings.keys("outcomes")),  # script.bridge: how it went
        "script_ask_": set(CLASSES),
        "script_min_": set(CLASSES),
        # landmines._Ctx.say: each rule's finding and what to do about it.
        "landmine_": set(RULES) | {f"{r}_fix" for r in RULES},
        # account_form: each profile tab by its English title ('Basic' -> profile_basic).
        "profile_": {_slug(n) for n in _constants(_files(["screens/account_form.py"]))},
        # completeness: a stance's gap and staleness ('mode_evidence', 'stale_rating').
        "completeness_": {f"{k}_evidence" for k in ("mode", "rating")}
        | {f"stale_{k}" for k in ("mode", "rating")},
    }


@cache
def _vocabulary() -> dict[str, dict[str, str]]:
    """The shipped vocabulary, by language."""
    return {lang: dict(words) for lang, words in load_settings(None).data["vocabulary"].items()}


def test_both_languages_have_the_same_keys() -> None:
    vocab = _vocabulary()
    assert set(vocab["en"]) ^ set(vocab["zh"]) == set()


def test_every_key_looked_up_exists_in_both_languages() -> None:
    vocab = _vocabulary()
    missing = {
        key: where
        for key, where in looked_up().items()
        if key not in vocab["en"] or key not in vocab["zh"]
    }
    assert not missing, missing


def test_every_key_is_used() -> None:
    used = set(looked_up())
    everywhere = _constants(_trees())
    for prefix, patterns in [*TABLES.items(), *NAMED.items()]:
        used |= {prefix + name for name in _constants(_files(patterns))}
    for prefix, names in dynamic_families().items():
        used |= {prefix + name for name in names}
    dead = sorted(key for key in _vocabulary()["en"] if key not in used | everywhere)
    assert not dead, dead


def _textual_widgets_we_use() -> set[type]:
    """Textual's widgets and containers our code imports, with the parts they are built of
    that take focus themselves (a Select's menu)."""
    import textual.containers
    from textual.widgets._select import SelectOverlay

    found: set[type] = {SelectOverlay}
    for tree in _trees().values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in (
                "textual.widgets",
                "textual.containers",
            ):
                module = textual.widgets if node.module == "textual.widgets" else textual.containers
                found |= {getattr(module, alias.name) for alias in node.names}
    return found


def test_textual_widgets_keys_are_worded_in_chinese() -> None:
    """QA: the Chinese help listed a text area's keys ('Delete line') in English."""
    vocab = _vocabulary()
    missing = {
        f"nav_{_slug(binding.description)}": binding.description
        for widget in _textual_widgets_we_use()
        for cls in getattr(widget, "__mro__", ())
        for binding in vars(cls).get("BINDINGS", ())
        if not isinstance(binding, tuple) and binding.description and binding.id is None
        if f"nav_{_slug(binding.description)}" not in vocab["zh"]
    }
    assert not missing, missing
