"""The user's models: a bounded history of every model that became current, and one pointer.

Layout in the user data directory::

    models/history/<id>.npz   every model that was made current (the KEEP most recently used are kept)
    models/current.json       {"current": <id> or "shipped", "previous": <id>, "shipped" or null}
    models/order.json         {"used": {<id>: n}}: n grows each time an entry is made current
    models/new-<id>.npz       a model written but not yet moved into the history (see ``add``)
    models/.lock              taken (filelock) by whoever changes the files above

Making a model current writes its file first (outside the lock, so a Ctrl+C or a busy lock never
loses it), moves it into the history, then rewrites the pointer, each atomically: a kill at any
moment leaves the old pointer (the new file then simply shows up in the history, or joins it at the
next start) or the new one, never a missing model. Undo, Revert and "Use this model" only rewrite
the pointer. The history is ordered by the numbers in order.json, not by file times: a clock set
back must not make new models look old (and be pruned).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import uuid
from collections.abc import Callable
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from digitpad.errors import (
    DigitpadError,
    MetadataError,
    ModelFileError,
    ModelStoreBusy,
    ModelStoreError,
    os_reason,
)
from digitpad.reading.reader import Reader
from digitpad.store import paths
from digitpad.store.atomic import atomic_file, fsync_dir, remove_stale_temps
from digitpad.store.limits import read_small_file
from digitpad.store.metadata_check import HISTORY_ID, parse_json
from digitpad.store.model_info import ModelInfo
from digitpad.store.modelfile import load_model, read_model_metadata, save_model
from digitpad.store.quarantine import move_aside

SHIPPED = "shipped"
KEEP = 10
LOCK_TIMEOUT_S = 20.0
QUICK_WAIT_S = 0.2  # the app: never freeze the window waiting for another digitpad
POINTER_FORMAT = "digitpad-current-model"
MAX_POINTER_BYTES = 4096
ORDER_FORMAT = "digitpad-model-order"
MAX_ORDER_BYTES = 256 * 1024
STAGED_PREFIX = "new-"
LAST_TIMESTAMP = 253402300800  # 10000-01-01T00:00:00Z
BUSY = "another digitpad is changing your models; try again in a moment"


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
    """The model to recognise with, the one record of it (the app's ModelHolder holds one too):
    ``entry_id`` is its history id, SHIPPED for the shipped model, None (with ``path`` None) for a
    network shown without being saved, as while following a training run."""

    model: Reader
    info: ModelInfo
    path: Path | None
    entry_id: str | None
    notices: tuple[str, ...] = ()

    @classmethod
    def of(cls, model: Reader, meta: dict, path: Path, entry_id: str, notices=()) -> Current:
        """From a model file's checked metadata ``meta``."""
        info = ModelInfo.from_dict(meta)
        if entry_id == SHIPPED:
            info = info.replace(origin="shipped")
        return cls(model, info, path, entry_id, tuple(notices))

    @property
    def metadata(self) -> dict:
        """The info as plain data (what a model file holds)."""
        return self.info.to_dict()


def models_dir() -> Path:
    return paths.user_dir() / "models"


def history_dir() -> Path:
    return models_dir() / "history"


def pointer_path() -> Path:
    return models_dir() / "current.json"


def order_path() -> Path:
    return models_dir() / "order.json"


def staged_path(entry_id: str) -> Path:
    """Where a model is written before it moves into the history (same disk: a rename)."""
    return models_dir() / f"{STAGED_PREFIX}{entry_id}.npz"


def entry_path(entry_id: str) -> Path:
    if not HISTORY_ID.match(entry_id) or entry_id == SHIPPED:
        raise ValueError(f"not a model history id: {entry_id!r}")
    return history_dir() / f"{entry_id}.npz"


def utc_time(timestamp: float) -> dt.datetime:
    """``timestamp`` (a file time) as a UTC date; now when it is outside 1970-9999, as a file
    time set by a broken clock or a hostile archive can be."""
    if 0 <= timestamp < LAST_TIMESTAMP:
        return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def new_id(when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now(dt.timezone.utc)
    return f"{when:%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:6]}"


@contextmanager
def locked(wait: float = LOCK_TIMEOUT_S, on_wait: Callable[[], None] | None = None):
    """Hold the history lock (shared by every digitpad process of this user). When another
    process holds it, ``on_wait()`` is called and the lock waited for up to ``wait`` seconds;
    then ModelStoreBusy."""
    history_dir().mkdir(parents=True, exist_ok=True)
    path = models_dir() / ".lock"
    _repair_lock(path)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if wait <= 0:
            raise ModelStoreBusy(BUSY) from None
        if on_wait is not None:
            on_wait()
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            long = f"another digitpad has been changing your models for {wait:.0f} s; try again"
            raise ModelStoreBusy(BUSY if wait < 1 else long) from None
    try:
        yield
    finally:
        lock.release()


def _repair_lock(path: Path) -> None:
    """The lock must be a regular file: a link (which would lock, or create, a file elsewhere), a
    pipe or an empty folder in its place holds nothing and is removed; anything else is named."""
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISREG(mode):
            return
        if stat.S_ISDIR(mode):
            os.rmdir(path)  # only succeeds when it is empty
        elif stat.S_ISLNK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
            os.unlink(path)
        else:
            raise OSError("a device")
    except FileNotFoundError:
        return
    except OSError:
        raise ModelStoreError(
            f"{path} is not digitpad's lock file; remove it so that digitpad can change your models"
        ) from None


@contextmanager
def _store_errors():
    """System errors while changing the models, as one sentence (no errno numbers)."""
    try:
        yield
    except DigitpadError:
        raise
    except OSError as exc:
        raise ModelStoreError(
            f"your models in {models_dir()} cannot be changed: {os_reason(exc)}"
        ) from None


# ----- the pointer ---------------------------------------------------------------------------
def read_pointer() -> dict:
    """``{"current": id|SHIPPED, "previous": id|SHIPPED|None}``; a missing or unreadable pointer
    reads as the shipped model (an unreadable one is quarantined by ``load_current``)."""
    pointer, _ = _read_pointer()
    return pointer


def _read_pointer() -> tuple[dict, str | None]:
    """The pointer and the reason it could not be read (None when fine or absent)."""
    default = {"current": SHIPPED, "previous": None}
    path = pointer_path()
    try:
        data = read_small_file(path, MAX_POINTER_BYTES)
    except MetadataError as exc:
        return default, _reason(exc, path)
    except OSError as exc:
        return default, str(exc.strerror or exc)
    if data is None:
        return default, None
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


# ----- the order of use ------------------------------------------------------------------------
def _entry_files() -> list[Path]:
    """The history's model files (a folder or pipe named like one is no entry)."""
    try:
        found = list(history_dir().glob("*.npz"))
    except OSError:
        return []
    return [p for p in found if HISTORY_ID.match(p.stem) and p.stem != SHIPPED and p.is_file()]


def _read_order() -> dict[str, int]:
    """``{id: n}`` for every entry, higher n used more recently. Histories from before
    order.json (or with an unreadable one) are ordered once by the old rule: file time."""
    files = _entry_files()
    try:
        used = _parse_order(read_small_file(order_path(), MAX_ORDER_BYTES))
    except (MetadataError, OSError):
        used = None
    if used is None:
        used = {p.stem: n for n, p in enumerate(sorted(files, key=_file_time), 1)}
    ids = {p.stem for p in files}
    order = {i: n for i, n in used.items() if i in ids}
    top = max(order.values(), default=0)
    for n, entry_id in enumerate(sorted(ids - set(order)), top + 1):
        order[entry_id] = n  # moved in by a process killed before it wrote the order: recent
    return order


def _parse_order(data: bytes | None) -> dict[str, int] | None:
    if data is None:
        return None
    raw = parse_json(data, "the model order")
    used = raw.get("used") if isinstance(raw, dict) and raw.get("format") == ORDER_FORMAT else None
    if not isinstance(used, dict):
        return None
    ok = all(HISTORY_ID.match(k) and type(v) is int and 0 <= v < 2**53 for k, v in used.items())
    return used if ok else None


def _file_time(path: Path) -> tuple[float, str]:
    try:
        return path.stat().st_mtime, path.stem
    except OSError:
        return 0.0, path.stem


def _write_order(order: dict[str, int]) -> None:
    with atomic_file(order_path()) as handle:
        handle.write(json.dumps({"format": ORDER_FORMAT, "used": order}).encode())


def _newest_first(order: dict[str, int]) -> list[str]:
    return sorted(order, key=lambda i: (order[i], i), reverse=True)


# ----- changing the current model -----------------------------------------------------------
def add(
    model: Reader,
    metadata: dict,
    wait: float = LOCK_TIMEOUT_S,
    on_wait: Callable[[], None] | None = None,
    keep_at: Path | None = None,
) -> Path:
    """Keep ``model`` in the history and make it current; returns its file. ``metadata``: what to
    store beside the entries ``save_model`` generates (``ModelInfo.to_metadata()``). ``wait`` and
    ``on_wait``: see ``locked``. The model is written before the lock is taken: to ``keep_at``
    (a ``staged_path``) when given, where it then stays if it cannot be made current (it joins
    the history at the next start; the same ``keep_at`` again does not write it twice), else to
    a file that is removed on failure (the caller still has the model)."""
    staged = keep_at or staged_path(new_id())
    if not staged.is_file() and not entry_path(_staged_id(staged)).is_file():
        stage(model, metadata, staged)
    try:
        return adopt(staged, wait, on_wait)
    except BaseException:
        if keep_at is None:
            staged.unlink(missing_ok=True)
        raise


def stage(model: Reader, metadata: dict, staged: Path) -> Path:
    """Write ``model`` to ``staged`` (a ``staged_path``) without taking the lock."""
    with _store_errors():
        return save_model(model, staged, **metadata)


def _staged_id(staged: Path) -> str:
    return Path(staged).name.removeprefix(STAGED_PREFIX).removesuffix(".npz")


def adopt(staged: Path, wait: float = LOCK_TIMEOUT_S, on_wait: Callable[[], None] | None = None) -> Path:
    """Move a staged model file into the history and make it current; returns its new path."""
    entry_id = _staged_id(staged)
    target = entry_path(entry_id)
    with _store_errors(), locked(wait, on_wait):
        if os.path.lexists(staged):
            os.replace(staged, target)
            fsync_dir(history_dir())
        elif not target.is_file():  # else another start moved it in already
            raise ModelFileError(f"{staged} is gone")
        _use(entry_id)
        with suppress(OSError):  # the model is kept and current: an odd entry must not say otherwise
            prune()
    return target


def select(entry_id: str, wait: float = LOCK_TIMEOUT_S) -> None:
    """Make a history entry (or SHIPPED) current again. Raises ModelFileError if it is gone."""
    with _store_errors(), locked(wait):
        if entry_id != SHIPPED and not entry_path(entry_id).is_file():
            raise ModelFileError(f"model {entry_id} is no longer in the history")
        _use(entry_id)


def _use(entry_id: str) -> None:
    """Count ``entry_id`` as the most recently used and point at it; call under the lock."""
    if entry_id != SHIPPED:
        order = _read_order()
        order[entry_id] = max(order.values(), default=0) + 1
        _write_order(order)
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
    order = _read_order()
    gone = [i for i in _newest_first(order)[keep:] if i not in protected]
    for entry_id in gone:
        try:
            entry_path(entry_id).unlink(missing_ok=True)
        except OSError:
            continue
        del order[entry_id]
    if gone:
        _write_order(order)
    return gone


# ----- reading ---------------------------------------------------------------------------------
def entries() -> list[Entry]:
    """Every model in the history, most recently used first (metadata only is read)."""
    out = []
    for entry_id in _newest_first(_read_order()):
        path = entry_path(entry_id)
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
        return Current.of(model, meta, path, entry_id, notices)
    if pointer["current"] != SHIPPED:
        _try_point_to(SHIPPED)
        notices.append("The shipped model is used.")
    model, meta = load_model(paths.shipped_model_path())
    return Current.of(model, meta, paths.shipped_model_path(), SHIPPED, notices)


def _reason(exc: Exception, path: Path) -> str:
    return str(exc).removeprefix(f"{path}: ")


def _try_point_to(entry_id: str) -> None:
    try:
        with locked(wait=0):
            _point_to(entry_id)
    except OSError:
        pass  # a read-only home or another digitpad at work: the fallback holds for this session


# ----- start-up housekeeping ---------------------------------------------------------------
def prepare() -> list[str]:
    """Bring earlier layouts into the history and remove temporary files of killed saves.
    Returns notices; never raises for a read-only or odd home."""
    legacy = [models_dir() / "previous.npz", models_dir() / "current.npz"]
    if not any(p.is_file() for p in legacy) and not _has_leftovers():
        return []
    try:
        with locked(wait=0):  # never hold up a start: another digitpad tidies, or the next start
            remove_stale_temps(history_dir(), older_than_s=0)  # writers hold this lock
            remove_stale_temps(models_dir())
            _adopt_staged()
            return _migrate(*legacy)
    except ModelStoreBusy:
        if not any(p.is_file() for p in legacy):
            return []
        return ["Your models from an earlier version join the history at the next start."]
    except OSError as exc:
        return [f"Your saved models could not be tidied ({os_reason(exc)})."]


def _has_leftovers() -> bool:
    for folder in (models_dir(), history_dir()):
        try:
            if any(_is_leftover(p.name) for p in folder.iterdir()):
                return True
        except OSError:
            continue
    return False


def _is_leftover(name: str) -> bool:
    return name.endswith(".tmp") or (name.startswith(STAGED_PREFIX) and name.endswith(".npz"))


def _adopt_staged() -> None:
    """Models written by a process that was stopped (a kill, Ctrl+C, a busy lock) before they
    moved into the history join it now, as recently used entries (not current); under the lock."""
    for path in models_dir().glob(f"{STAGED_PREFIX}*.npz"):
        entry_id = _staged_id(path)
        if HISTORY_ID.match(entry_id) and path.is_file() and not entry_path(entry_id).exists():
            os.replace(path, entry_path(entry_id))


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
        when = utc_time(path.stat().st_mtime)
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
