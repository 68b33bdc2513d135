"""The Linux menu entry written by `digitpad --install-desktop-entry`."""

import configparser
import os
import shutil
import subprocess
import sys

import pytest

from digitpad import cli, desktop_entry
from digitpad.store import paths


def _read_entry(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _unescape_exec(value: str) -> list[str]:
    """The Desktop Entry spec's reading of Exec: string escapes first, then arguments split on
    spaces, where a double-quoted argument takes backslash-escaped ", `, $ and \\ literally."""
    text = value.replace("\\\\", "\\").replace("%%", "%")
    args, current, quoted, i = [], None, False, 0
    while i < len(text):
        c = text[i]
        if quoted and c == "\\" and text[i + 1] in '"`$\\':
            current += text[i + 1]
            i += 1
        elif c == '"':
            quoted = not quoted
            current = current or ""
        elif c == " " and not quoted:
            if current is not None:
                args.append(current)
            current = None
        else:
            current = (current or "") + c
        i += 1
    assert not quoted
    return args + ([current] if current is not None else [])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="desktop entries are for Linux")
def test_install_puts_an_entry_and_icon_in_the_xdg_data_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert cli.main(["--install-desktop-entry"]) == 0
    entry_path = tmp_path / "data" / "applications" / "digitpad.desktop"
    assert str(entry_path) in capsys.readouterr().out
    entry = _read_entry(entry_path)
    assert entry["Type"] == "Application" and entry["Name"] == "digitpad"
    assert entry["Terminal"] == "false"
    icon = tmp_path / "data" / "icons" / "hicolor" / "512x512" / "apps" / "digitpad.png"
    assert entry["Icon"] == str(icon)
    assert icon.read_bytes() == (paths.resources_dir() / "icons" / "digitpad.png").read_bytes()
    command = _unescape_exec(entry["Exec"])
    assert command == desktop_entry.launch_command()
    assert os.path.isabs(command[0]) and os.access(command[0], os.X_OK)

    validator = shutil.which("desktop-file-validate")
    if validator:  # freedesktop.org's own checker (Debian: desktop-file-utils), when installed
        check = subprocess.run([validator, str(entry_path)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    # Running it again (e.g. after moving the app) replaces the entry.
    assert cli.main(["--install-desktop-entry"]) == 0
    assert sorted(p.name for p in entry_path.parent.iterdir()) == ["digitpad.desktop"]


def test_the_command_is_the_bundle_executable_or_the_launcher_or_python(tmp_path, monkeypatch):
    launcher = tmp_path / "bin" / "digitpad"
    launcher.parent.mkdir()
    launcher.write_text("#!/bin/sh\n")
    assert desktop_entry.launch_command(str(launcher)) == [str(launcher)]
    assert desktop_entry.launch_command("/x/__main__.py") == [
        os.path.abspath(sys.executable),
        "-m",
        "digitpad",
    ]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "dist" / "digitpad"))
    assert desktop_entry.launch_command(str(launcher)) == [str(tmp_path / "dist" / "digitpad")]


@pytest.mark.parametrize(
    "command",
    [
        ["/opt/digitpad/digitpad"],
        ["/home/ann/My Apps/digit pad/digitpad"],
        ['/tmp/we"ird $dir/back\\slash`/100%/digitpad'],
        ["/usr/bin/python3", "-m", "digitpad"],
    ],
)
def test_exec_survives_spaces_quotes_and_percent_signs(command):
    text = desktop_entry.entry_text(command, "/icons/digitpad.png")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert _unescape_exec(exec_line.removeprefix("Exec=")) == command


def test_the_data_home_follows_xdg_and_ignores_relative_values(tmp_path):
    assert desktop_entry.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    default = desktop_entry.data_home({"XDG_DATA_HOME": "relative/dir"})
    assert default.parts[-2:] == (".local", "share")


def test_an_unwritable_data_home_is_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    if not sys.platform.startswith("linux"):
        pytest.skip("desktop entries are for Linux")
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert cli.main(["--install-desktop-entry"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("digitpad: error: cannot write the menu entry") and err.count("\n") == 1
