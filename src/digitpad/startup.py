"""What every start (app or command) does first: make sure there is a usable user data
directory and remove temporary files that killed saves left behind. Problems become notices;
nothing here stops digitpad from starting."""

from __future__ import annotations

import os
import tempfile

from digitpad import paths
from digitpad.atomic import remove_stale_temps
from digitpad.errors import UserDirError

_sessions: dict[str | None, list[str]] = {}
_session_folders: set[str] = set()


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
        _session_folders.add(fallback)
        notices.append(
            f"{str(exc)[0].upper()}{str(exc)[1:]}; this session keeps its data in {fallback}."
        )
        home = paths.user_dir()
    if not _writable(home):
        notices.append(
            f"{paths.shown(home)} is read-only: your models and samples are used, but nothing new "
            "can be saved there."
        )
    for folder in (home / "personal", home / "mnist", home / "models"):
        remove_stale_temps(folder)
    return notices


def _writable(folder) -> bool:
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".digitpad-write-check-")
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return True


def session_folder() -> str | None:
    """The temporary folder this session uses because the data folder could not be (else None)."""
    home = os.environ.get(paths.HOME_ENV)
    return home if home in _session_folders else None
