"""Fetching MNIST from the public mirrors into a data directory, verified before it is kept.

A file is accepted when the MD5 of the downloaded .gz bytes matches the official mirrors' value, or
the SHA-256 of its decompressed bytes matches (the same data recompressed differently). It is
streamed to a temporary file in the target directory, checked on the way, and renamed into place
only after it verified, so a failed or interrupted download never leaves a file that looks good.
Memory stays small whatever a mirror sends: the body goes to disk as it comes, at most a little
more than any gzip of the real file can be, and it is decompressed piece by piece, at most the real
file's size (a gzip bomb stops there).
"""

from __future__ import annotations

import hashlib
import queue
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from pathlib import Path

from digitpad.data.mnist import FILES, find_file
from digitpad.errors import DownloadError
from digitpad.store.atomic import atomic_file
from digitpad.store.limits import Gunzip

MIRRORS = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)

CHECKSUMS = {  # stem: (md5 of the official .gz, sha256 of the decompressed bytes)
    "train-images-idx3-ubyte": (
        "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    ),
    "train-labels-idx1-ubyte": (
        "d53e105ee54ea40749a09fcbcd1e9432",
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    ),
    "t10k-images-idx3-ubyte": (
        "9fb629c4189551a2d022fa330f9573f3",
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    ),
    "t10k-labels-idx1-ubyte": (
        "ec29112dd5afa0611ce80d1b7f02629c",
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    ),
}

RAW_BYTES = {  # stem: size of the decompressed file
    "train-images-idx3-ubyte": 47_040_016,
    "train-labels-idx1-ubyte": 60_008,
    "t10k-images-idx3-ubyte": 7_840_016,
    "t10k-labels-idx1-ubyte": 10_008,
}

Progress = Callable[[str, int, int | None], None]  # (file stem, bytes so far, total or None)
Waiting = Callable[[str, float, float], None]  # (file stem, seconds without data, the limit)
CHUNK = 1 << 16
QUEUED_CHUNKS = 64  # 4 MB read ahead at most
POLL_S = 0.5
STALL_TIMEOUT_S = 30.0


class Cancelled(DownloadError):
    """The caller asked to stop."""

    def __init__(self, message: str = "download cancelled"):
        super().__init__(message, "cancelled")


class Mismatch(DownloadError):
    """The body is not the file asked for."""

    def __init__(self, message: str = "checksum mismatch"):
        super().__init__(message, "server")


class Stalled(DownloadError):
    """No data came for too long."""

    def __init__(self, message: str):
        super().__init__(message, "stalled")


def failure_reason(exc: BaseException) -> str:
    """How one mirror failed, sorted as ``DownloadError.reason``."""
    if isinstance(exc, Stalled):
        return "stalled"
    if isinstance(exc, urllib.error.HTTPError | DownloadError):
        return "server"
    cause = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(cause, socket.gaierror):
        return "offline"
    if isinstance(cause, OSError):  # refused, unreachable, timed out while connecting
        return "unreachable"
    return "other"


def overall_reason(reasons: list[str]) -> str:
    """One reason for a file every mirror failed: any bad answer says "server"; otherwise the
    mirrors' common reason, or "unreachable" when they differ."""
    if "server" in reasons:
        return "server"
    if len(set(reasons)) == 1:
        return reasons[0]
    return "stalled" if "stalled" in reasons else "unreachable"


def max_download_bytes(stem: str) -> int:
    """More than any gzip of the file can be, even one storing it uncompressed."""
    return RAW_BYTES[stem] + RAW_BYTES[stem] // 100 + 4096


def checked(stem: str, body: Iterable[bytes]) -> Iterator[bytes]:
    """``body`` (the .gz bytes) passed on as it comes, checked on the way: raises Mismatch unless
    it is the named MNIST file (at the end, or as soon as it decompresses to more than the file)."""
    md5_wanted, sha256_wanted = CHECKSUMS[stem]
    md5, sha256 = hashlib.md5(), hashlib.sha256()
    gunzip = Gunzip(RAW_BYTES[stem], lambda problem: Mismatch(f"checksum mismatch ({problem})"), stem)
    for chunk in body:
        md5.update(chunk)
        for piece in gunzip.feed(chunk):
            sha256.update(piece)
        yield chunk
    gunzip.finish()
    if md5.hexdigest() != md5_wanted and sha256.hexdigest() != sha256_wanted:
        raise Mismatch()


def verify(stem: str, gz_bytes: bytes) -> bool:
    """True when ``gz_bytes`` is the named MNIST file (either checksum matches)."""
    try:
        for _ in checked(stem, [gz_bytes]):
            pass
    except Mismatch:
        return False
    return True


def _read_url(url: str, timeout: float, chunks: queue.Queue, stop: threading.Event) -> None:
    """Reader thread: puts ("total", n|None), then ("data", bytes)... ("data", b"") or
    ("error", exc) into ``chunks``. A daemon: an abandoned stalled read never delays exit."""

    def put(item) -> None:
        # ``chunks`` is bounded (a fast network must not fill memory ahead of the disk); a
        # reader that was told to stop gives up waiting for room.
        while not stop.is_set():
            try:
                chunks.put(item, timeout=POLL_S)
                return
            except queue.Full:
                continue

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            total = response.headers.get("Content-Length")
            put(("total", int(total) if total and total.isdigit() else None))
            while not stop.is_set():
                chunk = response.read(CHUNK)
                put(("data", chunk))
                if not chunk:
                    return
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection open otherwise
        put(("error", exc))
    except BaseException as exc:  # handed to the waiting thread, which reports it
        put(("error", exc))


def _fetch(
    url: str, stem: str, timeout: float, progress, cancel, waiting: Waiting | None = None
) -> Generator[bytes, None, None]:
    """The body at ``url``, piece by piece, at most ``max_download_bytes(stem)``. The network is
    read in a daemon thread while this one wakes every POLL_S: a cancel takes effect within
    POLL_S however stuck the connection is, ``waiting`` hears how long no data has come, and
    ``timeout`` seconds without data give up."""
    limit = max_download_bytes(stem)
    chunks: queue.Queue = queue.Queue(maxsize=QUEUED_CHUNKS)
    stop = threading.Event()
    threading.Thread(
        target=_read_url, args=(url, timeout + POLL_S, chunks, stop), daemon=True, name="download"
    ).start()
    done, total = 0, None
    last_data = time.monotonic()
    try:
        while True:
            if cancel is not None and cancel():
                raise Cancelled()
            try:
                kind, value = chunks.get(timeout=POLL_S)
            except queue.Empty:
                silent = time.monotonic() - last_data
                if silent >= timeout:
                    raise Stalled(f"no data for {timeout:.0f} s (timed out)") from None
                if waiting is not None:
                    waiting(stem, silent, timeout)
                continue
            last_data = time.monotonic()
            if kind == "error":
                raise value
            if kind == "total":
                total = value
                if total is not None and total > limit:
                    raise DownloadError(f"{total:,} bytes is more than MNIST's file can be")
                continue
            if not value:
                break
            done += len(value)
            if done > limit:
                raise DownloadError(f"more than {limit:,} bytes: not MNIST's file")
            if progress:
                progress(stem, done, total)
            yield value
    finally:
        stop.set()
    if total is not None and done != total:
        raise DownloadError(f"connection closed after {done} of {total} bytes")


def _save(target: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``target`` atomically. Trouble with the disk is a DownloadError
    "disk"; trouble in ``chunks`` (the network, a mismatch) passes on as it is."""
    pieces = iter(chunks)
    on_disk = True  # making the temporary file
    try:
        with atomic_file(target, suffix=".part", defer_interrupts=False) as handle:
            while True:
                on_disk = False
                chunk = next(pieces, None)
                on_disk = True
                if chunk is None:
                    break
                handle.write(chunk)
    except OSError as exc:
        if on_disk:
            raise DownloadError(f"cannot write {target}: {exc.strerror or exc}", "disk") from None
        raise


def download_file(
    stem, data_dir: Path, mirrors=None, timeout=None, progress=None, cancel=None, waiting=None
):
    """Fetch ``stem``.gz from the first mirror (default: MIRRORS) that serves a verified copy;
    returns its path. ``timeout``: seconds without data before a mirror is given up (default
    STALL_TIMEOUT_S)."""
    timeout = STALL_TIMEOUT_S if timeout is None else timeout
    target = Path(data_dir) / f"{stem}.gz"
    problems, reasons = [], []
    for mirror in mirrors or MIRRORS:
        url = mirror + f"{stem}.gz"
        try:
            with closing(_fetch(url, stem, timeout, progress, cancel, waiting)) as body:
                _save(target, checked(stem, body))
            return target
        except Cancelled:
            raise
        except DownloadError as exc:
            if exc.reason == "disk":
                raise
            problems.append(f"{url}: {exc}")
            reasons.append(failure_reason(exc))
            continue
        except urllib.error.HTTPError as exc:
            problems.append(f"{url}: HTTP {exc.code}")
            reasons.append("server")
            continue
        except (urllib.error.URLError, OSError) as exc:
            cause = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            problems.append(f"{url}: {cause}")
            reasons.append(failure_reason(exc))
            continue
    raise DownloadError(f"could not download {stem}: " + "; ".join(problems), overall_reason(reasons))


def ensure_mnist(data_dir: Path, **kwargs) -> Path:
    """Download whichever MNIST files ``data_dir`` lacks; returns ``data_dir``."""
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"cannot create {data_dir}: {exc.strerror or exc}", "disk") from None
    for stem in FILES.values():
        if find_file(data_dir, stem) is None:
            download_file(stem, data_dir, **kwargs)
    return data_dir
