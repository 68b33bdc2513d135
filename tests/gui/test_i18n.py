"""Every user-visible string has a Simplified Chinese translation, and the app uses it."""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from digitpad.gui.result_views import mistake_caption
from digitpad.store import paths
from tests.helpers.chinese import chinese_window

I18N = paths.resources_dir() / "i18n"
SRC = Path(__file__).resolve().parents[2] / "src" / "digitpad"
# The GUI, and the core's table of training settings whose labels and tooltips the form shows.
GUI_SOURCES = [str(SRC / "training" / "config.py"), *sorted(str(p) for p in (SRC / "gui").glob("*.py"))]


def tool(name):
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        pytest.skip(f"pyside6-{name} not installed")
    return found


def test_every_string_in_the_source_has_a_translation(tmp_path):
    ts = tmp_path / "check.ts"
    shutil.copy(I18N / "digitpad_zh_CN.ts", ts)
    subprocess.run(
        [tool("lupdate"), *GUI_SOURCES, "-ts", str(ts), "-no-obsolete"], check=True, capture_output=True
    )
    untranslated = [
        m.find("source").text
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished")
        or not (m.find("translation").text or "").strip()
    ]
    assert untranslated == [], (
        "strings without a Chinese translation (run pyside6-lupdate, translate, lrelease)"
    )


def test_every_context_is_one_the_app_looks_up():
    """lupdate files a string under the name of the object ``tr`` is called on; outside a class
    that is a variable's name, which Qt never looks up at run time (the mistake captions were
    filed under "strip" and stayed English)."""
    source = "\n".join(Path(p).read_text(encoding="utf-8") for p in GUI_SOURCES)
    known = set(re.findall(r"^class (\w+)", source, re.MULTILINE))
    known |= set(re.findall(r"(?:QT_TRANSLATE_NOOP|translate)\(\s*\"(\w+)\"", source))
    contexts = {
        c.findtext("name") for c in ET.parse(I18N / "digitpad_zh_CN.ts").getroot().iter("context")
    }
    assert contexts - known == set()


def test_placeholders_survive_translation():
    for m in ET.parse(I18N / "digitpad_zh_CN.ts").getroot().iter("message"):
        source, text = m.find("source").text, m.find("translation").text
        for k in range(1, 7):
            assert (f"%{k}" in source) == (f"%{k}" in text), source


def test_compiled_translations_are_up_to_date(tmp_path):
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [tool("lrelease"), str(I18N / "digitpad_zh_CN.ts"), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == (I18N / "digitpad_zh_CN.qm").read_bytes(), "run pyside6-lrelease"


def test_the_window_speaks_chinese(qtbot, settings, monkeypatch):
    with chinese_window(qtbot, settings, monkeypatch) as win:
        assert [win.tabs.tabText(i) for i in range(win.tabs.count())] == [
            "书写",
            "训练",
            "内部",
            "我的笔迹",
        ]
        assert win.draw_tab.verdict.text() == "在画板上写一个 0 到 9 的数字。"
        assert mistake_caption(6, 5) == "认成 6，实为 5"


def test_language_choice_is_remembered(window):
    window.choose_language("zh_CN")
    assert window.settings.value("ui/language") == "zh_CN"
    assert "starts again" in window.statusBar().currentMessage()
