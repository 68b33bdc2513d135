"""Where MNIST is read from: one lookup for the app and the commands.

In order: ``--data``, else ``$DIGITPAD_DATA`` (either one, when given, is the only place), else the
folder chosen in the app if it still has the files, else ``mnist/`` in the user data folder (where
``digitpad download`` and the app's Download put the files). The app remembers the chosen folder
in a small JSON file in the user data folder, so that the commands, which have no Qt, read it too.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from digitpad.data.mnist import missing_files
from digitpad.errors import DataError, MetadataError
from digitpad.store import paths
from digitpad.store.atomic import atomic_file
from digitpad.store.limits import read_small_file
from digitpad.store.metadata_check import parse_json
from digitpad.store.quarantine import move_aside

CHOSEN_FILE = "mnist-folder.json"
MAX_CHOSEN_BYTES = 64 * 1024
EVERY_SPLIT = ("train", "test")


@dataclass(frozen=True)
class Place:
    folder: Path
    why: str  # how the user would recognise it: "--data", "$DIGITPAD_DATA", ...


def chosen_file() -> Path:
    return paths.user_dir() / CHOSEN_FILE


def _read_chosen(path: Path) -> Path | None:
    """The folder in ``path``; None when there is none; MetadataError when the file is bad (not
    a regular file, too large, not the JSON record ``remember_folder`` writes)."""
    data = read_small_file(path, MAX_CHOSEN_BYTES)
    if data is None:
        return None
    record = parse_json(data, "the chosen MNIST folder")
    folder = record.get("folder") if isinstance(record, dict) else None
    if not isinstance(folder, str) or not folder or "\0" in folder:
        raise MetadataError(f"{path}: no folder named in it")
    return Path(folder)


def chosen_folder() -> Path | None:
    """The MNIST folder chosen in the app, or None (also for a file that cannot be read, which
    ``check_chosen_file`` sets aside at start)."""
    try:
        return _read_chosen(chosen_file())
    except (OSError, MetadataError):
        return None


def check_chosen_file() -> str | None:
    """At start: move an unreadable chosen-folder file aside; the notice to show, or None."""
    path = chosen_file()
    try:
        _read_chosen(path)
    except (OSError, MetadataError) as exc:
        return move_aside(path, str(exc).removeprefix(f"{path}: ") or type(exc).__name__)
    return None


def remember_folder(folder: Path) -> None:
    """The user chose ``folder`` in the app: the app and the commands read MNIST there from now."""
    with atomic_file(chosen_file()) as handle:
        handle.write(json.dumps({"folder": str(Path(folder).resolve())}).encode("utf-8"))


def places(explicit: str | os.PathLike | None = None) -> list[Place]:
    """Where to look, in order; the last is where a download puts the files."""
    if explicit:
        return [Place(Path(explicit), "--data")]
    env = os.environ.get(paths.DATA_ENV)
    if env:
        return [Place(Path(env), "$" + paths.DATA_ENV)]
    chosen = chosen_folder()
    found = [Place(chosen, "the folder chosen in the app")] if chosen is not None else []
    return [*found, Place(paths.user_dir() / "mnist", "the user data folder")]


def has_files(folder: Path, splits=EVERY_SPLIT) -> bool:
    return Path(folder).is_dir() and not missing_files(folder, splits)


def mnist_folder(explicit: str | os.PathLike | None = None, splits=EVERY_SPLIT) -> Path:
    """The first place with the files of ``splits``, else the last place (where they would go)."""
    candidates = places(explicit)
    return next((p.folder for p in candidates if has_files(p.folder, splits)), candidates[-1].folder)


def require_mnist(explicit: str | os.PathLike | None = None, splits=EVERY_SPLIT) -> Path:
    """The folder to read ``splits`` from; DataError naming every place looked when none has them."""
    candidates = places(explicit)
    for place in candidates:
        if place.folder.exists() and not place.folder.is_dir():
            raise DataError(
                f"{place.folder} is a file, not a folder ({place.why}): MNIST is read from a "
                "folder holding its four .gz files"
            )
        if has_files(place.folder, splits):
            return place.folder
    looked = "; ".join(
        f"{p.folder} ({p.why}: missing {', '.join(missing_files(p.folder, splits))})" for p in candidates
    )
    name_one = "--data DIR" if explicit else f"--data DIR, or set {paths.DATA_ENV} to that folder"
    raise DataError(
        f"MNIST not found. Looked in: {looked}. Run 'digitpad download' to fetch it (about 11 MB), "
        f"or name a folder that has the files with {name_one}"
    )
