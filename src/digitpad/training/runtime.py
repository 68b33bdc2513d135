"""Process-level settings that make NumPy's hot loops faster on some systems."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_done = False


def tune_allocator() -> bool:
    """Keep freed NumPy temporaries (hundreds of KB each batch) in the process heap.

    glibc gives blocks over 128 KB their own mmap and returns them on free, so every batch pays
    fresh page faults for its temporaries (measured: augmentation 8.6 ms -> 2.9 ms per batch of
    128 with this). Only glibc (Linux) is touched; returns True when applied.
    """
    global _done
    if _done or not sys.platform.startswith("linux"):
        return _done
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        ok = libc.mallopt(_M_MMAP_THRESHOLD, 32 * 1024 * 1024) == 1
        ok = libc.mallopt(_M_TRIM_THRESHOLD, 256 * 1024 * 1024) == 1 and ok
    except (OSError, AttributeError):
        return False
    _done = ok
    return ok
