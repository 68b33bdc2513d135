"""Model files: one ``.npz`` with arrays ``W0, b0, W1, b1, ...`` and a ``metadata`` entry holding
UTF-8 JSON as uint8 bytes (no pickles anywhere). Loaded with ``allow_pickle=False`` and validated;
saved atomically (temporary file in the same directory, fsync, rename).
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from digitpad import __version__
from digitpad.errors import DigitpadError, MetadataError, ModelFileError
from digitpad.model.network import MLP
from digitpad.reading.calibration import Calibration
from digitpad.reading.preprocess import PREPROCESSING_VERSION
from digitpad.reading.reader import Reader
from digitpad.shapes import PIXELS
from digitpad.store.atomic import atomic_file
from digitpad.store.limits import NpzReader
from digitpad.store.metadata_check import (
    MAX_METADATA_BYTES,
    MAX_PARAMETERS,
    MODEL_FORMAT,
    MODEL_FORMAT_VERSION,
    check_model_metadata,
    parse_json,
)

FORMAT = MODEL_FORMAT
FORMAT_VERSION = MODEL_FORMAT_VERSION
# Weights may be stored as float64 by other tools: twice the float32 size, plus the zip overhead.
MAX_MODEL_FILE_BYTES = 8 * MAX_PARAMETERS + MAX_METADATA_BYTES + (1 << 20)


def metadata_for(model: Reader, **extra) -> dict:
    """The self-description stored with ``model``; ``extra`` adds config, metrics, notes."""
    network = model.network
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "layer_sizes": network.layer_sizes,
        "activation": network.activation,
        "loss": network.loss,
        "preprocessing_version": PREPROCESSING_VERSION,
        "digitpad_version": __version__,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "calibration": model.calibration.to_dict(),
        "nudged_reading": model.nudged,
    }
    meta.update(extra)
    return meta


def save_model(model: Reader, path: Path, **extra) -> Path:
    """Write ``model`` with its metadata to ``path`` atomically; returns the path."""
    path = Path(path)
    meta = metadata_for(model, **extra)
    arrays: dict[str, Any] = {}
    for i, (w, b) in enumerate(model.network.layers()):
        arrays[f"W{i}"], arrays[f"b{i}"] = w, b
    arrays["metadata"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as handle:
        np.savez(handle, **arrays)
    return path


def _weight_names(sizes: list[int]):
    """``(name, shape)`` of every parameter array, in ``MLP.params`` order."""
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        yield f"W{i}", (n_in, n_out)
        yield f"b{i}", (n_out,)


def _read_metadata(npz: NpzReader, name: str) -> dict:
    raw = npz.read("metadata", (None,), kinds="u", max_items=MAX_METADATA_BYTES)
    try:
        return check_model_metadata(parse_json(raw.tobytes()))
    except MetadataError as exc:
        raise ModelFileError(f"{name}: {exc}") from None


def _probe_is_finite(model: MLP) -> bool:
    """True when the model gives finite outputs on a blank and a few scribbled inputs: weights
    near the float32 limit overflow to inf/NaN in the forward pass though each one is finite."""
    rng = np.random.default_rng(0)
    probe = np.concatenate([np.zeros((1, PIXELS)), np.ones((1, PIXELS)), rng.random((6, PIXELS))])
    with np.errstate(all="ignore"):
        out = model.forward(probe.astype(model.dtype))
    return bool(np.isfinite(out).all())


def _guarded(name: str, read):
    """Run ``read()`` turning every way a hostile or broken file can fail into ModelFileError."""
    try:
        return read()
    except ModelFileError:
        raise
    except DigitpadError as exc:
        raise ModelFileError(str(exc)) from None
    except MemoryError:
        raise ModelFileError(f"{name}: too large to load") from None
    except (
        ValueError,
        OSError,
        EOFError,
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,  # an unsupported compression method
        RuntimeError,  # an encrypted zip member
    ) as exc:
        raise ModelFileError(
            f"{name}: not a readable model file ({type(exc).__name__}: {exc})"
        ) from None


def read_model_metadata(path: Path) -> dict:
    """Only the checked metadata of a model file (no weights are read). Raises ModelFileError."""
    name = str(path)

    def read():
        with NpzReader(path, ModelFileError, MAX_MODEL_FILE_BYTES) as npz:
            return _read_metadata(npz, name)

    return _guarded(name, read)


def load_model(path: Path) -> tuple[Reader, dict]:
    """Read and validate a model file; returns ``(model, metadata)``. Raises ModelFileError.

    Limits come first: only a regular file, metadata checked (size, depth, types, parameter
    count), every array's declared shape checked against it before its data is read; then the
    weights must be finite and give finite outputs on a probe input.
    """
    path = Path(path)
    name = str(path)

    def read():
        with NpzReader(path, ModelFileError, MAX_MODEL_FILE_BYTES) as npz:
            meta = _read_metadata(npz, name)
            params = [
                np.ascontiguousarray(npz.read(key, shape), np.float32)
                for key, shape in _weight_names(meta["layer_sizes"])
            ]
        return meta, params

    meta, params = _guarded(name, read)
    if not all(np.isfinite(p).all() for p in params):
        raise ModelFileError(f"{name}: contains NaN or infinite weights")
    network = MLP(meta["layer_sizes"], meta["activation"], meta["loss"], params)
    if not _probe_is_finite(network):
        raise ModelFileError(f"{name}: gives non-finite outputs (weights too large)")
    model = Reader(network, nudged=meta.get("nudged_reading") is True)  # older models read once
    if "calibration" in meta:
        model.calibration = Calibration.from_dict(meta["calibration"])  # checked with the metadata
    return model, meta
