"""Checking the JSON metadata of model and handwriting-sample files before anything uses it.

Every read of a model or sample goes through here: the raw bytes are size- and depth-limited before
they are parsed, and the parsed object is checked field by field (types, ranges, lengths). The
result is a plain dict holding only checked values (unknown keys of a model are kept when they are
small plain JSON, for forward compatibility). Failures raise MetadataError with one plain sentence.
"""

from __future__ import annotations

import json
import math
import re
from typing import TypeGuard

from digitpad.errors import MetadataError
from digitpad.model.activations import ACTIVATIONS
from digitpad.model.losses import LOSSES
from digitpad.reading.calibration import Calibration
from digitpad.shapes import CLASSES, PIXELS

MODEL_FORMAT = "digitpad-model"
MODEL_FORMAT_VERSION = 1
MAX_METADATA_BYTES = 64 * 1024
MAX_DEPTH = 6
MAX_STRING = 2000
MAX_LIST = 1000
MAX_LAYERS = 16
MAX_UNITS = 1 << 16
# 50 M parameters = 200 MB as float32: far above any preset (the shipped model has 1.9 M), low
# enough that reading the largest model a file may declare stays well under 500 MB.
MAX_PARAMETERS = 50_000_000
HISTORY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")


def parse_json(data: bytes, what: str = "metadata") -> object:
    """Parse UTF-8 JSON after checking its size and nesting depth (no RecursionError, no
    giant allocations); raises MetadataError."""
    if len(data) > MAX_METADATA_BYTES:
        raise MetadataError(f"{what} is {len(data):,} bytes (the limit is {MAX_METADATA_BYTES:,})")
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise MetadataError(f"{what} is not UTF-8 text") from None
    depth = json_depth(text)
    if depth > MAX_DEPTH:
        raise MetadataError(f"{what} is nested {depth} levels deep (the limit is {MAX_DEPTH})")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise MetadataError(f"{what} is not valid JSON ({exc})") from None


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def json_depth(text: str) -> int:
    """Deepest bracket nesting in JSON ``text`` (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


# ----- field checks ---------------------------------------------------------------------------
def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)


def _int(meta: dict, key: str, low: int, high: int, required: bool = False):
    value = meta.get(key)
    if value is None and not required:
        return None
    if not _is_int(value) or not low <= value <= high:
        raise MetadataError(f"{key} must be a whole number from {low} to {high}, not {_show(value)}")
    return value


def _number(meta: dict, key: str, low: float, high: float):
    value = meta.get(key)
    if value is None:
        return None
    if not _is_number(value) or not low <= value <= high:
        raise MetadataError(f"{key} must be a number from {low} to {high}, not {_show(value)}")
    return value


def _string(meta: dict, key: str, required: bool = False, choices=None, max_len: int = MAX_STRING):
    value = meta.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > max_len:
        raise MetadataError(f"{key} must be text of at most {max_len} characters, not {_show(value)}")
    if choices is not None and value not in choices:
        raise MetadataError(f"{key} must be one of {', '.join(sorted(choices))}, not {value!r}")
    return value


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _plain_json(value, key: str, depth: int = 0):
    """``value`` if it is small plain JSON (no NaN), else MetadataError."""
    if depth > MAX_DEPTH:
        raise MetadataError(f"{key} is nested too deeply")
    if value is None or isinstance(value, bool) or _is_int(value):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise MetadataError(f"{key} holds a non-finite number")
        return value
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            raise MetadataError(f"{key} holds text longer than {MAX_STRING} characters")
        return value
    if isinstance(value, list):
        if len(value) > MAX_LIST:
            raise MetadataError(f"{key} holds a list longer than {MAX_LIST} items")
        return [_plain_json(v, key, depth + 1) for v in value]
    if isinstance(value, dict):
        if len(value) > MAX_LIST:
            raise MetadataError(f"{key} holds more than {MAX_LIST} entries")
        return {str(k): _plain_json(v, key, depth + 1) for k, v in value.items()}
    raise MetadataError(f"{key} holds a {type(value).__name__}")


def parameter_count(layer_sizes: list[int]) -> int:
    return sum(a * b + b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))


def _layer_sizes(meta: dict) -> list[int]:
    sizes = meta.get("layer_sizes")
    if (
        not isinstance(sizes, list)
        or not 2 <= len(sizes) <= MAX_LAYERS
        or not all(_is_int(n) and 0 < n <= MAX_UNITS for n in sizes)
    ):
        raise MetadataError(f"invalid layer sizes {_show(sizes)}")
    if sizes[0] != PIXELS or sizes[-1] != CLASSES:
        raise MetadataError(f"expects {sizes[0]} inputs and {sizes[-1]} outputs, not {PIXELS}/{CLASSES}")
    count = parameter_count(sizes)
    if count > MAX_PARAMETERS:
        raise MetadataError(
            f"declares {count:,} parameters (the limit is {MAX_PARAMETERS:,}): too large to load"
        )
    return list(sizes)


def _metrics(value) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or len(value) > 50:
        raise MetadataError(f"metrics must be a table of numbers, not {_show(value)}")
    out = {}
    for key, number in value.items():
        if number is not None and not _is_number(number):
            raise MetadataError(f"metric {key!r} must be a number, not {_show(number)}")
        if "accuracy" in key and number is not None and not 0 <= number <= 1:
            raise MetadataError(f"metric {key!r} must be between 0 and 1, not {number}")
        out[str(key)[:100]] = number
    return out


def _config(value) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise MetadataError(f"config must be a table, not {_show(value)}")
    config = _plain_json(value, "config")
    hidden = config.get("hidden")
    if hidden is not None and (
        not isinstance(hidden, list) or not all(_is_int(n) and 0 < n <= MAX_UNITS for n in hidden)
    ):
        raise MetadataError(f"config hidden must be a list of layer sizes, not {_show(hidden)}")
    return config


# What modelfile.save_model writes itself, from the model object and the clock.
GENERATED_KEYS = frozenset(
    {
        "format",
        "format_version",
        "layer_sizes",
        "activation",
        "loss",
        "preprocessing_version",
        "digitpad_version",
        "created",
        "calibration",  # the model's temperature and "sure" threshold
        "nudged_reading",  # read every digit also nudged one pixel each way (digitpad.reading.nudge)
    }
)
REQUIRED_KEYS = frozenset({"format", "format_version", "layer_sizes", "activation", "loss"})
# Every other key a model file may hold, with its check: the one list of them. ModelInfo (their
# typed form) and modelfile.metadata_for (what saving adds) are held to it by tests.
OPTIONAL_KEYS = {
    "preprocessing_version": lambda raw, key: _int(raw, key, 1, 1000),
    "digitpad_version": lambda raw, key: _string(raw, key, max_len=50),
    "created": lambda raw, key: _string(raw, key, max_len=50),
    "origin": lambda raw, key: _string(raw, key, max_len=100),
    "preset": lambda raw, key: _string(raw, key, max_len=100),
    "config": lambda raw, key: _config(raw.get(key)),
    "epochs_trained": lambda raw, key: _int(raw, key, 0, 1_000_000),
    "train_seconds": lambda raw, key: _number(raw, key, 0, 1e9),
    "metrics": lambda raw, key: _metrics(raw.get(key)),
    "training_data": lambda raw, key: _string(raw, key),
    "personalised_from": lambda raw, key: _string(raw, key, choices={"shipped", "user"}),
    "personalised_from_id": lambda raw, key: _history_id(raw.get(key)),
    "personal_samples": lambda raw, key: _int(raw, key, 0, 10_000_000),
    "personalise_steps": lambda raw, key: _int(raw, key, 0, 10_000_000),
    "calibration": lambda raw, key: _calibration(raw.get(key)),
    "nudged_reading": lambda raw, key: _bool(raw, key),
}
MODEL_CHECKED = REQUIRED_KEYS | OPTIONAL_KEYS.keys()


def check_model_metadata(raw) -> dict:
    """The checked metadata of a model file (``raw``: the parsed JSON); raises MetadataError.

    Required: format marker, format version, layer sizes (784 in, 10 out, at most MAX_LAYERS
    layers of MAX_UNITS units and MAX_PARAMETERS parameters), activation, loss.
    """
    if not isinstance(raw, dict) or raw.get("format") != MODEL_FORMAT:
        raise MetadataError("not a digitpad model (metadata lacks the format marker)")
    version = raw.get("format_version")
    if not _is_int(version) or version < 1:
        raise MetadataError(f"invalid format version {_show(version)}")
    if version > MODEL_FORMAT_VERSION:
        raise MetadataError(
            f"made by a newer digitpad (format {version}; this one reads {MODEL_FORMAT_VERSION})"
        )
    meta = {"format": MODEL_FORMAT, "format_version": version, "layer_sizes": _layer_sizes(raw)}
    activation, loss = raw.get("activation"), raw.get("loss")
    if not isinstance(activation, str) or not isinstance(loss, str):
        raise MetadataError("activation and loss must be names")
    if activation not in ACTIVATIONS or loss not in LOSSES:
        raise MetadataError("unknown activation or loss in metadata")
    meta["activation"], meta["loss"] = raw["activation"], raw["loss"]
    optional = {key: check(raw, key) for key, check in OPTIONAL_KEYS.items()}
    meta.update({k: v for k, v in optional.items() if v is not None or k in raw})
    for key, value in raw.items():
        if key not in MODEL_CHECKED:
            meta[str(key)] = _plain_json(value, str(key))
    return meta


def _calibration(value) -> dict | None:
    """How sure the model may say it is: temperature, "sure" threshold, what the fit measured."""
    if value is None:
        return None
    try:
        return Calibration.from_dict(value).to_dict()
    except ValueError as exc:
        raise MetadataError(str(exc)) from None


def _bool(meta: dict, key: str) -> bool | None:
    value = meta.get(key)
    if value is not None and not isinstance(value, bool):
        raise MetadataError(f"{key} must be true or false, not {_show(value)}")
    return value


def _history_id(value):
    if value is None:
        return None
    if not isinstance(value, str) or not HISTORY_ID.match(value):
        raise MetadataError(f"personalised_from_id is not a model history name: {_show(value)}")
    return value


def check_sample_metadata(raw) -> dict:
    """The checked metadata of a handwriting sample: ``label`` 0-9 and ``created`` text."""
    if not isinstance(raw, dict):
        raise MetadataError(f"sample metadata must be a table, not {_show(raw)}")
    label = _int(raw, "label", 0, 9, required=True)
    created = _string(raw, "created", max_len=50) or ""
    return {"label": label, "created": created}
