"""Trim the ICU data library that Qt's Linux build links (about 32 MB) to the collation data.

On Linux, QtCore links ICU. The app needs ICU data only for collation (QCollator: how file dialogs
sort names); break iterators, converters, time zones, units, currency and language names come
from Qt's own tables. ICU's data library exports one symbol, ``icudtNN_dat``: a "common data"
package, which is a header, a table of contents sorted by name, and the items. This module reads
that package, keeps the items ``keep`` accepts, and compiles them into a replacement library
with the same name and symbol. Without a C compiler the bundle keeps the full library.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

MAGIC = b"\xda\x27"
FORMAT = b"CmnD"
ALIGN = 16


def keep(name: str) -> bool:
    """Collation data for every language, plus the locale index and root that lookups start from."""
    parts = name.split("/")
    return parts[1:2] == ["coll"] or parts[1:] in (["res_index.res"], ["root.res"], ["pool.res"])


def find_package(library: bytes) -> int:
    """Offset of the common-data package inside a data library's bytes."""
    for match in re.finditer(re.escape(FORMAT), library):
        start = match.start() - 12  # headerSize (2), magic (2), then UDataInfo up to dataFormat (8)
        if start >= 0 and library[start + 2 : start + 4] == MAGIC:
            return start
    raise ValueError("no ICU common data package found")


def read_package(blob: bytes, start: int = 0) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header bytes and the (name, data) items of the package at ``start`` of ``blob``."""
    (header_size,) = struct.unpack_from("<H", blob, start)
    if blob[start + 2 : start + 4] != MAGIC or blob[start + 12 : start + 16] != FORMAT:
        raise ValueError("not an ICU common data package")
    toc = start + header_size
    (count,) = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * k) for k in range(count)]
    if not entries:
        return blob[start:toc], []
    # The last item's length is not stored: the package ends where its data do, so take the
    # rest of the blob; items are padded, and readers use their own internal lengths.
    ends = [data for _, data in entries[1:]] + [len(blob) - toc]
    items = []
    for (name_at, data_at), end in zip(entries, ends):
        name = blob[toc + name_at : blob.index(b"\0", toc + name_at)].decode("ascii")
        items.append((name, blob[toc + data_at : toc + end]))
    return blob[start:toc], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A package of ``items`` (kept in name order, which lookups rely on) behind ``header``."""
    items = sorted(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    data_at = _aligned(table_size + len(names))
    entries, name_at, body = [], table_size, bytearray()
    for name, data in items:
        entries.append((name_at, data_at + len(body)))
        name_at += len(name) + 1
        body += data + bytes(_aligned(len(data)) - len(data))
    table = struct.pack("<I", len(items)) + b"".join(struct.pack("<II", *e) for e in entries)
    padding = bytes(data_at - table_size - len(names))
    return header + table + names + padding + bytes(body)


def _aligned(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def trimmed_library(source: Path, target: Path, compiler: str | None = None) -> bool:
    """Write to ``target`` a copy of the ICU data library ``source`` (``libicudataNN.so.NN``)
    holding only the items ``keep`` accepts. Returns False, writing nothing, when there is no C
    compiler or the library is not in the expected form."""
    compiler = compiler or shutil.which("cc") or shutil.which("gcc")
    version = re.search(r"\.so\.(\d+)", source.name)
    if compiler is None or version is None:
        return False
    library = source.read_bytes()
    try:
        header, items = read_package(library, find_package(library))
    except (ValueError, struct.error):
        return False
    package = write_package(header, [item for item in items if keep(item[0])])
    symbol = f"icudt{version.group(1)}_dat"
    with tempfile.TemporaryDirectory() as tmp:
        data_file = Path(tmp) / "package.dat"
        data_file.write_bytes(package)
        assembly = Path(tmp) / "package.s"
        assembly.write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
            f'{symbol}:\n\t.incbin "{data_file}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        built = Path(tmp) / source.name
        result = subprocess.run(
            [compiler, "-shared", f"-Wl,-soname,{source.name}", "-o", str(built), str(assembly)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            return False
        shutil.copyfile(built, target)
    return True
