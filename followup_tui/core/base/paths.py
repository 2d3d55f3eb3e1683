"""Where followup keeps its files by default (per-user, per-platform)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import (
    user_cache_dir,
    user_config_dir,
    user_data_dir,
    user_log_dir,
    user_pictures_dir,
)

APP_NAME = "followup"


def default_db_path() -> Path:
    """The database path: FOLLOWUP_DB if set, else the per-user data directory."""
    env = os.environ.get("FOLLOWUP_DB")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "followup.db"


def default_config_path() -> Path:
    """The user config file in the per-user config directory (the CLI reads FOLLOWUP_CONFIG)."""
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.yaml"


def default_cache_dir() -> Path:
    """The per-user cache directory: things followup can always make again (parsed defaults)."""
    return Path(user_cache_dir(APP_NAME, appauthor=False))


def default_pictures_dir() -> Path:
    """Where pictures of the screen go: FOLLOWUP_PICTURES if set, else the user's pictures."""
    env = os.environ.get("FOLLOWUP_PICTURES")
    if env:
        return Path(env).expanduser()
    return Path(user_pictures_dir()) / APP_NAME


def default_maps_dir() -> Path:
    """Where column mappings of generic spreadsheets are remembered, by their headers."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "column-maps"


def default_log_dir() -> Path:
    """Where `--debug` writes its log: the per-user log directory, never the working one."""
    return Path(user_log_dir(APP_NAME, appauthor=False))
