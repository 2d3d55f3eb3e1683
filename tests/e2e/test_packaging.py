"""An installed wheel must carry every stylesheet and shipped YAML file."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_data_file_is_declared_as_package_data() -> None:
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    package_dir = {"followup_tui": "followup_tui", **tool["package-dir"]}
    declared = tool["package-data"]
    missing = []
    for package in tool["packages"]:
        folder = ROOT / package_dir.get(package, package.replace(".", "/"))
        for path in folder.iterdir():
            if path.suffix in (".tcss", ".yaml", ".yml"):
                patterns = declared.get(package, [])
                if not any(fnmatch.fnmatch(path.name, pat) for pat in patterns):
                    missing.append(str(path.relative_to(ROOT)))
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"


def test_every_package_folder_is_declared() -> None:
    # A folder left out of [tool.setuptools] packages works in the editable install the
    # tests use and is missing from the wheel a rep installs.
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "followup_tui").rglob("__init__.py")
    }
    assert found <= set(tool["packages"]), sorted(found - set(tool["packages"]))
