"""Moving a file that cannot be read out of the way, so that it never stops the app again.

It goes to ``quarantine/`` in the user data directory (never deleted: the user may want it back
or want to report it), and the caller shows the one-line notice this returns. Files are only ever
moved within the data directory: a ``quarantine`` that is a link (or a file) is set aside first
and a real folder made in its place.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from digitpad.store import paths


def quarantine_dir() -> Path:
    return paths.user_dir() / "quarantine"


def move_aside(path: Path, reason: str) -> str:
    """Move ``path`` into the quarantine folder; returns the notice to show (one line)."""
    path = Path(path)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    try:
        folder = quarantine_dir()
        replaced = _real_folder(folder, stamp)
        os.replace(path, folder / f"{stamp}-{path.name}")
    except OSError as exc:
        return f"{path.name} could not be read ({reason}) and could not be moved aside ({exc.strerror or exc})."
    return f"{path.name} could not be read ({reason}); it was moved to {folder}{replaced}."


def _real_folder(folder: Path, stamp: str) -> str:
    """Make ``folder`` a real folder (not a link out of the data directory, not a file); returns
    a sentence for the notice when something had to be set aside for that, else ""."""
    said = ""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        odd = folder.with_name(f"{folder.name}-not-a-folder-{stamp}")
        os.replace(folder, odd)
        said = f" ({folder.name} was not a folder: it was renamed {odd.name})"
    folder.mkdir(parents=True, exist_ok=True)
    return said
