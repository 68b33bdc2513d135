"""Hard limits checked before any work on a file the user (or anyone) handed us.

Only regular files are opened (a named pipe or device would block or never end). Archives of
arrays (.npz) are read member by member: each member's .npy header is read first and its declared
shape and dtype are checked against what the caller expects before a single byte of data is
allocated, so a header declaring (100000, 100000) or a zip bomb costs nothing.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from digitpad.errors import DigitpadError, MetadataError

MAX_IMAGE_PIXELS = 50_000_000  # 50 MP: any photo of a digit; a 16384^2 "bomb" is 268 MP
MAX_ARCHIVE_MEMBERS = 64
# zipfile parses the whole central directory, whatever count the end record gives: its size is
# capped too (64 entries of a long name each is far below it).
MAX_DIRECTORY_BYTES = MAX_ARCHIVE_MEMBERS * 1024
END_RECORD = struct.Struct("<4s4H2LH")  # signature, disks, entries here, entries, size, offset, comment
ZIP64_LOCATOR = struct.Struct("<4sLQL")  # signature, disk, offset of the zip64 end record, disks
ZIP64_END_RECORD = struct.Struct("<4sQ2H2L4Q")  # ..., entries here, entries, size, offset
FLOAT_SIZES = (4, 8)  # float32 and float64 only: float128 would cost 4x the memory of float32
READ_CHUNK = 1 << 22
KIND_NAMES = {"f": "float32/float64", "u": "unsigned int", "i": "int"}


def check_regular_file(path: Path, error=DigitpadError, max_bytes: int | None = None) -> int:
    """Raise ``error`` unless ``path`` is a regular file (of at most ``max_bytes``); its size."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except PermissionError:
        raise error(f"{path}: permission denied") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{path}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{path}: not a regular file (a pipe, device or socket)")
    if max_bytes is not None and info.st_size > max_bytes:
        raise error(f"{path}: {info.st_size:,} bytes is too large (the limit is {max_bytes:,})")
    return info.st_size


def read_small_file(path: Path, limit: int, error=MetadataError) -> bytes | None:
    """The bytes of a small file the user's folders hold (None when there is none); ``error``
    when it is not a regular file (a named pipe would block the read forever) or is over
    ``limit`` bytes."""
    if not os.path.lexists(path):
        return None
    check_regular_file(path, error, limit)
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise error(f"{path}: is too large")
    return data


class Gunzip:
    """gzip data decompressed as it is fed, piece by piece (every member, zero padding allowed
    between them, as the gzip module does), at most ``limit`` bytes out in all: a bomb stops at the
    limit instead of filling memory. ``feed`` yields pieces of at most READ_CHUNK bytes."""

    def __init__(self, limit: int, error=DigitpadError, name: str = "gzip data"):
        self.limit, self.error, self.name = limit, error, name
        self.total = 0
        self._member = zlib.decompressobj(wbits=31)
        self._started = False  # the current member has had input

    def feed(self, data: bytes) -> Iterator[bytes]:
        pending, more = data, True
        while pending or more:
            if not self._started:
                pending = pending.lstrip(b"\x00")
                if not pending:
                    return
                self._started = True
            try:
                out = self._member.decompress(pending, READ_CHUNK)
            except zlib.error as exc:
                raise self.error(f"{self.name}: corrupt gzip data ({exc})") from None
            self.total += len(out)
            if self.total > self.limit:
                raise self.error(f"{self.name}: expands to more than {self.limit:,} bytes")
            if out:
                yield out
            # A full piece may leave output inside zlib though all input is taken: ask again.
            more = len(out) == READ_CHUNK and not self._member.eof
            if self._member.eof:
                pending = self._member.unused_data
                self._member, self._started = zlib.decompressobj(wbits=31), False
            else:
                pending = self._member.unconsumed_tail

    def finish(self) -> None:
        """Raise ``error`` if the data ended inside a member (truncated)."""
        if self._started:
            raise self.error(f"{self.name}: the gzip data is truncated")


class NpzReader:
    """An .npz archive opened for checked reading; use as a context manager.

    Raises ``error`` (a DigitpadError class) for anything malformed or over a limit; zipfile and
    format errors from the standard library are turned into it too by the callers' handlers.
    """

    def __init__(self, path: Path, error=DigitpadError, max_bytes: int | None = None):
        self.path, self.error = Path(path), error
        check_regular_file(self.path, error, max_bytes)
        with open(self.path, "rb") as handle:
            if handle.read(6) == b"\x93NUMPY":
                raise error(f"{self.path}: a single array, not an archive of arrays")
            self._check_directory(handle)
        self._zip = zipfile.ZipFile(self.path)
        infos = self._zip.infolist()
        if len(infos) > MAX_ARCHIVE_MEMBERS:
            self._zip.close()
            raise error(f"{self.path}: {len(infos)} entries is too many for a digitpad file")
        self.members = {i.filename.removesuffix(".npy"): i for i in infos}

    def __enter__(self) -> NpzReader:
        return self

    def __exit__(self, *exc) -> None:
        self._zip.close()

    def header(self, name: str) -> tuple[tuple[int, ...], np.dtype]:
        """Declared ``(shape, dtype)`` of member ``name`` (reads only its header)."""
        with self._open(name) as handle:
            shape, _, dtype = self._read_header(handle, name)
        return shape, dtype

    def read(self, name: str, shape=None, kinds: str = "f", max_items: int | None = None) -> np.ndarray:
        """Member ``name`` as an array, after checking its header: ``shape`` (None entries are
        free; None: any), dtype kind in ``kinds``, at most ``max_items`` elements."""
        with self._open(name) as handle:
            got, fortran, dtype = self._read_header(handle, name)
            if (
                dtype.kind not in kinds
                or dtype.hasobject
                or (dtype.kind == "f" and dtype.itemsize not in FLOAT_SIZES)
            ):
                wanted = "/".join(KIND_NAMES[k] for k in kinds)
                raise self.error(f"{self.path}: {name} holds {dtype}, expected {wanted}")
            if shape is not None and (
                len(got) != len(shape) or any(s is not None and s != g for s, g in zip(shape, got))
            ):
                raise self.error(f"{self.path}: {name} has shape {got}, expected {tuple(shape)}")
            count = int(np.prod(got, dtype=np.int64)) if got else 1
            if max_items is not None and count > max_items:
                raise self.error(
                    f"{self.path}: {name} holds {count:,} values (the limit is {max_items:,})"
                )
            info = self.members[name]
            if info.file_size < count * dtype.itemsize:
                raise self.error(f"{self.path}: {name} is truncated")
            out = np.empty(count, dtype)
            view = out.data.cast("B")
            done = 0
            while done < len(view):
                chunk = handle.read(min(READ_CHUNK, len(view) - done))
                if not chunk:
                    raise self.error(f"{self.path}: {name} is truncated")
                view[done : done + len(chunk)] = chunk
                done += len(chunk)
        return out.reshape(got, order="F" if fortran else "C")

    def _check_directory(self, handle) -> None:
        """Refuse too many entries (or too big a directory) from the end records alone, before
        zipfile parses the directory: 8 million entries would cost it a minute and gigabytes."""
        entries, size = _directory_extent(handle)
        if entries > MAX_ARCHIVE_MEMBERS:
            raise self.error(f"{self.path}: {entries:,} entries is too many for a digitpad file")
        if size > MAX_DIRECTORY_BYTES:
            raise self.error(f"{self.path}: a {size:,}-byte zip directory is too large")

    def _open(self, name: str):
        if name not in self.members:
            raise self.error(f"{self.path}: array {name} missing")
        return self._zip.open(self.members[name])

    def _read_header(self, handle, name: str):
        try:
            version = np.lib.format.read_magic(handle)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle)
            elif version == (2, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(handle)
            else:
                raise ValueError(f"npy format {version}")
        except (ValueError, EOFError, SyntaxError, TypeError) as exc:
            raise self.error(f"{self.path}: {name} is not a plain array ({exc})") from None
        if any(n < 0 for n in shape):
            raise self.error(f"{self.path}: {name} declares a negative size")
        return tuple(shape), fortran, dtype


def _directory_extent(handle) -> tuple[int, int]:
    """``(entries, bytes)`` of a zip's central directory as its end records declare them, found
    as zipfile finds them; ``(0, 0)`` without an end record (zipfile then refuses the file)."""
    size = handle.seek(0, os.SEEK_END)
    start = max(0, size - END_RECORD.size - 0xFFFF)  # the end record plus the longest comment
    handle.seek(start)
    tail = handle.read()
    at = len(tail) - END_RECORD.size
    if at < 0:
        return 0, 0
    if tail[at : at + 4] != b"PK\x05\x06" or tail[-2:] != b"\x00\x00":
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < END_RECORD.size:
            return 0, 0
    fields = END_RECORD.unpack_from(tail, at)
    entries, directory_bytes = fields[4], fields[5]
    locator_at = start + at - ZIP64_LOCATOR.size
    if locator_at >= 0:
        handle.seek(locator_at)
        locator = handle.read(ZIP64_LOCATOR.size)
        if locator[:4] == b"PK\x06\x07":
            handle.seek(ZIP64_LOCATOR.unpack(locator)[2])
            record = handle.read(ZIP64_END_RECORD.size)
            if len(record) == ZIP64_END_RECORD.size and record[:4] == b"PK\x06\x06":
                entries, directory_bytes = ZIP64_END_RECORD.unpack(record)[7:9]
    return entries, directory_bytes
