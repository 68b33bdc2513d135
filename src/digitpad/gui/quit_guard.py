"""Closing the window while a network trains asks first: the run so far would be lost."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(parent: QWidget) -> bool:
    """True when the user chooses to stop the run and quit."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("QuitGuard", "A network is training"),
        QCoreApplication.translate(
            "QuitGuard", "Quit now? Training stops and the network trained so far is lost."
        ),
        parent=parent,
    )
    quit_button = box.addButton(
        QCoreApplication.translate("QuitGuard", "Stop and quit"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton(
        QCoreApplication.translate("QuitGuard", "Keep training"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.setObjectName("quitWhileTrainingDialog")
    box.exec()
    return box.clickedButton() is quit_button


def may_quit(parent: QWidget, training: bool) -> bool:
    """True when the window may close: nothing is training, or the user chose to stop it."""
    return not training or ask(parent)
