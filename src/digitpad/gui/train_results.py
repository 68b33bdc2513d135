"""What a finished run produced: the confusion matrix, the most confident mistakes, and what can be
done with the network (use it, save it; load or revert through the window's shared actions)."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from digitpad.gui.mnist_source import wrappable_path
from digitpad.gui.model_actions import ask_model_path, write_model
from digitpad.gui.result_views import ConfusionMatrix, DigitStrip
from digitpad.training.config import fill
from digitpad.training.run import RunOutcome


def duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return fill(QCoreApplication.translate("ResultsView", "%1 s"), str(seconds))
    return fill(
        QCoreApplication.translate("ResultsView", "%1 min %2 s"),
        str(seconds // 60),
        f"{seconds % 60:02d}",
    )


class ResultsView(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(self.tr("Result on the 10,000 test digits"), parent)
        self.confusion = ConfusionMatrix()
        self.mistakes = DigitStrip()
        self.use_button = QPushButton(self.tr("Use this model"))
        self.use_button.setToolTip(
            self.tr("Recognise drawings with the new network from now on (kept after a restart).")
        )
        self.save_button = QPushButton(self.tr("Save as…"))
        self.buttons = QGridLayout()  # two rows: one would set the window's minimum width
        self.buttons.addWidget(self.use_button, 0, 0)
        self.buttons.addWidget(self.save_button, 0, 1)
        self.label = QLabel(self.tr("Train a network to see how it does."), wordWrap=True)
        self.comparison = QLabel()  # the new network's figures beside the model in use
        self.comparison.setObjectName("resultComparison")
        column = QVBoxLayout()
        column.addWidget(self.label)
        column.addWidget(self.comparison)
        column.addWidget(QLabel(self.tr("Its most confident mistakes:")))
        column.addWidget(self.mistakes)
        column.addLayout(self.buttons)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.confusion, 0)
        layout.addLayout(column, 1)
        self.set_usable(False)

    def add_actions(self, actions: list[QAction]) -> None:
        """Buttons for the window's model actions (Load…, Revert…)."""
        for column, action in enumerate(actions):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setText(action.text().replace("&", ""))  # keep the "…" that iconText drops
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.buttons.addWidget(button, 1, column)

    def set_usable(self, usable: bool) -> None:
        self.use_button.setEnabled(usable)
        self.save_button.setEnabled(usable)

    def clear(self, text: str) -> None:
        self.confusion.set_counts(None)
        self.mistakes.set_digits([], [])
        self.label.setText(text)
        self.comparison.clear()

    def show_comparison(self, table: str) -> None:
        self.comparison.setText(table)

    def show_outcome(self, outcome: RunOutcome) -> None:
        report = outcome.report
        if report is None:
            self.label.setText(self.tr("Stopped before the first epoch ended; nothing to keep."))
            return
        self.confusion.set_counts(report.confusion)
        self.mistakes.set_mistakes(outcome.mistakes)
        note = self.tr(" (stopped early)") if outcome.stopped else ""
        epochs = math.floor(outcome.epochs_trained * 100) / 100  # an epoch cut short counts in part
        text = (
            self.tr("Test accuracy %1 after 1 epoch, %3 of training%4. Use it, save it, or train again.")
            if epochs == 1
            else self.tr(
                "Test accuracy %1 after %2 epochs, %3 of training%4. Use it, save it, or train again."
            )
        )
        self.label.setText(
            fill(
                text,
                f"{report.accuracy:.2%}",
                f"{epochs:g}",
                duration(sum(h.seconds for h in outcome.history)),
                note,
            )
        )


def save_outcome(parent: QWidget, outcome: RunOutcome) -> tuple[bool, str] | None:
    """Ask where to save ``outcome``'s model and save it; returns whether it was saved and the
    sentence to show the user, or None when the dialog was cancelled."""
    path = ask_model_path(parent, "trained.npz")
    if path is None:
        return None
    problem = write_model(outcome.model, outcome.info, path)
    if problem:
        return False, fill(QCoreApplication.translate("TrainTab", "Could not save: %1"), problem)
    return True, fill(QCoreApplication.translate("TrainTab", "Saved %1"), wrappable_path(path))


def stopped_status(outcome: RunOutcome, epochs: int) -> str:
    """How far a stopped run's kept network was trained, the batches of an epoch cut short
    included (they changed its weights too)."""
    done = len(outcome.history)
    if done and outcome.partial:
        text = QCoreApplication.translate(
            "TrainTab", "Stopped during epoch %1 of %2 (after %3 of %4 batches)."
        )
        return fill(text, str(done + 1), str(epochs), *map(str, outcome.partial))
    if done:
        text = QCoreApplication.translate("TrainTab", "Stopped after epoch %1 of %2.")
        return fill(text, str(done), str(epochs))
    return QCoreApplication.translate("TrainTab", "Stopped before the first epoch ended.")
