"""The user's models: a bounded history of every model that became current, and one pointer.

Layout in the user data directory::

    models/history/<id>.npz   every model that was made current (the newest KEEP are kept)
    models/current.json       {"current": <id> or "shipped", "previous": <id>, "shipped" or null}
    models/.lock              taken (filelock) by whoever changes the two above

Making a model current writes its file first and the pointer second, each atomically, so a kill at
any moment leaves the old pointer (the new file then simply shows up in the history) or the new one:
never a missing model. Undo, Revert and "Use this model" only rewrite the pointer. Ids sort by the
time they were made, so the history reads newest first without opening any file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from digitpad.errors import MetadataError, ModelFileError, ModelStoreBusy
from digitpad.model.network import MLP
from digitpad.store import paths
from digitpad.store.atomic import atomic_file, remove_stale_temps
from digitpad.store.metadata_check import HISTORY_ID, parse_json
from digitpad.store.modelfile import load_model, read_model_metadata, save_model
from digitpad.store.quarantine import move_aside

SHIPPED = "shipped"
KEEP = 10
LOCK_TIMEOUT_S = 20.0
POINTER_FORMAT = "digitpad-current-model"
MAX_POINTER_BYTES = 4096


@dataclass(frozen=True)
class Entry:
    """One model in the history; ``metadata`` is None when the file cannot be read."""

    id: str
    path: Path
    metadata: dict | None

    @property
    def made(self) -> str:
        """When it was made current first, ``YYYY-MM-DD HH:MM`` (UTC), from the id."""
        t = self.id
        return f"{t[0:4]}-{t[4:6]}-{t[6:8]} {t[9:11]}:{t[11:13]}" if len(t) >= 13 else t


@dataclass(frozen=True)
class Current:
    """The model to recognise with: ``entry_id`` is SHIPPED for the shipped model."""

    model: MLP
    metadata: dict
    path: Path
    entry_id: str
    notices: tuple[str, ...] = ()


def models_dir() -> Path:
    return paths.user_dir() / "models"


def history_dir() -> Path:
    return models_dir() / "history"


def pointer_path() -> Path:
    return models_dir() / "current.json"


def entry_path(entry_id: str) -> Path:
    if not HISTORY_ID.match(entry_id) or entry_id == SHIPPED:
        raise ValueError(f"not a model history id: {entry_id!r}")
    return history_dir() / f"{entry_id}.npz"


def new_id(when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now(dt.timezone.utc)
    return f"{when:%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:6]}"


@contextmanager
def locked():
    """Hold the history lock (shared by every digitpad process of this user)."""
    history_dir().mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(models_dir() / ".lock"), timeout=LOCK_TIMEOUT_S)
    try:
        lock.acquire()
    except Timeout:
        raise ModelStoreBusy(
            f"another digitpad has been changing the models for {LOCK_TIMEOUT_S:.0f} s; try again"
        ) from None
    try:
        yield
    finally:
        lock.release()


# ----- the pointer ---------------------------------------------------------------------------
def read_pointer() -> dict:
    """``{"current": id|SHIPPED, "previous": id|SHIPPED|None}``; a missing or unreadable pointer
    reads as the shipped model (an unreadable one is quarantined by ``load_current``)."""
    pointer, _ = _read_pointer()
    return pointer


def _read_pointer() -> tuple[dict, str | None]:
    """The pointer and the reason it could not be read (None when fine or absent)."""
    default = {"current": SHIPPED, "previous": None}
    try:
        with open(pointer_path(), "rb") as handle:
            data = handle.read(MAX_POINTER_BYTES + 1)
    except FileNotFoundError:
        return default, None
    except OSError as exc:
        return default, str(exc.strerror or exc)
    if len(data) > MAX_POINTER_BYTES:
        return default, "the current-model pointer is too large"
    try:
        raw = parse_json(data, "the current-model pointer")
    except MetadataError as exc:
        return default, str(exc)
    if not isinstance(raw, dict) or raw.get("format") != POINTER_FORMAT:
        return default, "not a current-model pointer"
    ids = [raw.get("current"), raw.get("previous")]
    if not isinstance(ids[0], str) or not (ids[1] is None or isinstance(ids[1], str)):
        return default, "malformed current-model pointer"
    if not all(i is None or i == SHIPPED or HISTORY_ID.match(i) for i in ids):
        return default, "malformed current-model pointer"
    return {"current": ids[0], "previous": ids[1]}, None


def _write_pointer(current: str, previous: str | None) -> None:
    data = {"format": POINTER_FORMAT, "current": current, "previous": previous}
    with atomic_file(pointer_path()) as handle:
        handle.write(json.dumps(data).encode())


def _point_to(entry_id: str) -> None:
    """Make ``entry_id`` current (the old current becomes previous); call under the lock."""
    old = read_pointer()["current"]
    if old != entry_id:
        _write_pointer(entry_id, old)


# ----- changing the current model -----------------------------------------------------------
def add(model: MLP, metadata: dict) -> Path:
    """Keep ``model`` in the history and make it current; returns its file. ``metadata``: what to
    store beside the entries ``save_model`` generates (``ModelInfo.to_metadata()``)."""
    entry_id = new_id()
    with locked():
        path = save_model(model, entry_path(entry_id), **metadata)
        _point_to(entry_id)
        prune()
    return path


def select(entry_id: str) -> None:
    """Make a history entry (or SHIPPED) current again. Raises ModelFileError if it is gone."""
    with locked():
        if entry_id != SHIPPED:
            if not entry_path(entry_id).is_file():
                raise ModelFileError(f"model {entry_id} is no longer in the history")
            os.utime(entry_path(entry_id))  # used again: it counts as recent when pruning
        _point_to(entry_id)


def undo_target(metadata: dict) -> str | None:
    """Where Undo personalisation goes from a model with ``metadata``: the entry it was
    personalised from (or SHIPPED); None if it is not personalised."""
    origin = metadata.get("personalised_from")
    if origin is None:
        return None
    base = metadata.get("personalised_from_id")
    if base and entry_path(base).is_file():
        return base
    if origin == SHIPPED:
        return SHIPPED
    previous = read_pointer()["previous"]
    return previous if previous else SHIPPED


def prune(keep: int | None = None) -> list[str]:
    """Delete all but the ``keep`` most recently used entries (never the current or previous
    one); call under the lock. Returns the ids deleted."""
    keep = KEEP if keep is None else keep
    pointer = read_pointer()
    protected = {pointer["current"], pointer["previous"]}
    ids = [p.stem for p in sorted(history_dir().glob("*.npz"), key=_last_used, reverse=True)]
    gone = [i for i in ids[keep:] if i not in protected and HISTORY_ID.match(i)]
    for entry_id in gone:
        entry_path(entry_id).unlink(missing_ok=True)
    return gone


def _last_used(path: Path) -> tuple[float, str]:
    try:
        return path.stat().st_mtime, path.stem
    except OSError:
        return 0.0, path.stem


# ----- reading ---------------------------------------------------------------------------------
def entries() -> list[Entry]:
    """Every model in the history, newest first (metadata only is read)."""
    out = []
    for path in sorted(history_dir().glob("*.npz"), reverse=True):
        if not HISTORY_ID.match(path.stem):
            continue
        try:
            meta = read_model_metadata(path)
        except ModelFileError:
            meta = None
        out.append(Entry(path.stem, path, meta))
    return out


def load_current() -> Current:
    """The current model; anything unreadable on the way is quarantined with a notice and the
    previous model, else the shipped one, is used. Never raises for a bad user file."""
    notices = list(prepare())
    pointer, problem = _read_pointer()
    if problem:
        notices.append(move_aside(pointer_path(), problem))
    for entry_id in (pointer["current"], pointer["previous"]):
        if not entry_id or entry_id == SHIPPED:
            break
        path = entry_path(entry_id)
        try:
            model, meta = load_model(path)
        except ModelFileError as exc:
            if path.exists():
                notices.append(move_aside(path, _reason(exc, path)))
            else:
                notices.append(f"Your model {entry_id} is missing.")
            continue
        if entry_id != pointer["current"]:
            _try_point_to(entry_id)
        return Current(model, meta, path, entry_id, tuple(notices))
    if pointer["current"] != SHIPPED:
        _try_point_to(SHIPPED)
        notices.append("The shipped model is used.")
    model, meta = load_model(paths.shipped_model_path())
    return Current(model, meta, paths.shipped_model_path(), SHIPPED, tuple(notices))


def _reason(exc: Exception, path: Path) -> str:
    return str(exc).removeprefix(f"{path}: ")


def _try_point_to(entry_id: str) -> None:
    try:
        with locked():
            _point_to(entry_id)
    except (OSError, ModelStoreBusy):
        pass  # a read-only home: the fallback still holds for this session


# ----- start-up housekeeping ---------------------------------------------------------------
def prepare() -> list[str]:
    """Bring earlier layouts into the history and remove temporary files of killed saves.
    Returns notices; never raises for a read-only or odd home."""
    legacy = [models_dir() / "previous.npz", models_dir() / "current.npz"]
    if not any(p.is_file() for p in legacy) and not _has_temps():
        return []
    try:
        with locked():
            remove_stale_temps(history_dir(), older_than_s=0)  # writers hold this lock
            remove_stale_temps(models_dir())
            return _migrate(*legacy)
    except (OSError, ModelStoreBusy) as exc:
        return [f"Your saved models could not be tidied ({getattr(exc, 'strerror', None) or exc})."]


def _has_temps() -> bool:
    for folder in (models_dir(), history_dir()):
        try:
            if any(p.suffix == ".tmp" for p in folder.iterdir()):
                return True
        except OSError:
            continue
    return False


def _migrate(previous: Path, current: Path) -> list[str]:
    """Copy models/previous.npz and models/current.npz (before the history existed) into the
    history, point at them as before, then remove them. Idempotent: a kill halfway is redone."""
    notices, ids = [], {}
    for name, path in (("previous", previous), ("current", current)):
        if not path.is_file():
            continue
        try:
            load_model(path)
        except ModelFileError as exc:
            notices.append(move_aside(path, _reason(exc, path)))
            continue
        data = path.read_bytes()
        when = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
        ids[name] = f"{when:%Y%m%dT%H%M%S%f}-{hashlib.sha256(data).hexdigest()[:6]}"
        if not entry_path(ids[name]).is_file():
            with atomic_file(entry_path(ids[name])) as handle:
                handle.write(data)
    if not pointer_path().is_file() and ids:
        _write_pointer(ids.get("current", SHIPPED), ids.get("previous"))
    for name, path in (("previous", previous), ("current", current)):
        if name in ids:
            os.unlink(path)
    return notices
