"""Run a command with some files hidden: an empty file is bind-mounted over each.

    unshare --mount --propagation private python3 packaging/run_hidden.py EMPTY LIST -- COMMAND...

EMPTY is an empty file; LIST holds one absolute path a line. Meant for a private mount namespace (as root), where the mounts
vanish with the command. The mounts are made from this one process through libc, because the
`mount` program itself links libraries (libblkid, libmount, ...) that may be among the hidden ones.
"""

from __future__ import annotations

import ctypes
import os
import sys

MS_BIND = 4096


def hide(paths: list[str], empty: str) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for path in paths:
        if libc.mount(empty.encode(), path.encode(), None, MS_BIND, None) != 0:
            err = ctypes.get_errno()
            raise SystemExit(f"run_hidden: cannot hide {path}: {os.strerror(err)}")


def main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[2] != "--":
        raise SystemExit("usage: run_hidden.py EMPTY LIST -- COMMAND...")
    with open(argv[1], encoding="utf-8") as handle:
        hide([line.strip() for line in handle if line.strip()], argv[0])
    os.execvp(argv[3], argv[3:])
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
