"""Reading IDX files (the MNIST format), raw or gzip, validating every header field.

Files are read as a stream: the header comes first and is checked (its declared size too, at most
MAX_IDX_BYTES), then the data goes straight into an array of that size, so a gzip bomb or a
huge file costs at most that, never the whole file.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from digitpad.errors import DataError
from digitpad.store.limits import READ_CHUNK, Gunzip, check_regular_file

UBYTE_CODE = 0x08
GZIP_MAGIC = b"\x1f\x8b"
MAX_IDX_BYTES = 64 * 1024 * 1024  # MNIST's largest file holds 47 MB
MAX_HEADER = 4 + 4 * 3


def parse_idx(data: bytes, name: str = "IDX data") -> np.ndarray:
    """Parse IDX bytes of unsigned bytes into an array shaped by the header.

    Raises DataError when the magic number, dimension count, sizes or length are wrong.
    """
    return _parse_stream([data], name)


def read_idx(path: Path) -> np.ndarray:
    """The IDX file at ``path`` (raw or gzip) as an array. Raises DataError on any failure."""
    check_regular_file(path, DataError)  # a named pipe would block
    try:
        with open(path, "rb") as handle:
            chunks = iter(lambda: handle.read(READ_CHUNK), b"")
            first = next(chunks, b"")
            if first[:2] == GZIP_MAGIC:
                return _parse_stream(_gunzipped(first, chunks, str(path)), str(path))
            return _parse_stream(_chained(first, chunks), str(path))
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except MemoryError:
        raise DataError(f"{path}: not enough memory to load it") from None


def _chained(first: bytes, rest: Iterable[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _gunzipped(first: bytes, rest: Iterable[bytes], name: str) -> Iterator[bytes]:
    gunzip = Gunzip(MAX_HEADER + MAX_IDX_BYTES, DataError, name)
    for chunk in _chained(first, rest):
        yield from gunzip.feed(chunk)
    gunzip.finish()


def _parse_stream(chunks: Iterable[bytes], name: str) -> np.ndarray:
    """The array from IDX bytes arriving in ``chunks``: header first, then exactly the data it
    declares (more or less is an error, found without reading past the declared size)."""
    stream = iter(chunks)
    head = bytearray()
    for chunk in stream:
        head += chunk
        if len(head) >= MAX_HEADER:
            break
    if len(head) < 4:
        raise DataError(f"{name}: too short to be an IDX file ({len(head)} bytes)")
    zero, code, ndim = head[0] << 8 | head[1], head[2], head[3]
    if zero != 0 or code != UBYTE_CODE or not 1 <= ndim <= 3:
        raise DataError(f"{name}: not an unsigned-byte IDX file (magic {bytes(head[:4]).hex()})")
    header = 4 + 4 * ndim
    if len(head) < header:
        raise DataError(f"{name}: header truncated")
    dims = struct.unpack(f">{ndim}I", head[4:header])
    size = int(np.prod(dims, dtype=np.int64))
    if size > MAX_IDX_BYTES:
        raise DataError(
            f"{name}: declares {size:,} bytes of data (dims {dims}); the limit is {MAX_IDX_BYTES:,}"
        )
    out = np.empty(size, np.uint8)
    done = 0
    for chunk in _chained(bytes(head[header:]), stream):
        if done + len(chunk) > size:
            raise DataError(f"{name}: has trailing bytes (expected {header + size} for dims {dims})")
        out[done : done + len(chunk)] = np.frombuffer(chunk, np.uint8)
        done += len(chunk)
    if done < size:
        raise DataError(
            f"{name}: truncated (expected {header + size} bytes for dims {dims}, got {header + done})"
        )
    return out.reshape(dims)
