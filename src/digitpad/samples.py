"""The user's own handwriting samples: one small .npz per sample in the user data directory.

Each holds the 28x28 input the network saw (784,), the strokes (board units) it came from, the
digit the user said it was, and the date. Files are written atomically and read without pickles;
an unreadable file is skipped, never fatal.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad import paths
from digitpad.atomic import atomic_file
from digitpad.data import Dataset
from digitpad.shapes import PIXELS


@dataclass(frozen=True)
class PersonalSample:
    id: str
    label: int
    created: str
    input: np.ndarray  # (784,) float32
    strokes: list  # [(n_k, 2) float32 arrays], board units


def samples_dir() -> Path:
    folder = paths.user_dir() / "personal"
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
    with open(path, "rb") as handle, np.load(handle, allow_pickle=False) as npz:
        meta = json.loads(npz["metadata"].tobytes().decode("utf-8"))
        x = npz["input"].astype(np.float32).reshape(PIXELS)
        points, off = npz["points"], npz["stroke_off"]
    label = int(meta["label"])
    if not 0 <= label <= 9 or not np.isfinite(x).all():
        raise ValueError("bad sample")
    strokes = [points[off[k] : off[k + 1]] for k in range(len(off) - 1)]
    return PersonalSample(path.stem, label, str(meta.get("created", "")), x, strokes)


def list_samples() -> tuple[list[PersonalSample], int]:
    """All readable samples, oldest first, and the number of unreadable files skipped."""
    samples, skipped = [], 0
    for path in sorted(samples_dir().glob("*.npz")):
        try:
            samples.append(_read(path))
        except (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError, zipfile.BadZipFile):
            skipped += 1
    return samples, skipped


def delete_sample(sample_id: str) -> None:
    (samples_dir() / f"{Path(sample_id).name}.npz").unlink(missing_ok=True)


def as_dataset(samples: list[PersonalSample]) -> Dataset:
    if not samples:
        return Dataset(np.zeros((0, PIXELS), np.float32), np.zeros(0, np.int64))
    return Dataset(np.stack([s.input for s in samples]), np.array([s.label for s in samples], np.int64))
