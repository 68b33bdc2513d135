"""The UI language: English (the source text) or Simplified Chinese, from Qt .qm translations.

The choice follows the system language unless the user picked one (Language menu, applied on the
next start) or ``DIGITPAD_LANG`` is set (``en`` or ``zh_CN``).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator

from digitpad.store import paths

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # each in its own language
SETTING = "ui/language"


def chosen_language(settings: QSettings) -> str:
    """``en`` or ``zh_CN``."""
    wanted = os.environ.get("DIGITPAD_LANG") or str(settings.value(SETTING, "system"))
    if wanted in LANGUAGES:
        return wanted
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translators(app, language: str) -> list[QTranslator]:
    """Install the app's and Qt's own translations; keep the returned list alive."""
    if language == "en":
        return []
    installed = []
    own = QTranslator(app)
    if own.load(str(paths.resources_dir() / "i18n" / f"digitpad_{language}.qm")):
        app.installTranslator(own)
        installed.append(own)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
