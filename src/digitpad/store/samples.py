"""The user's own handwriting samples: one small .npz per sample in the user data directory.

Each holds the 28x28 input the network saw (784,), the strokes (board units) it came from, the
digit the user said it was, and the date. Files are written atomically and read without pickles;
an unreadable file is moved to quarantine/, never fatal.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.errors import DigitpadError, MetadataError
from digitpad.shapes import PIXELS
from digitpad.store import paths
from digitpad.store.atomic import atomic_file
from digitpad.store.limits import NpzReader
from digitpad.store.metadata_check import MAX_METADATA_BYTES, check_sample_metadata, parse_json
from digitpad.store.quarantine import move_aside

MAX_POINTS = 20_000  # points in one drawing's strokes (a long scribble has a few thousand)
MAX_STROKES = 1_000
MAX_SAMPLE_BYTES = 8 * (2 * MAX_POINTS + MAX_STROKES) + (1 << 20)
# "<UTC time>-<random>-<digit>": the list is made from the names alone (no file is read)
NAME = re.compile(r"^(\d{8}T\d{6})-[0-9a-f]{8}-(\d)$")
SAMPLE_READ_ERRORS = (
    DigitpadError,
    ValueError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    MemoryError,
)


class SampleError(MetadataError):
    """A sample file is malformed or over a limit."""


@dataclass(frozen=True)
class PersonalSample:
    id: str
    label: int
    created: str
    input: np.ndarray  # (784,) float32
    strokes: list  # [(n_k, 2) float32 arrays], board units


@dataclass(frozen=True)
class SampleEntry:
    """A sample as listed: what its file name says (its file is read only when needed)."""

    id: str
    label: int

    @property
    def created(self) -> str:
        stamp = NAME.match(self.id)
        if stamp is None:
            return ""
        return dt.datetime.strptime(stamp.group(1), "%Y%m%dT%H%M%S").isoformat()


def samples_dir(create: bool = True) -> Path:
    folder = paths.user_dir() / "personal"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_sample(label: int, x: np.ndarray, strokes) -> PersonalSample:
    """Store one labelled drawing; returns it."""
    if not 0 <= int(label) <= 9:
        raise ValueError(f"label must be a digit, not {label!r}")
    now = dt.datetime.now(dt.timezone.utc)
    sample_id = _new_id(int(label), now)
    arrays = _within_limits([np.asarray(s, np.float32).reshape(-1, 2) for s in strokes]) or [
        np.zeros((0, 2), np.float32)
    ]
    offsets = np.cumsum([0] + [len(a) for a in arrays]).astype(np.int64)
    created = now.isoformat(timespec="seconds")
    meta = {"label": int(label), "created": created}
    folder = samples_dir()
    with atomic_file(folder / f"{sample_id}.npz") as handle:
        np.savez(
            handle,
            input=np.asarray(x, np.float32).reshape(PIXELS),
            points=np.concatenate(arrays),
            stroke_off=offsets,
            metadata=np.frombuffer(json.dumps(meta).encode(), np.uint8),
        )
    return PersonalSample(
        sample_id, int(label), created, np.asarray(x, np.float32).reshape(PIXELS), arrays
    )


def _new_id(label: int, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.timezone.utc)
    return f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}-{label}"


def _within_limits(strokes: list[np.ndarray]) -> list[np.ndarray]:
    """The strokes cut to MAX_STROKES and MAX_POINTS (what is read back), so that a kept sample
    can always be read; the network's input, what training uses, is kept whole anyway."""
    kept, room = [], MAX_POINTS
    for stroke in strokes[:MAX_STROKES]:
        if room <= 0:
            break
        kept.append(stroke[:room])
        room -= len(kept[-1])
    return kept


def _read(path: Path, strokes: bool = True) -> PersonalSample:
    """One sample (without its strokes unless ``strokes``), every header and value checked before
    use; raises SampleError."""
    with NpzReader(path, SampleError, MAX_SAMPLE_BYTES) as npz:
        raw = npz.read("metadata", (None,), kinds="u", max_items=MAX_METADATA_BYTES)
        meta = check_sample_metadata(parse_json(raw.tobytes(), "sample metadata"))
        x = npz.read("input", (PIXELS,)).astype(np.float32)
        named = NAME.match(path.stem)
        if named and int(named.group(2)) != meta["label"]:
            raise SampleError(f"its name says {named.group(2)}, its contents {meta['label']}")
        if not np.isfinite(x).all():
            raise SampleError("non-finite values")
        if not strokes:
            return PersonalSample(path.stem, meta["label"], meta["created"], x, [])
        points = npz.read("points", (None, 2), max_items=2 * MAX_POINTS).astype(np.float32)
        off = npz.read("stroke_off", (None,), kinds="iu", max_items=MAX_STROKES + 1)
    if not np.isfinite(points).all():
        raise SampleError("non-finite values")
    if len(off) < 1 or off[0] != 0 or off[-1] != len(points) or (np.diff(off) < 0).any():
        raise SampleError("stroke offsets do not match the points")
    return PersonalSample(
        path.stem,
        meta["label"],
        meta["created"],
        x,
        [points[off[k] : off[k + 1]] for k in range(len(off) - 1)],
    )


def list_samples() -> tuple[list[SampleEntry], int]:
    """Every sample, oldest first, from the file names alone, and the number of unreadable files.

    A file named by an earlier version (no digit in its name) is read once and renamed; one that
    cannot be read is moved to quarantine (so one bad file never breaks the tab)."""
    entries, skipped = [], 0
    try:
        names = sorted(e.name for e in os.scandir(samples_dir(create=False)) if e.name.endswith(".npz"))
    except OSError:
        return [], 0
    for name in names:
        stem = name.removesuffix(".npz")
        named = NAME.match(stem)
        if named:
            entries.append(SampleEntry(stem, int(named.group(2))))
            continue
        entry = _renamed(samples_dir() / name)
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    return sorted(entries, key=lambda e: e.id), skipped


def _renamed(path: Path) -> SampleEntry | None:
    """An earlier version's sample, renamed to say its digit (None: unreadable, set aside)."""
    sample = read_sample(path.stem, strokes=False)
    if sample is None:
        return None
    new_id = f"{path.stem}-{sample.label}"  # earlier versions' "<time>-<random>"
    if not NAME.match(new_id):  # some other name: given a new one
        new_id = _new_id(sample.label)
    try:
        os.replace(path, path.with_name(f"{new_id}.npz"))
    except OSError:
        return SampleEntry(path.stem, sample.label)
    return SampleEntry(new_id, sample.label)


def read_sample(sample_id: str, strokes: bool = True) -> PersonalSample | None:
    """The sample ``sample_id``; None when its file cannot be read (a malformed one is moved to
    the quarantine folder; one that cannot be read just now, e.g. on a network drive, stays)."""
    path = samples_dir(create=False) / f"{Path(sample_id).name}.npz"
    try:
        return _read(path, strokes)
    except SAMPLE_READ_ERRORS as exc:
        move_aside(path, str(exc).removeprefix(f"{path}: "))
    except OSError:
        pass
    return None


def delete_sample(sample_id: str) -> None:
    (samples_dir() / f"{Path(sample_id).name}.npz").unlink(missing_ok=True)
