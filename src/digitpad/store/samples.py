"""The user's own handwriting samples: one small .npz per sample in the user data directory.

Each holds the 28x28 input the network saw (784,), the strokes (board units) it came from, the
digit the user said it was, and the date. Files are written atomically and read without pickles;
an unreadable file is moved to quarantine/, never fatal.
"""

from __future__ import annotations

import datetime as dt
import json
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

MAX_POINTS = 200_000  # points in one drawing's strokes (a long scribble has a few thousand)
MAX_SAMPLE_BYTES = 16 * MAX_POINTS + (1 << 20)


class SampleError(MetadataError):
    """A sample file is malformed or over a limit."""


@dataclass(frozen=True)
class PersonalSample:
    id: str
    label: int
    created: str
    input: np.ndarray  # (784,) float32
    strokes: list  # [(n_k, 2) float32 arrays], board units


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
    sample_id = f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    arrays = [np.asarray(s, np.float32).reshape(-1, 2) for s in strokes] or [
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


def _read(path: Path) -> PersonalSample:
    """One sample, every header and value checked before use; raises SampleError."""
    with NpzReader(path, SampleError, MAX_SAMPLE_BYTES) as npz:
        raw = npz.read("metadata", (None,), kinds="u", max_items=MAX_METADATA_BYTES)
        meta = check_sample_metadata(parse_json(raw.tobytes(), "sample metadata"))
        x = npz.read("input", (PIXELS,)).astype(np.float32)
        points = npz.read("points", (None, 2), max_items=2 * MAX_POINTS).astype(np.float32)
        off = npz.read("stroke_off", (None,), kinds="iu", max_items=MAX_POINTS + 1)
    if not np.isfinite(x).all() or not np.isfinite(points).all():
        raise SampleError("non-finite values")
    if len(off) < 1 or off[0] != 0 or off[-1] != len(points) or (np.diff(off) < 0).any():
        raise SampleError("stroke offsets do not match the points")
    strokes = [points[off[k] : off[k + 1]] for k in range(len(off) - 1)]
    return PersonalSample(path.stem, meta["label"], meta["created"], x, strokes)


def list_samples() -> tuple[list[PersonalSample], int]:
    """All readable samples, oldest first, and the number of unreadable files, which are moved
    to the quarantine folder (so one bad file never breaks the tab)."""
    samples, skipped = [], 0
    try:
        files = sorted(samples_dir(create=False).glob("*.npz"))
    except OSError:
        return [], 0
    for path in files:
        try:
            samples.append(_read(path))
        except (
            DigitpadError,
            ValueError,
            EOFError,
            zipfile.BadZipFile,
            zlib.error,
            NotImplementedError,
            RuntimeError,
            MemoryError,
        ) as exc:
            skipped += 1
            move_aside(path, str(exc).removeprefix(f"{path}: "))
        except OSError:
            skipped += 1  # unreadable just now (e.g. a network drive): left where it is
    return samples, skipped


def delete_sample(sample_id: str) -> None:
    (samples_dir() / f"{Path(sample_id).name}.npz").unlink(missing_ok=True)
