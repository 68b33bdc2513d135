"""Reading IDX files (the MNIST format), raw or gzip, validating every header field."""

from __future__ import annotations

import gzip
import struct
import zlib
from pathlib import Path

import numpy as np

from digitpad.errors import DataError

UBYTE_CODE = 0x08


def read_bytes(path: Path) -> bytes:
    """The file's bytes, decompressed if it is gzip. Raises DataError on any failure."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as exc:
        raise DataError(f"{path}: corrupt gzip data ({exc})") from None


def parse_idx(data: bytes, name: str = "IDX data") -> np.ndarray:
    """Parse IDX bytes of unsigned bytes into an array shaped by the header.

    Raises DataError when the magic number, dimension count, sizes or length are wrong.
    """
    if len(data) < 4:
        raise DataError(f"{name}: too short to be an IDX file ({len(data)} bytes)")
    zero, code, ndim = data[0] << 8 | data[1], data[2], data[3]
    if zero != 0 or code != UBYTE_CODE or not 1 <= ndim <= 3:
        raise DataError(f"{name}: not an unsigned-byte IDX file (magic {data[:4].hex()})")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DataError(f"{name}: header truncated")
    dims = struct.unpack(f">{ndim}I", data[4:header])
    expected = header + int(np.prod(dims, dtype=np.int64))
    if len(data) != expected:
        what = "truncated" if len(data) < expected else "has trailing bytes"
        raise DataError(f"{name}: {what} (expected {expected} bytes for dims {dims}, got {len(data)})")
    return np.frombuffer(data, np.uint8, offset=header).reshape(dims)


def read_idx(path: Path) -> np.ndarray:
    return parse_idx(read_bytes(path), str(path))
