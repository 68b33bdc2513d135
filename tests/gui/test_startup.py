"""Starting the app: the xcb preflight check (one line instead of Qt's abort) and --startup-check."""

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digitpad import cli
from digitpad.gui import xcb_check
from tests.helpers.app_process import digitpad

MISSING = "libxcb-cursor.so.0: cannot open shared object file: No such file or directory"


def _qt_plugins() -> Path:
    return xcb_check.plugin_dirs({})[-1]


@pytest.mark.parametrize(
    ("environ", "system", "expected"),
    [
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb:no-grab"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({}, "linux", True),
        ({"XDG_SESSION_TYPE": "x11"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_the_platform_qt_will_use_is_predicted(environ, system, expected):
    assert xcb_check.platform_will_be_xcb(environ, [], system) is expected


def test_a_wayland_session_uses_xcb_only_without_the_wayland_plugin(tmp_path):
    session = {"XDG_SESSION_TYPE": "wayland"}
    assert xcb_check.platform_will_be_xcb(session, [tmp_path], "linux")
    (tmp_path / "platforms").mkdir()
    (tmp_path / "platforms" / "libqwayland.so").touch()
    assert not xcb_check.platform_will_be_xcb(session, [tmp_path], "linux")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux only")
def test_a_plugin_that_cannot_load_is_named_with_the_packages_to_install():
    problem = xcb_check.xcb_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", load=lambda plugin: MISSING)
    assert problem is not None and "\n" not in problem
    assert "libxcb-cursor.so.0" in problem
    assert "apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in problem
    ok = xcb_check.xcb_problem(
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, "linux", load=lambda p: None, connect=lambda d: None
    )
    assert ok is None
    # Offscreen (tests, --self-test) never needs the X11 libraries.
    assert (
        xcb_check.xcb_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", load=lambda p: MISSING) is None
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux only")
def test_the_real_plugin_loads_here_when_its_libraries_are_installed():
    plugin = _qt_plugins() / "platforms" / xcb_check.PLUGIN_NAME
    if not plugin.is_file():
        pytest.skip("this Qt has no xcb plugin")
    if ctypes.util.find_library("xcb-cursor") is None:
        pytest.skip("Qt's X11 helper libraries are not installed here (README: The packaged app)")
    assert xcb_check.load_error(plugin) is None
    assert "cannot open shared object" in xcb_check.load_error(Path("/nonexistent/libqxcb.so"))


def test_no_display_or_an_unreachable_one_is_said_in_one_line():
    unset = xcb_check.display_problem({}, connect=lambda d: None)
    assert "DISPLAY is not set" in unset and "\n" not in unset
    down = xcb_check.display_problem({"DISPLAY": ":77"}, connect=lambda d: "no X server answers there")
    assert "':77'" in down and "no X server" in down
    assert xcb_check.display_problem({"DISPLAY": ":0"}, connect=lambda d: None) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux only here")
def test_without_an_x_server_the_app_says_so_and_exits_1_not_134(tmp_path):
    plugin = _qt_plugins() / "platforms" / xcb_check.PLUGIN_NAME
    if not plugin.is_file() or xcb_check.load_error(plugin) is not None:
        pytest.skip("Qt's xcb plugin cannot load here")
    assert xcb_check.connect_error(":87") is not None  # nothing listens on display 87
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=":87", DIGITPAD_HOME=str(tmp_path))
    run = subprocess.run(
        [sys.executable, "-m", "digitpad"], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 1 and run.stderr.count("\n") == 1, run.stderr
    assert "cannot open the X display ':87'" in run.stderr


def test_the_app_exits_with_one_line_instead_of_opening(monkeypatch, capsys):
    monkeypatch.setattr(xcb_check, "xcb_problem", lambda: "the X11 display cannot be used: test")
    assert cli.main([]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err == "digitpad: error: the X11 display cannot be used: test\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux only")
def test_an_unloadable_xcb_plugin_ends_the_app_with_exit_1_not_a_qt_abort(tmp_path):
    # A copy of the plugin outside Qt's tree cannot find libQt6XcbQpa through its RUNPATH: a real
    # loader failure, the same one a missing libxcb-cursor0 causes.
    plugin = _qt_plugins() / "platforms" / xcb_check.PLUGIN_NAME
    if not plugin.is_file():
        pytest.skip("this Qt has no xcb plugin")
    (tmp_path / "platforms").mkdir()
    shutil.copy(plugin, tmp_path / "platforms" / plugin.name)
    env = dict(
        os.environ, QT_QPA_PLATFORM="xcb", QT_PLUGIN_PATH=str(tmp_path), DIGITPAD_HOME=str(tmp_path)
    )
    run = subprocess.run(
        [sys.executable, "-m", "digitpad"], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 1, run.stderr
    assert run.stderr.count("\n") == 1
    assert "libQt6XcbQpa.so.6" in run.stderr and "sudo apt install libxcb-cursor0" in run.stderr


def test_startup_check_exits_0_once_the_window_is_shown(tmp_path):
    run = digitpad("--startup-check", home=tmp_path, timeout=60, QT_QPA_PLATFORM="offscreen")
    assert run.returncode == 0, run.stderr


def _settings_file_that_blocks(home: Path, kind: str, where: str) -> Path:
    """Qt's settings file (``where``: the app's or the organisation's) made something that is not
    a regular file: reading a named pipe would block for ever."""
    path = home / where
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "directory":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        os.mkfifo(home / "pipe")
        path.symlink_to(home / "pipe")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize(
    "kind, where",
    [
        ("pipe", "digitpad/digitpad.ini"),
        ("symlink to a pipe", "digitpad/digitpad.ini"),
        ("directory", "digitpad/digitpad.ini"),
        ("pipe", "digitpad.ini"),
    ],
)
def test_a_settings_file_that_is_not_a_file_is_set_aside_and_the_app_starts(tmp_path, kind, where):
    home = tmp_path / "home"
    path = _settings_file_that_blocks(home, kind, where)
    run = digitpad("--startup-check", home=home, timeout=60, QT_QPA_PLATFORM="offscreen")
    assert run.returncode == 0, run.stderr
    assert not os.path.lexists(path) or path.is_file() and not path.is_symlink()  # Qt saved anew
    assert [p.name.split("-")[-1] for p in (home / "quarantine").iterdir()] == ["digitpad.ini"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_the_set_aside_settings_file_is_a_notice(private_user_dir):
    from digitpad import startup

    _settings_file_that_blocks(private_user_dir, "pipe", "digitpad/digitpad.ini")
    (notice,) = startup.prepare_session()
    assert notice.startswith("digitpad.ini could not be read (not a regular file")
    assert "quarantine" in notice
