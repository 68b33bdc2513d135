"""MNIST as arrays: images float32 (N, 784) in [0, 1] with ink = 1, labels int64 (N,)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.data.idx import read_idx
from digitpad.errors import DataError
from digitpad.shapes import PIXELS, SIDE

FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


@dataclass
class Dataset:
    """Images (N, 784) float32 in [0, 1] and labels (N,) int64."""

    images: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self, index) -> Dataset:
        return Dataset(self.images[index], self.labels[index])


def find_file(data_dir: Path, stem: str) -> Path | None:
    """The raw or gzip file for ``stem`` in ``data_dir``; also accepts the t10k 'dot' spelling."""
    for name in (
        stem,
        stem + ".gz",
        stem.replace("-idx", ".idx"),
        stem.replace("-idx", ".idx") + ".gz",
    ):
        path = data_dir / name
        if path.is_file():
            return path
    return None


def missing_files(data_dir: Path, splits=("train", "test")) -> list[str]:
    """The MNIST files of ``splits`` that ``data_dir`` lacks."""
    stems = [stem for key, stem in FILES.items() if key.split("_")[0] in splits]
    return [stem for stem in stems if find_file(Path(data_dir), stem) is None]


def load_split(data_dir: Path, split: str) -> Dataset:
    """Load ``train`` or ``test`` from ``data_dir``, checking shapes and counts."""
    data_dir = Path(data_dir)
    paths = {}
    for kind in ("images", "labels"):
        stem = FILES[f"{split}_{kind}"]
        path = find_file(data_dir, stem)
        if path is None:
            raise DataError(f"{data_dir}: MNIST file {stem}(.gz) not found")
        paths[kind] = path
    images, labels = read_idx(paths["images"]), read_idx(paths["labels"])
    if images.ndim != 3 or images.shape[1:] != (SIDE, SIDE):
        raise DataError(f"{paths['images']}: expected N x {SIDE} x {SIDE} images, found {images.shape}")
    if labels.ndim != 1:
        raise DataError(f"{paths['labels']}: expected a 1-D label file, found {labels.shape}")
    if len(images) != len(labels):
        raise DataError(
            f"{data_dir}: {len(images)} images but {len(labels)} labels in the {split} files"
        )
    if labels.size and labels.max() > 9:
        raise DataError(f"{paths['labels']}: label {labels.max()} is not a digit")
    flat = images.reshape(len(images), PIXELS).astype(np.float32)
    flat *= 1.0 / 255.0
    return Dataset(flat, labels.astype(np.int64))


def load_mnist(data_dir: Path) -> tuple[Dataset, Dataset]:
    """(train, test) from ``data_dir``."""
    return load_split(data_dir, "train"), load_split(data_dir, "test")
