"""Writing a file so that readers see either the old file or the whole new one, never a part."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_file(target: Path, suffix: str = ".tmp") -> Iterator[BinaryIO]:
    """A binary file to write ``target``'s new contents into.

    It is a temporary file in the same directory; when the block ends without an error it is
    flushed to disk and renamed over ``target``. On any error it is removed and ``target`` is
    left as it was.
    """
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
