"""Small MNIST-format files for tests."""

import gzip
import struct
import zlib
from pathlib import Path

import numpy as np


def idx_bytes(array: np.ndarray) -> bytes:
    """Encode a uint8 array as IDX bytes."""
    array = np.asarray(array, np.uint8)
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.tobytes()


def write_mnist_subset(folder: Path, n_train=600, n_test=200, seed=0, gz=True) -> Path:
    """A small synthetic MNIST-format dataset whose classes are learnable (shifted bar patterns)."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)

    def make(n):
        labels = rng.integers(0, 10, n).astype(np.uint8)
        images = np.zeros((n, 28, 28), np.uint8)
        for i, lab in enumerate(labels):
            row = 4 + 2 * int(lab)
            images[i, row : row + 3, 6:22] = 255
            images[i] = np.roll(images[i], rng.integers(-1, 2), axis=1)
        noise = rng.integers(0, 40, images.shape).astype(np.uint8)
        return np.maximum(images, noise), labels

    from digitpad.data.mnist import FILES

    for split, n in (("train", n_train), ("test", n_test)):
        images, labels = make(n)
        for kind, arr in (("images", images), ("labels", labels)):
            payload = idx_bytes(arr)
            name = FILES[f"{split}_{kind}"]
            if gz:
                (folder / f"{name}.gz").write_bytes(gzip.compress(payload))
            else:
                (folder / name).write_bytes(payload)
    return folder


def gzip_bomb(prefix: bytes, expanded: int) -> bytes:
    """gzip of ``prefix`` and then zeros, ``expanded`` bytes in all, made in a moment: one
    deflated MB of zeros (a byte-aligned, self-contained block) repeated. About 1 KB per MB; the
    trailer's CRC is left wrong (readers should stop long before it)."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = deflate.compress(prefix) + deflate.flush(zlib.Z_FULL_FLUSH)
    megabyte = deflate.compress(bytes(1 << 20)) + deflate.flush(zlib.Z_FULL_FLUSH)
    body = start + megabyte * ((expanded - len(prefix)) >> 20) + deflate.flush(zlib.Z_FINISH)
    trailer = struct.pack("<LL", 0, expanded & 0xFFFFFFFF)
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + body + trailer
