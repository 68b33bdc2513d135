"""Linux desktop integration: a freedesktop.org menu entry (``digitpad.desktop``) and its icon,
written to the user's data directory so the app can be started from the desktop's menu."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from digitpad.store import paths
from digitpad.store.atomic import atomic_file

ENTRY_NAME = "digitpad.desktop"
ICON_SIZE = 512  # resources/icons/digitpad.png
# Characters the Desktop Entry spec reserves in Exec arguments: such an argument is double-quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home(environ=os.environ) -> Path:
    """$XDG_DATA_HOME, else ~/.local/share (the XDG base directory default)."""
    value = environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launch_command(argv0: str | None = None) -> list[str]:
    """How to start the running program again: the bundle's executable, the ``digitpad`` launcher
    that was run, or this Python with ``-m digitpad``."""
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    argv0 = sys.argv[0] if argv0 is None else argv0
    if Path(argv0).name == "digitpad" and os.path.isfile(argv0):
        return [os.path.abspath(argv0)]
    return [os.path.abspath(sys.executable), "-m", "digitpad"]


def exec_value(command: list[str]) -> str:
    """The Exec= value: reserved arguments quoted, then backslashes escaped as in any string value."""

    def quote(arg: str) -> str:
        if not any(c in _RESERVED for c in arg):
            return arg
        return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'

    return " ".join(quote(arg) for arg in command).replace("\\", "\\\\").replace("%", "%%")


def entry_text(command: list[str], icon: str) -> str:
    """A Desktop Entry that runs ``command`` with ``icon`` (a path or a theme name)."""
    if any("\n" in part for part in [*command, icon]):
        raise ValueError("a desktop entry value cannot contain a newline")
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            "Name=digitpad",
            "GenericName=Digit Recogniser",
            "GenericName[zh_CN]=手写数字识别",
            "Comment=Draw digits and watch a neural network recognise them; retrain it live",
            "Comment[zh_CN]=手写数字，看神经网络实时识别；还可以重新训练它",
            f"Exec={exec_value(command)}",
            f"Icon={icon}",
            "Terminal=false",
            "Categories=Education;ArtificialIntelligence;",
            "Keywords=handwriting;digits;neural network;MNIST;",
            "StartupWMClass=digitpad",
            "",
        ]
    )


def install(home: Path | None = None, command: list[str] | None = None) -> Path:
    """Write the icon and the menu entry under ``home`` (default: the XDG data home); returns the
    entry's path. Running it again replaces both (e.g. after moving the app)."""
    home = data_home() if home is None else Path(home)
    icon = home / "icons" / "hicolor" / f"{ICON_SIZE}x{ICON_SIZE}" / "apps" / "digitpad.png"
    entry = home / "applications" / ENTRY_NAME
    for target, data in (
        (icon, (paths.resources_dir() / "icons" / "digitpad.png").read_bytes()),
        (entry, entry_text(command or launch_command(), str(icon)).encode()),
    ):
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(target) as handle:
            handle.write(data)
    icon.chmod(0o644)  # mkstemp made it private
    entry.chmod(0o755)  # some desktops only launch entries marked executable
    return entry
