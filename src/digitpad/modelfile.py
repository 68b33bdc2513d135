"""Model files: one ``.npz`` with arrays ``W0, b0, W1, b1, ...`` and a ``metadata`` entry holding
UTF-8 JSON as uint8 bytes (no pickles anywhere). Loaded with ``allow_pickle=False`` and validated;
saved atomically (temporary file in the same directory, fsync, rename).
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from digitpad import __version__
from digitpad.activations import ACTIVATIONS
from digitpad.atomic import atomic_file
from digitpad.calibration import Calibration
from digitpad.errors import ModelFileError
from digitpad.losses import LOSSES
from digitpad.network import MLP
from digitpad.preprocess import PREPROCESSING_VERSION
from digitpad.shapes import CLASSES, PIXELS

FORMAT = "digitpad-model"
FORMAT_VERSION = 1
MAX_UNITS = 1 << 16


def metadata_for(model: MLP, **extra) -> dict:
    """The self-description stored with ``model``; ``extra`` adds config, metrics, notes."""
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "layer_sizes": model.layer_sizes,
        "activation": model.activation,
        "loss": model.loss,
        "preprocessing_version": PREPROCESSING_VERSION,
        "digitpad_version": __version__,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "calibration": model.calibration.to_dict(),
    }
    meta.update(extra)
    return meta


def save_model(model: MLP, path: Path, **extra) -> Path:
    """Write ``model`` with its metadata to ``path`` atomically; returns the path."""
    path = Path(path)
    meta = metadata_for(model, **extra)
    arrays: dict[str, Any] = {}
    for i, (w, b) in enumerate(model.layers()):
        arrays[f"W{i}"], arrays[f"b{i}"] = w, b
    arrays["metadata"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as handle:
        np.savez(handle, **arrays)
    return path


def _check_metadata(meta, name) -> None:
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelFileError(f"{name}: not a digitpad model (metadata lacks the format marker)")
    version = meta.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise ModelFileError(f"{name}: invalid format version {version!r}")
    if version > FORMAT_VERSION:
        raise ModelFileError(
            f"{name}: made by a newer digitpad (format {version}; this one reads {FORMAT_VERSION})"
        )
    sizes = meta.get("layer_sizes")
    if (
        not isinstance(sizes, list)
        or len(sizes) < 2
        or not all(isinstance(n, int) and 0 < n <= MAX_UNITS for n in sizes)
    ):
        raise ModelFileError(f"{name}: invalid layer sizes {sizes!r}")
    if sizes[0] != PIXELS or sizes[-1] != CLASSES:
        raise ModelFileError(
            f"{name}: expects {sizes[0]} inputs and {sizes[-1]} outputs, not {PIXELS}/{CLASSES}"
        )
    if meta.get("activation") not in ACTIVATIONS or meta.get("loss") not in LOSSES:
        raise ModelFileError(f"{name}: unknown activation or loss in metadata")


def _read_archive(loaded, name: str):
    """Validated ``(layer_sizes, metadata, params)`` from what ``np.load`` returned."""
    if not isinstance(loaded, np.lib.npyio.NpzFile):
        raise ModelFileError(f"{name}: a single array, not a model archive")
    with loaded as npz:
        if "metadata" not in npz.files:
            raise ModelFileError(f"{name}: no metadata entry")
        meta = json.loads(npz["metadata"].tobytes().decode("utf-8"))
        _check_metadata(meta, name)
        sizes = meta["layer_sizes"]
        params = []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            for key, shape in ((f"W{i}", (n_in, n_out)), (f"b{i}", (n_out,))):
                if key not in npz.files:
                    raise ModelFileError(f"{name}: array {key} missing")
                arr = npz[key]
                if arr.shape != shape or arr.dtype.kind != "f":
                    raise ModelFileError(
                        f"{name}: {key} has shape {arr.shape} {arr.dtype}, expected {shape} float"
                    )
                params.append(np.ascontiguousarray(arr, np.float32))
    return sizes, meta, params


def load_model(path: Path) -> tuple[MLP, dict]:
    """Read and validate a model file; returns ``(model, metadata)``. Raises ModelFileError."""
    path = Path(path)
    name = str(path)
    try:
        with open(path, "rb") as handle:
            sizes, meta, params = _read_archive(np.load(handle, allow_pickle=False), name)
    except ModelFileError:
        raise
    except FileNotFoundError:
        raise ModelFileError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ModelFileError(f"{name}: is a directory, not a model file") from None
    except PermissionError:
        raise ModelFileError(f"{name}: permission denied") from None
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, UnicodeDecodeError, KeyError) as exc:
        # allow_pickle=False turns a pickled object into ValueError: it is never executed.
        raise ModelFileError(
            f"{name}: not a readable model file ({type(exc).__name__}: {exc})"
        ) from None
    if not all(np.isfinite(p).all() for p in params):
        raise ModelFileError(f"{name}: contains NaN or infinite weights")
    model = MLP(sizes, meta["activation"], meta["loss"], params)
    if "calibration" in meta:
        try:
            model.calibration = Calibration.from_dict(meta["calibration"])
        except ValueError as exc:
            raise ModelFileError(f"{name}: {exc}") from None
    return model, meta
