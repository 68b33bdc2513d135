"""The main window: tabs, menus, shortcuts, status bar, remembered geometry."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import QFileDialog, QMainWindow, QTabWidget

from digitpad.data.images import open_image
from digitpad.errors import DigitpadError, os_problem, os_reason
from digitpad.gui import quit_guard
from digitpad.gui.about import show_about
from digitpad.gui.draw_tab import DrawTab
from digitpad.gui.i18n import LANGUAGES, SETTING
from digitpad.gui.model_actions import ModelActions
from digitpad.gui.model_holder import ModelHolder
from digitpad.gui.plots import link_plots
from digitpad.gui.render import to_array
from digitpad.gui.widgets import ElidedLabel, scrolling, show_error
from digitpad.store import paths
from digitpad.training.config import fill

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle("digitpad")
        icon = paths.resources_dir() / "icons" / "digitpad.png"
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self.holder = ModelHolder(self)
        self.models = ModelActions(self.holder, self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.draw_tab = DrawTab(self.holder)
        self.tabs.addTab(self.draw_tab, self.tr("Draw"))
        self._add_more_tabs()
        self.setCentralWidget(self.tabs)
        self.model_label = ElidedLabel()  # long model descriptions must not widen the window
        self.statusBar().addPermanentWidget(self.model_label)
        self.holder.changed.connect(self._show_model)
        self.draw_tab.canvas.fileDropped.connect(self.open_image_file)
        self._build_menus()
        self._show_model()
        self.resize(1024, 640)
        notices = [self.holder.startup_notice] if self.holder.startup_notice else []
        if not self._restore_geometry():
            notices.append(self.tr("Your saved window settings could not be read; defaults are used."))
        if notices:
            self.statusBar().showMessage(" ".join(notices), 15000)

    def _restore_geometry(self) -> bool:
        """False when a stored geometry exists but is unreadable (a corrupt settings file)."""
        geometry = self.settings.value("window/geometry")
        if geometry is None:
            return True
        try:
            return bool(self.restoreGeometry(geometry))
        except (TypeError, ValueError):
            return False

    def _add_more_tabs(self) -> None:
        """Tabs beyond Draw (training) are added here."""
        from digitpad.gui.inside_tab import InsideTab
        from digitpad.gui.mnist_source import MnistSource
        from digitpad.gui.personal_tab import PersonalTab
        from digitpad.gui.train_tab import TrainTab

        self.mnist = MnistSource(self, self.settings)
        self.train_tab = TrainTab(self.holder, self.mnist)
        self.tabs.addTab(scrolling(self.train_tab), self.tr("Train"))
        self.inside_tab = InsideTab(self.holder)
        self.tabs.addTab(self.inside_tab, self.tr("Inside"))
        self.personal_tab = PersonalTab(self.holder, self.mnist)
        self.tabs.addTab(self.personal_tab, self.tr("My handwriting"))
        self.draw_tab.labelled.connect(self.keep_sample)
        self.draw_tab.predicted.connect(self.inside_tab.show_prediction)
        self.train_tab.epochSnapshot.connect(self.inside_tab.show_training)
        self.train_tab.runningChanged.connect(self.inside_tab.training_running_changed)
        link_plots([self.train_tab.loss_plot, self.train_tab.acc_plot])

    def show_page(self, page) -> None:
        """Bring the tab holding ``page`` (a tab, or a widget inside one) to the front."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if tab is page or tab.isAncestorOf(page):
                self.tabs.setCurrentIndex(index)
                return

    # ----- menus -------------------------------------------------------------------------
    def _action(self, menu, text, slot, shortcut=None, tip=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _board_actions_follow_tab(self) -> None:
        """The board's keys work only while it is shown: Delete on My handwriting deletes
        samples there instead of clearing a drawing out of sight."""
        for action in self.board_actions:
            action.setEnabled(self.tabs.currentWidget() is self.draw_tab)

    def _build_menus(self) -> None:
        canvas = self.draw_tab.canvas
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._action(
            file_menu, self.tr("&Open image…"), self.open_image_dialog, QKeySequence.StandardKey.Open
        )
        self._action(
            file_menu, self.tr("&Paste image"), self.paste_image, QKeySequence.StandardKey.Paste
        )
        self._action(
            file_menu,
            self.tr("&Save drawing as PNG…"),
            self.save_drawing_dialog,
            QKeySequence.StandardKey.Save,
        )
        file_menu.addSeparator()
        self.train_tab.results.add_actions(self.models.add_to(file_menu))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence("Ctrl+Q"))

        edit = self.menuBar().addMenu(self.tr("&Edit"))
        # They act on the board, so they work only while it is shown: Delete on My handwriting
        # must delete samples there, not clear a drawing out of sight.
        keys = QKeySequence
        board = [
            (self.tr("&Undo stroke"), canvas.undo, keys.StandardKey.Undo),
            (self.tr("&Redo stroke"), canvas.redo, [keys("Ctrl+Shift+Z"), keys("Ctrl+Y")]),
            (self.tr("&Clear"), self.draw_tab.clear, [keys("Esc"), keys("Del")]),
            (self.tr("&Eraser"), lambda: self.draw_tab.set_eraser(not canvas.eraser), keys("E")),
            (self.tr("Read a &number"), self.draw_tab.number_button.toggle, keys("N")),
        ]
        self.board_actions = [self._action(edit, *spec) for spec in board]
        self.tabs.currentChanged.connect(self._board_actions_follow_tab)

        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        current = self.settings.value(SETTING, "system")
        self.language_group = QActionGroup(self)  # exclusive: shown as radio items
        self.language_actions: dict[str, QAction] = {}
        for code, name in [("system", self.tr("System default")), *LANGUAGES.items()]:
            action = self._action(language_menu, name, lambda _=False, c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == current)
            self.language_group.addAction(action)
            self.language_actions[code] = action

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About digitpad"), self.about)

    def _show_model(self) -> None:
        self.model_label.setText(self.tr("Model: ") + self.holder.description())

    # ----- images ------------------------------------------------------------------------
    def open_image_dialog(self) -> None:
        start = self.settings.value("paths/images", str(Path.home()))
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open an image of a digit"), start, IMAGE_FILTER
        )
        if name:
            self.settings.setValue("paths/images", str(Path(name).parent))
            self.open_image_file(name)

    def open_image_file(self, name: str) -> bool:
        try:
            image = open_image(Path(name))
        except DigitpadError as exc:
            self._error(self.tr("Cannot open image"), str(exc))
            return False
        return self._show_image(image, Path(name).name)

    def _show_image(self, image, label: str) -> bool:
        if not self.draw_tab.show_image(image):
            self.tabs.setCurrentWidget(self.draw_tab)
            self.statusBar().showMessage(
                fill(self.tr("%1 holds no digit (no ink found). Undo brings back your drawing."), label),
                10000,
            )
            return False
        self.tabs.setCurrentWidget(self.draw_tab)
        self.statusBar().showMessage(fill(self.tr("Opened %1"), label), 5000)
        return True

    def paste_image(self) -> None:
        qimage = QGuiApplication.clipboard().image()
        if qimage.isNull():
            self.statusBar().showMessage(self.tr("The clipboard holds no image."), 5000)
            return
        from PIL import Image

        rgba = qimage.convertToFormat(qimage.Format.Format_RGBA8888)
        arr = np.frombuffer(rgba.constBits(), np.uint8, count=rgba.height() * rgba.bytesPerLine())
        arr = arr.reshape(rgba.height(), rgba.bytesPerLine())[:, : rgba.width() * 4]
        self._show_image(
            Image.fromarray(arr.reshape(rgba.height(), rgba.width(), 4).copy(), "RGBA"),
            self.tr("clipboard image"),
        )

    def save_drawing_dialog(self) -> None:
        if self.draw_tab.canvas.is_empty():
            self.statusBar().showMessage(self.tr("Nothing to save: the board is empty."), 5000)
            return
        start = self.settings.value("paths/images", str(Path.home()))
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save drawing"), str(Path(start) / "digit.png"), "PNG (*.png)"
        )
        if name:
            self.save_drawing(name)

    def save_drawing(self, name: str) -> bool:
        from PIL import Image

        path = Path(name)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        try:
            Image.fromarray(to_array(self.draw_tab.drawing_image()), "L").save(path)
        except OSError as exc:
            self._error(self.tr("Cannot save drawing"), f"{path}: {os_reason(exc)}")
            return False
        self.statusBar().showMessage(fill(self.tr("Saved %1"), str(path)), 5000)
        return True

    def choose_language(self, code: str) -> None:
        self.settings.setValue(SETTING, code)
        self.language_actions[code].setChecked(True)
        self.statusBar().showMessage(self.tr("The language changes when digitpad starts again."), 8000)

    def keep_sample(self, digit: int) -> None:
        """Store the current drawing as ``digit`` in the personal samples, then start afresh."""
        from digitpad.store import samples as store

        pred = self.draw_tab.prediction
        strokes = [s.points for s in self.draw_tab.canvas.strokes if not s.erase]
        try:
            store.save_sample(digit, pred.input, strokes)
        except OSError as exc:
            self._error(self.tr("Cannot keep the sample"), os_problem(exc))
            return
        self.personal_tab.refresh()
        self.draw_tab.kept(digit)
        self.statusBar().showMessage(
            fill(
                self.tr("Kept as a %1 in your handwriting samples (%2 in all)."),
                str(digit),
                str(self.personal_tab.sample_count()),
            ),
            5000,
        )

    # ----- misc --------------------------------------------------------------------------
    def _error(self, title: str, text: str) -> None:
        show_error(self, title, text)

    def about(self) -> None:
        show_about(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        job = self.train_tab.job
        if not quit_guard.may_quit(self, job is not None and job.active):
            event.ignore()
            return
        if not self.train_tab.settle_result():  # a trained network nobody used or saved yet
            event.ignore()
            return
        self.train_tab.shutdown()
        self.personal_tab.shutdown()
        self.mnist.shutdown()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
