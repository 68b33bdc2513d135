"""Which shared libraries a Linux bundle needs from the system: read DT_NEEDED and RUNPATH from ELF
files (no readelf or ldd needed) and walk the dependencies of a library (Qt's xcb platform plugin)
through the bundle.

build.spec uses this to fail when a library that ``libqxcb.so`` links, directly or through another
bundled library, is neither inside the bundle nor one that every Linux desktop provides.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

# Left to the system on purpose. PyInstaller never bundles these (its own exclude list): glibc must
# match the system's loader, libGL comes with the machine's graphics driver, and libxcb.so.1 is the
# X11 client library every X desktop has (libX11 itself is built on it). Anything else the xcb plugin
# links (libxcb-cursor, -icccm, -keysyms, libxkbcommon-x11, ...) is missing from many stock desktops
# and must be inside the bundle.
SYSTEM_LIBRARIES = (
    r"ld-linux.*\.so\.\d+",
    r"libc\.so\.6",
    r"libm\.so\.6",
    r"libdl\.so\.2",
    r"libpthread\.so\.0",
    r"librt\.so\.1",
    r"libGL\.so\.1",
    r"libEGL\.so\.1",
    r"libOpenGL\.so\.0",
    r"libGLX\.so\.0",
    r"libGLdispatch\.so\.0",
    r"libxcb\.so\.1",
)
_SYSTEM = re.compile("|".join(f"(?:{p})" for p in SYSTEM_LIBRARIES))

_PT_LOAD, _PT_DYNAMIC = 1, 2
_DT_NULL, _DT_NEEDED, _DT_STRTAB, _DT_RPATH, _DT_RUNPATH = 0, 1, 5, 15, 29


class NotElf(ValueError):
    pass


def is_system_library(soname: str) -> bool:
    return _SYSTEM.fullmatch(soname) is not None


def dynamic_entries(path: Path) -> tuple[list[str], list[str]]:
    """(DT_NEEDED sonames, RUNPATH/RPATH directories) of an ELF shared object or executable."""
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF":
        raise NotElf(f"{path} is not an ELF file")
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    if wide:
        phoff, phentsize, phnum = struct.unpack_from(order + "32xQ14xHH", data, 0)
        ph_fmt, dyn_fmt = order + "II6Q", order + "qQ"
    else:
        phoff, phentsize, phnum = struct.unpack_from(order + "28xI10xHH", data, 0)
        ph_fmt, dyn_fmt = order + "8I", order + "iI"
    loads, dynamic = [], None
    for i in range(phnum):
        fields = struct.unpack_from(ph_fmt, data, phoff + i * phentsize)
        if wide:
            kind, _, offset, vaddr, _, filesz = fields[:6]
        else:
            kind, offset, vaddr, _, filesz = fields[:5]
        if kind == _PT_LOAD:
            loads.append((vaddr, offset, filesz))
        elif kind == _PT_DYNAMIC:
            dynamic = (offset, filesz)
    if dynamic is None:
        return [], []

    entries = []
    step = struct.calcsize(dyn_fmt)
    for pos in range(dynamic[0], dynamic[0] + dynamic[1], step):
        tag, value = struct.unpack_from(dyn_fmt, data, pos)
        if tag == _DT_NULL:
            break
        entries.append((tag, value))
    strtab_addr = next((v for t, v in entries if t == _DT_STRTAB), None)
    # DT_STRTAB holds a virtual address: map it to a file offset through the PT_LOAD segment holding it.
    strtab = next(
        (off + strtab_addr - va for va, off, size in loads if va <= strtab_addr < va + size), None
    )
    if strtab is None:
        raise NotElf(f"{path}: no string table")

    def text(offset: int) -> str:
        start = strtab + offset
        return data[start : data.index(b"\0", start)].decode()

    needed = [text(v) for t, v in entries if t == _DT_NEEDED]
    search = [d for t, v in entries if t in (_DT_RUNPATH, _DT_RPATH) for d in text(v).split(":") if d]
    return needed, search


def unresolved(library: Path, library_dirs: list[Path]) -> dict[str, str]:
    """Libraries that ``library`` needs, directly or through libraries found on the way, that are
    neither in ``library_dirs`` (or a library's own RUNPATH) nor system libraries.

    Returns {missing soname: the library that needs it}.
    """
    missing: dict[str, str] = {}
    seen: set[Path] = set()
    todo = [Path(library)]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        needed, runpath = dynamic_entries(current)
        origin = str(current.parent)
        dirs = [Path(d.replace("$ORIGIN", origin).replace("${ORIGIN}", origin)) for d in runpath]
        for soname in needed:
            found = next((d / soname for d in [*dirs, *library_dirs] if (d / soname).is_file()), None)
            if found is not None:
                todo.append(found.resolve())
            elif not is_system_library(soname):
                missing.setdefault(soname, current.name)
    return missing


def check_xcb_plugin(internal: Path) -> str | None:
    """None when the bundle's xcb platform plugin finds every library it links inside the bundle
    (``internal``: the folder holding the bundled libraries); else a one-paragraph error."""
    plugins = sorted(internal.glob("PySide6/Qt/plugins/platforms/libqxcb.so"))
    if not plugins:
        return f"Qt's xcb platform plugin (libqxcb.so) is not in {internal}"
    missing = unresolved(plugins[0], [internal])
    if not missing:
        return None
    listed = ", ".join(f"{name} (needed by {by})" for name, by in sorted(missing.items()))
    return (
        f"the bundle cannot open a window on X11 desktops that lack these libraries: {listed}. "
        "Install them on the build machine so that PyInstaller bundles them (Debian/Ubuntu: "
        "apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 "
        "libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxkbcommon-x11-0), then rebuild."
    )


def libraries_to_hide(internal: Path, executable: Path) -> list[str]:
    """Sonames whose system copies a test may hide: every library the bundle's top folder carries and
    every library the xcb plugin links (bundled or not), except system libraries and those the
    executable itself links (PyInstaller's bootloader loads them before it knows the bundle)."""
    names = {p.name for p in internal.glob("*.so*")}
    for plugin in internal.glob("PySide6/Qt/plugins/platforms/libqxcb.so"):
        for lib in [plugin, *internal.glob("PySide6/Qt/lib/libQt6XcbQpa.so*")]:
            names.update(dynamic_entries(lib)[0])
    own = set(dynamic_entries(executable)[0])
    return sorted(
        n for n in names if n not in own and not is_system_library(n) and not n.startswith("libQt6")
    )


if __name__ == "__main__":
    import sys

    # python3 packaging/bundle_libs.py EXECUTABLE: the sonames libraries_to_hide() lists, one a line
    exe = Path(sys.argv[1]).resolve()
    print("\n".join(libraries_to_hide(exe.parent / "_internal", exe)))
