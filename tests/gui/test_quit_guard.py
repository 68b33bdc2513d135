import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from digitpad.gui import quit_guard


@pytest.mark.parametrize("button, quits", [("Stop and quit", True), ("Keep training", False)])
def test_the_question_quits_only_when_asked_to(qtbot, monkeypatch, button, quits):
    monkeypatch.undo()  # the real dialog, not the conftest's guard
    parent = QWidget()
    qtbot.addWidget(parent)

    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "quitWhileTrainingDialog"
        assert box.defaultButton().text() == "Keep training"
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(100, answer)
    assert quit_guard.ask(parent) is quits


def test_nothing_is_asked_when_nothing_trains(qtbot):
    assert quit_guard.may_quit(QWidget(), training=False)
