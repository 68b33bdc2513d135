"""The ICU data trimmer used by build.spec on Linux."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
import icu_data  # noqa: E402

HEADER = (
    (32).to_bytes(2, "little")
    + icu_data.MAGIC
    + (20).to_bytes(2, "little")
    + bytes([0, 0, 0, 0, 2, 0])
    + icu_data.FORMAT
    + bytes([1, 0, 0, 0, 0, 0, 0, 0])
    + bytes(8)
)


def test_a_written_package_reads_back_in_name_order():
    items = [("pkg/zone/x.res", b"zz"), ("pkg/coll/root.res", b"root-data"), ("pkg/a.icu", b"a" * 17)]
    blob = icu_data.write_package(HEADER, items)
    header, read = icu_data.read_package(blob)
    assert header == HEADER
    assert [name for name, _ in read] == sorted(name for name, _ in items)
    for (_, data), (_, original) in zip(read, sorted(items)):
        assert data[: len(original)] == original  # items are padded to 16 bytes
        assert len(data) % icu_data.ALIGN == 0
    assert icu_data.find_package(b"\x7fELF junk" + blob) == len(b"\x7fELF junk")


def test_only_collation_and_the_locale_root_are_kept():
    assert icu_data.keep("icudt73l/coll/sv.res")
    assert icu_data.keep("icudt73l/coll/ucadata.icu")
    assert icu_data.keep("icudt73l/root.res")
    assert not icu_data.keep("icudt73l/zone/tz.res")
    assert not icu_data.keep("icudt73l/ibm-943_P15A-2003.cnv")
    with pytest.raises(ValueError):
        icu_data.read_package(b"\x00" * 64)


def _qt_icu_data() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt links ICU only on Linux")
def test_qt_still_sorts_by_language_with_the_trimmed_library(tmp_path):
    source = _qt_icu_data()
    if source is None or not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("needs PySide6's ICU data library and a C compiler")
    assert icu_data.trimmed_library(source, tmp_path / source.name)
    assert (tmp_path / source.name).stat().st_size < source.stat().st_size / 4
    script = (
        "import functools\n"
        "from PySide6.QtCore import QCollator, QLocale\n"
        "c = QCollator(QLocale('sv_SE'))\n"
        "print(''.join(sorted('öza', key=functools.cmp_to_key(c.compare))))\n"
    )
    env = dict(os.environ, LD_LIBRARY_PATH=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "azö"  # Swedish puts ö after z: the collation data were found
    assert "collator" not in run.stderr
