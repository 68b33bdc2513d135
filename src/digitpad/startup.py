"""What every start (app or command) does first: make sure there is a usable user data
directory and remove temporary files that killed saves left behind. Problems become notices;
nothing here stops digitpad from starting."""

from __future__ import annotations

import os
import tempfile

from digitpad.data.place import check_chosen_file
from digitpad.errors import UserDirError
from digitpad.store import paths
from digitpad.store.atomic import remove_stale_temps

_sessions: dict[str | None, list[str]] = {}


def prepare_session() -> list[str]:
    """Returns one-line notices for the user (empty when all is well). Runs once per data
    directory; later calls return the same notices (the CLI and the window both ask)."""
    key = os.environ.get(paths.HOME_ENV)
    if key not in _sessions:
        notices = _prepare()
        _sessions[key] = _sessions[os.environ.get(paths.HOME_ENV)] = notices
    return list(_sessions[key])


def _prepare() -> list[str]:
    notices = []
    try:
        home = paths.user_dir()
    except UserDirError as exc:
        # Use a private folder for this session so that the app still works; tell the user.
        fallback = tempfile.mkdtemp(prefix="digitpad-session-")
        os.environ[paths.HOME_ENV] = fallback
        notices.append(
            f"{str(exc)[0].upper()}{str(exc)[1:]}; this session keeps its data in {fallback}."
        )
        home = paths.user_dir()
    for folder in (home / "personal", home / "mnist", home / "models"):
        remove_stale_temps(folder)
    unreadable = check_chosen_file()
    if unreadable:
        notices.append(unreadable)
    return notices
