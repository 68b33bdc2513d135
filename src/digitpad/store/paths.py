"""The one place that knows where bundled resources and user data live.

Bundled files (shipped weights, icons, self-test strokes) are found next to the source tree or, in a
PyInstaller bundle, under ``sys._MEIPASS``. User data (current model, downloads, personal samples)
goes to the platform's user data directory; ``DIGITPAD_HOME`` overrides it (tests, portable use).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from digitpad.errors import UserDirError

APP_NAME = "digitpad"
DATA_ENV = "DIGITPAD_DATA"
HOME_ENV = "DIGITPAD_HOME"


def bundle_root() -> Path:
    """Directory holding ``resources/`` and ``weights/``: the bundle, else the source checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package = Path(__file__).resolve().parent.parent  # src/digitpad (this file is in store/)
    for candidate in (package / "_bundled", package.parent.parent):
        if (candidate / "weights").is_dir():
            return candidate
    return package.parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def shipped_model_path() -> Path:
    return bundle_root() / "weights" / "default.npz"


def user_dir() -> Path:
    """Per-user writable directory (created on demand). Raises UserDirError when it cannot be
    (a file in its place, no permission): ``startup.prepare_session`` handles that once."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    if shown(path) != str(path):
        # Qt (settings) cannot name such a folder: it would keep them elsewhere than the models.
        raise UserDirError(f"cannot use {shown(path)} for your data (its name is not valid UTF-8)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserDirError(f"cannot use {path} for your data ({exc.strerror or exc})") from None
    if not path.is_dir():
        raise UserDirError(f"cannot use {path} for your data (it is not a folder)")
    return path


def shown(path: str | os.PathLike) -> str:
    """``path`` as text that can be printed or shown in a window (bytes of a file name that are
    not UTF-8 become U+FFFD)."""
    return os.fsencode(path).decode("utf-8", "replace")


def default_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """MNIST directory: ``--data`` if given, else ``$DIGITPAD_DATA``, else the user data dir."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    return user_dir() / "mnist"
