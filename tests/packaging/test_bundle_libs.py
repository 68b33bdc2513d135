"""build.spec's check that Qt's xcb plugin finds every library it links inside the bundle."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
import bundle_libs  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries: Linux only")


def _qt() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt"


def _xcb_plugin() -> Path:
    plugin = _qt() / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        pytest.skip("this Qt has no xcb plugin")
    return plugin


def _system_libraries() -> dict[str, Path]:
    """soname -> path, from the dynamic loader's cache."""
    try:
        listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no ldconfig")
    found = {}
    for line in listing.splitlines()[1:]:
        name, _, path = line.strip().partition(" => ")
        found.setdefault(name.split(" ")[0], Path(path))
    return found


def test_needed_libraries_and_runpath_are_read_as_readelf_reads_them():
    plugin = _xcb_plugin()
    needed, runpath = bundle_libs.dynamic_entries(plugin)
    assert "libQt6XcbQpa.so.6" in needed and "libc.so.6" in needed
    assert runpath == ["$ORIGIN/../../lib"]
    readelf = shutil.which("readelf")
    if readelf:
        dump = subprocess.run([readelf, "-d", str(plugin)], capture_output=True, text=True).stdout
        listed = [line.split("[")[1].rstrip("]") for line in dump.splitlines() if "(NEEDED)" in line]
        assert needed == listed


def test_a_file_that_is_not_elf_is_refused(tmp_path):
    (tmp_path / "libfake.so").write_text("not a library")
    with pytest.raises(bundle_libs.NotElf):
        bundle_libs.dynamic_entries(tmp_path / "libfake.so")


def test_only_libraries_every_desktop_has_may_come_from_the_system():
    for name in ["libc.so.6", "libm.so.6", "libGL.so.1", "libxcb.so.1", "ld-linux-x86-64.so.2"]:
        assert bundle_libs.is_system_library(name)
    for name in ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0", "libxcb.so.1.1"]:
        assert not bundle_libs.is_system_library(name)


def _fake_bundle(tmp_path) -> Path:
    """A bundle laid out as PyInstaller does: Qt under PySide6/Qt, other libraries at the top."""
    internal = tmp_path / "_internal"
    platforms = internal / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    shutil.copy(_xcb_plugin(), platforms / "libqxcb.so")
    (internal / "PySide6" / "Qt" / "lib").symlink_to(_qt() / "lib")
    system = _system_libraries()
    # Each library added may need more: repeat until the plugin's whole closure is in.
    while missing := bundle_libs.unresolved(platforms / "libqxcb.so", [internal]):
        for soname in missing:
            if soname not in system:
                pytest.skip(f"{soname} is not installed here")
            (internal / soname).symlink_to(system[soname])
    return internal


def test_a_complete_bundle_passes_and_a_missing_helper_is_named(tmp_path):
    internal = _fake_bundle(tmp_path)
    assert bundle_libs.check_xcb_plugin(internal) is None
    (internal / "libxcb-icccm.so.4").unlink()
    problem = bundle_libs.check_xcb_plugin(internal)
    assert "libxcb-icccm.so.4 (needed by libqxcb.so)" in problem
    assert "libxcb-icccm4" in problem  # the package to install
    assert "libxcb-cursor.so.0" not in problem


def test_a_bundle_without_the_plugin_fails(tmp_path):
    assert "libqxcb.so" in bundle_libs.check_xcb_plugin(tmp_path)


def test_the_libraries_to_hide_are_what_the_bundle_must_carry(tmp_path):
    internal = _fake_bundle(tmp_path)
    executable = Path(sys.executable).resolve()
    own = set(bundle_libs.dynamic_entries(executable)[0])
    hide = bundle_libs.libraries_to_hide(internal, executable)
    assert "libxcb-cursor.so.0" in hide and "libxkbcommon-x11.so.0" in hide
    assert not any(bundle_libs.is_system_library(name) or name.startswith("libQt6") for name in hide)
    assert not own & set(hide)
