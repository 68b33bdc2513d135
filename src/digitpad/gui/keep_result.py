"""Keeping a trained network: a result nobody used or saved is never dropped without asking, and
"Use this model" shows how the new network compares with the one in use before replacing it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from digitpad.store.model_info import Accuracies

USE, SAVE, DISCARD, CANCEL = "use", "save", "discard", "cancel"


def percent(value: float | None) -> str:
    return QCoreApplication.translate("KeepResult", "not recorded") if value is None else f"{value:.2%}"


def comparison_table(new: Accuracies, current: Accuracies) -> str:
    """The two models' figures side by side (rich text)."""
    rows = [
        (
            QCoreApplication.translate("KeepResult", "MNIST test (10,000 digits)"),
            new.mnist_test,
            current.mnist_test,
        ),
        (
            QCoreApplication.translate("KeepResult", "Pen digits by writers it never saw"),
            new.pen_unseen_writers,
            current.pen_unseen_writers,
        ),
    ]
    new_head = QCoreApplication.translate("KeepResult", "New")
    used_head = QCoreApplication.translate("KeepResult", "In use")
    head = f"<tr><th></th><th>{new_head}</th><th>{used_head}</th></tr>"
    body = "".join(
        f"<tr><td>{name}</td><td align='right'>{percent(a)}</td><td align='right'>{percent(b)}</td></tr>"
        for name, a, b in rows
    )
    return f"<table cellspacing='6'>{head}{body}</table>"


def ask_use_worse(parent: QWidget, new: Accuracies, current: Accuracies) -> bool:
    """True when the user still wants the new network, which reads worse than the current one."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("KeepResult", "The new model reads worse"),
        QCoreApplication.translate(
            "KeepResult", "The new model reads worse than the one in use. Use it anyway?"
        ),
        parent=parent,
    )
    box.setInformativeText(comparison_table(new, current))
    use = box.addButton(
        QCoreApplication.translate("KeepResult", "Use the new model"), QMessageBox.ButtonRole.AcceptRole
    )
    keep = box.addButton(
        QCoreApplication.translate("KeepResult", "Keep the one in use"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.setDefaultButton(keep)
    box.setObjectName("useWorseDialog")
    box.exec()
    return box.clickedButton() is use


def ask_unkept(parent: QWidget, summary: str) -> str:
    """What to do with a trained network nobody used or saved before it is dropped: USE, SAVE,
    DISCARD or CANCEL (Escape, closing the box)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("KeepResult", "Keep the trained model?"),
        QCoreApplication.translate(
            "KeepResult",
            "The model you trained is neither used nor saved. Use it, save it, or discard it?",
        ),
        parent=parent,
    )
    box.setInformativeText(summary)
    choices = {
        box.addButton(
            QCoreApplication.translate("KeepResult", "Use it"), QMessageBox.ButtonRole.AcceptRole
        ): USE,
        box.addButton(
            QCoreApplication.translate("KeepResult", "Save as…"), QMessageBox.ButtonRole.ActionRole
        ): SAVE,
        box.addButton(
            QCoreApplication.translate("KeepResult", "Discard"), QMessageBox.ButtonRole.DestructiveRole
        ): DISCARD,
    }
    cancel = box.addButton(
        QCoreApplication.translate("KeepResult", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setObjectName("unkeptResultDialog")
    box.exec()
    return choices.get(box.clickedButton(), CANCEL)
