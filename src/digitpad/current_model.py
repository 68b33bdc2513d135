"""The user's current model: the one the app draws with and the CLI uses by default.

It lives in the user data directory; the shipped model is the fallback. Replacing it is atomic and
the replaced file is kept as ``previous.npz``, so switching or reverting never loses a model.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from digitpad import paths
from digitpad.atomic import atomic_file
from digitpad.model_info import ModelInfo
from digitpad.modelfile import save_model
from digitpad.network import MLP


def previous_model_path() -> Path:
    return paths.user_model_path().with_name("previous.npz")


def make_current(model: MLP, info: ModelInfo) -> Path:
    """Save ``model`` as the current model (keeping the old one as previous.npz)."""
    current = paths.user_model_path()
    if current.is_file():
        _copy_atomically(current, previous_model_path())
    return save_model(model, current, **info.to_metadata())


def _copy_atomically(source: Path, target: Path) -> None:
    with open(source, "rb") as original, atomic_file(target) as copy:
        shutil.copyfileobj(original, copy)


def revert_to_shipped() -> None:
    """Stop using the user's model (it is kept as previous.npz); the shipped one takes over."""
    current = paths.user_model_path()
    if current.is_file():
        os.replace(current, previous_model_path())


def restore_previous() -> bool:
    """Swap the current and previous models (so this is undoable too); False if there is none."""
    current, previous = paths.user_model_path(), previous_model_path()
    if not previous.is_file():
        return False
    if current.is_file():
        swap = current.with_name("swap.npz.tmp")
        os.replace(current, swap)
        os.replace(previous, current)
        os.replace(swap, previous)
    else:
        os.replace(previous, current)
    return True
