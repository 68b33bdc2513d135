"""Before Qt opens its X11 (xcb) platform: check that the platform plugin's libraries load.

Qt 6's xcb plugin links helper libraries (libxcb-cursor, -icccm, -keysyms, libxkbcommon-x11, ...)
that many Linux desktops lack; Qt then aborts the process (exit 134) with a long plugin dump. We
load the plugin ourselves first, and on failure say in one line which packages to install. With no
X server to talk to, Qt aborts the same way: that is checked too, and said in one line.
"""

from __future__ import annotations

import _ctypes
import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# What Qt's xcb plugin needs beyond libX11/libxcb themselves (Debian and Ubuntu package names).
XCB_PACKAGES = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxkbcommon-x11-0",
)
PLUGIN_NAME = "libqxcb.so"


def plugin_dirs(environ: Mapping[str, str]) -> list[Path]:
    """Where Qt looks for plugins: $QT_PLUGIN_PATH first, then its own plugin directory."""
    from PySide6.QtCore import QLibraryInfo

    dirs = [Path(p) for p in environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    return [*dirs, Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]


def platform_will_be_xcb(
    environ: Mapping[str, str], plugins: list[Path], system: str = sys.platform
) -> bool:
    """Whether Qt will try the xcb platform first (Linux only; not offscreen, not a Wayland session
    that has Qt's Wayland plugin)."""
    if not system.startswith("linux"):
        return False
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        return requested.split(";")[0].split(":")[0].strip() == "xcb"
    if environ.get("XDG_SESSION_TYPE") == "wayland":
        # Qt then tries "wayland;xcb": Wayland first, if this Qt has the plugin.
        return not any(any((d / "platforms").glob("libqwayland*.so")) for d in plugins)
    return True


def load_error(plugin: Path) -> str | None:
    """None if the plugin and every library it links load; else the dynamic loader's message."""
    try:
        # _ctypes.dlopen, not ctypes.CDLL: PyInstaller's bundle replaces CDLL's loader message.
        _ctypes.dlopen(str(plugin))
    except OSError as exc:
        return str(exc)
    return None


def connect_error(display: str) -> str | None:
    """None if an X server answers at ``display``; else why not (through libxcb, which Qt uses)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError as exc:
        return str(exc)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    failed = xcb.xcb_connection_has_error(connection)
    xcb.xcb_disconnect(connection)
    return "no X server answers there" if failed else None


def display_problem(
    environ: Mapping[str, str], connect: Callable[[str], str | None] = connect_error
) -> str | None:
    """One line if there is no X display to open the window on (Qt would abort with 134)."""
    display = environ.get("DISPLAY", "")
    if not display:
        return (
            "no display to open the window on (DISPLAY is not set); run digitpad in a desktop "
            "session, or use the headless commands (digitpad --help)"
        )
    error = connect(display)
    if error is None:
        return None
    return f"cannot open the X display {display!r} ({error}); run digitpad in a desktop session"


def xcb_problem(
    environ: Mapping[str, str] | None = None,
    system: str = sys.platform,
    load: Callable[[Path], str | None] = load_error,
    connect: Callable[[str], str | None] = connect_error,
) -> str | None:
    """One line for the user if Qt's xcb platform will be used and cannot load; else None."""
    environ = os.environ if environ is None else environ
    if not system.startswith("linux"):
        return None
    dirs = plugin_dirs(environ)
    if not platform_will_be_xcb(environ, dirs, system):
        return None
    plugin = next(
        (d / "platforms" / PLUGIN_NAME for d in dirs if (d / "platforms" / PLUGIN_NAME).is_file()), None
    )
    if plugin is None:
        return None  # an unusual Qt build: let Qt report it
    error = load(plugin)
    if error is None:
        return display_problem(environ, connect)
    return (
        f"the X11 display cannot be used: Qt's xcb platform plugin does not load ({error}); "
        f"on Debian/Ubuntu install: sudo apt install {' '.join(XCB_PACKAGES)}"
    )
