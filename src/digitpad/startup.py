"""What every start (app or command) does first: make sure there is a usable user data
directory, set aside the files that would block or break the start (a settings file that is not a
file, an unreadable record of the MNIST folder chosen in the app), and remove temporary files that
killed saves left behind. Problems become notices; nothing here stops digitpad from starting."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from digitpad.data.place import check_chosen_file
from digitpad.errors import UserDirError
from digitpad.store import paths
from digitpad.store.atomic import remove_stale_temps
from digitpad.store.quarantine import move_aside

# Where Qt keeps the window's settings (INI format in the data folder, see gui/app.py): the
# application's file and the organisation's fallback, which Qt reads too.
SETTINGS_FILES = (f"{paths.APP_NAME}/{paths.APP_NAME}.ini", f"{paths.APP_NAME}.ini")

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
    unreadable = check_chosen_file()
    if unreadable:
        notices.append(unreadable)
    return notices + _settings_set_aside(home)


def _settings_set_aside(home: Path) -> list[str]:
    """Qt opens its settings file without looking: a named pipe there (or a symlink to one)
    would block the start for ever, so anything but a regular file is moved to quarantine."""
    notices = []
    for name in SETTINGS_FILES:
        path = home / name
        try:
            mode = os.stat(path).st_mode
        except OSError:
            continue  # none (Qt makes it), or a dangling link Qt replaces when it saves
        if not stat.S_ISREG(mode):
            notices.append(move_aside(path, "not a regular file; default settings are used"))
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
