"""The "My handwriting" tab: the digits the user taught, and Personalise."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digitpad.errors import DigitpadError
from digitpad.gui.mnist_source import MnistSource
from digitpad.gui.model_holder import ModelHolder
from digitpad.gui.widgets import EmptyHint, gray_image
from digitpad.gui.worker import Job, PersonalisedModel, PersonaliseWorker, start_job
from digitpad.shapes import SIDE
from digitpad.store import model_history
from digitpad.store import samples as store
from digitpad.store.model_info import Metrics
from digitpad.training.config import fill

MIN_SAMPLES = 3
THUMBNAIL = 84  # px: three screen pixels per input pixel, crisp and readable
KEPT_THUMBNAILS = 600  # a few screens' worth; the others are read again when scrolled to


class SampleList(QAbstractListModel):
    """The samples, newest first. Only names are listed; a thumbnail reads its file when the
    view first shows it (so thousands of samples cost nothing at start), and a few hundred are
    kept. A file found unreadable then is set aside and ``unreadable`` is emitted."""

    unreadable = Signal()

    def __init__(self, tooltip: Callable[[store.SampleEntry], str], parent=None):
        super().__init__(parent)
        self.entries: list[store.SampleEntry] = []
        self.tooltip = tooltip
        self._icons: OrderedDict[str, QIcon] = OrderedDict()

    def set_entries(self, entries: list[store.SampleEntry]) -> None:
        self.beginResetModel()
        self.entries = entries[::-1]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(entry.label)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(entry)
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None

    def _icon(self, entry: store.SampleEntry) -> QIcon:
        icon = self._icons.get(entry.id)
        if icon is not None:
            self._icons.move_to_end(entry.id)
            return icon
        sample = store.read_sample(entry.id, strokes=False)
        if sample is None:
            QTimer.singleShot(0, self.unreadable.emit)  # not while the view is painting
            return QIcon()
        image = gray_image(sample.input.reshape(SIDE, SIDE)).scaled(
            THUMBNAIL,
            THUMBNAIL,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.FastTransformation,  # hard pixel edges, like the input view
        )
        icon = self._icons[entry.id] = QIcon(QPixmap.fromImage(image))
        if len(self._icons) > KEPT_THUMBNAILS:
            self._icons.popitem(last=False)
        return icon


class PersonalTab(QWidget):
    def __init__(self, holder: ModelHolder, mnist: MnistSource, parent=None):
        super().__init__(parent)
        self.holder = holder
        self.mnist = mnist
        self.job: Job | None = None
        self._base: model_history.Current | None = None  # the current model when Personalise began
        self._waiting_for_mnist = False  # Personalise was pressed while MNIST was missing
        mnist.changed.connect(self._mnist_changed)
        intro = QLabel(
            self.tr(
                "Teach digitpad your handwriting: after a guess in the Draw tab, press the digit you meant "
                "(the buttons after “It was:”, or the keys 0-9). Your samples are kept here. Personalise "
                "fine-tunes the current network on them, mixed with MNIST so it does not forget."
            ),
            wordWrap=True,
        )
        self.sample_list = SampleList(self._tooltip, self)
        self.sample_list.unreadable.connect(lambda: self.refresh(also_skipped=1))
        self.samples = QListView()
        self.samples.setModel(self.sample_list)
        self.samples.setViewMode(QListView.ViewMode.IconMode)
        self.samples.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.samples.setResizeMode(QListView.ResizeMode.Adjust)
        self.samples.setMovement(QListView.Movement.Static)
        self.samples.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.samples.setUniformItemSizes(True)
        self.empty_hint = EmptyHint(
            self.samples,
            self.tr("No samples yet"),
            fill(
                self.tr(
                    "Draw a digit in the Draw tab, then press the digit it was: the buttons after “It was:” "
                    "or the keys 0-9. The drawing is kept here. Personalise needs at least %1 samples."
                ),
                str(MIN_SAMPLES),
            ),
        )
        self.count_label = QLabel()
        self.delete_button = QPushButton(self.tr("Delete selected"))
        self.delete_button.setToolTip(self.tr("Remove the selected samples."))
        self.personalise_button = QPushButton(self.tr("Personalise"))
        self.personalise_tip = self.tr(
            "Fine-tune the current network on your samples (a few seconds). The Draw tab then uses it."
        )
        self.undo_button = QPushButton(self.tr("Undo personalisation"))
        self.undo_button.setToolTip(self.tr("Go back to the network you had before personalising."))
        self.progress = QProgressBar(visible=False)  # shown only while personalising
        self.status = QLabel(wordWrap=True)
        self.delete_button.clicked.connect(self.delete_selected)
        self.samples.selectionModel().selectionChanged.connect(self._update_buttons)
        self.personalise_button.clicked.connect(self.start)
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        for b in (self.delete_button, self.personalise_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.count_label)
        layout.addWidget(self.samples, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        holder.changed.connect(self._update_buttons)
        self.refresh()

    def refresh(self, also_skipped: int = 0) -> None:
        """List the samples again (their names only: no file is read here)."""
        samples, skipped = store.list_samples()
        skipped += also_skipped
        self.sample_list.set_entries(samples)
        counts = [sum(s.label == d for s in samples) for d in range(10)]
        text = ""  # no samples: the list's hint says what to do
        if samples:
            text = self.tr("1 sample: ") if len(samples) == 1 else self.tr("%1 samples: ")
            text = fill(text, str(len(samples))) + "  ".join(
                f"{d}×{n}" for d, n in enumerate(counts) if n
            )
        if skipped == 1:
            text += "  " + self.tr("(1 unreadable file skipped)")
        elif skipped:
            text += "  " + fill(self.tr("(%1 unreadable files skipped)"), str(skipped))
        self.count_label.setText(text.strip())
        self.count_label.setVisible(bool(text))
        self._update_buttons()

    def _tooltip(self, entry: store.SampleEntry) -> str:
        return fill(self.tr("A %1, taught %2"), str(entry.label), entry.created[:16])

    def sample_count(self) -> int:
        return self.sample_list.rowCount()

    def selected_ids(self) -> list[str]:
        return [
            index.data(Qt.ItemDataRole.UserRole)
            for index in self.samples.selectionModel().selectedIndexes()
        ]

    def _update_buttons(self) -> None:
        running = self.job is not None
        enough = self.sample_count() >= MIN_SAMPLES
        self.personalise_button.setEnabled(not running and enough)
        self.personalise_button.setToolTip(
            self.personalise_tip
            if enough
            else fill(
                self.tr("Needs at least %1 samples; there are %2."),
                str(MIN_SAMPLES),
                str(self.sample_count()),
            )
        )
        self.delete_button.setEnabled(not running and bool(self.selected_ids()))
        self.undo_button.setEnabled(not running and self.holder.info.personalised_from is not None)

    def delete_selected(self) -> None:
        for sample_id in self.selected_ids():
            store.delete_sample(sample_id)
        self.refresh()

    def start(self) -> bool:
        if self.job is not None or self.sample_count() < MIN_SAMPLES:
            return False
        question = self.tr(
            "Personalising mixes in the MNIST digits (about 11 MB) so that the network does not "
            "forget them, and they are not in this folder:\n%1\n\n"
            "Download them now, or choose a folder that already has them?"
        )
        if not self.mnist.ensure(self, question):
            self._wait_for_mnist()
            return False
        self._waiting_for_mnist = False
        data_dir = self.mnist.folder
        # What the result is recorded as personalised from, whatever is current when it ends.
        self._base = self.holder.current
        worker = PersonaliseWorker(self._base.model, data_dir)
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self.job = start_job(self, worker, self._job_released)
        self.progress.reset()
        self.progress.show()
        self.status.setText(self.tr("Personalising…"))
        self._update_buttons()
        return True

    def _wait_for_mnist(self) -> None:
        """Personalise was pressed without MNIST and the question answered: say what happens."""
        self._waiting_for_mnist = True
        if self.mnist.job is not None:
            text = self.tr("Downloading MNIST… Press Personalise again when it is done.")
        else:
            text = fill(
                self.tr(
                    "Personalising needs MNIST, which is not in %1. Press Personalise to download it "
                    "or to choose a folder that has it."
                ),
                str(self.mnist.folder),
            )
        self.status.setText(text)

    def _mnist_changed(self) -> None:
        """The shared MNIST source (also the Train tab's Data folder… and Download) changed."""
        if not self._waiting_for_mnist or self.job is not None:
            return
        if self.mnist.ready:
            self._waiting_for_mnist = False
            self.status.setText(self.tr("MNIST is ready: press Personalise."))
        elif self.mnist.failure is not None:
            self.status.setText(self.mnist.failure[0] + " " + self.tr("Press Personalise to try again."))

    def _on_progress(self, step: int, steps: int) -> None:
        self.progress.setMaximum(steps)
        self.progress.setValue(step)

    def _on_finished(self, result: PersonalisedModel) -> None:
        shipped = self._base.entry_id == model_history.SHIPPED
        base = self._base.entry_id if not shipped else None
        info = self._base.info.replace(
            origin="personalised",
            personalised_from="shipped" if shipped else "user",
            personalised_from_id=base,  # where Undo goes back to
            personal_samples=result.samples,
            personalise_steps=result.steps,
            # The real figure after fine-tuning, not the one the model had before.
            metrics=Metrics(test_accuracy=result.test_accuracy),
        )
        try:
            self.holder.use(result.model, info)
        except OSError as exc:
            self.status.setText(fill(self.tr("Could not keep the model: %1"), str(exc)))
            return
        self.status.setText(
            fill(
                self.tr("Done: the Draw tab now uses your personalised network (MNIST test %1)."),
                f"{result.test_accuracy:.2%}",
            )
        )

    def _on_failed(self, text: str) -> None:
        self.status.setText(
            fill(self.tr("Personalising failed: %1\nYour current model is unchanged."), text)
        )

    def _job_released(self) -> None:
        self.job = None
        self.progress.hide()
        self._update_buttons()

    def undo(self) -> None:
        try:
            undone = self.holder.undo_personalisation()
        except (DigitpadError, OSError) as exc:
            self.status.setText(fill(self.tr("Could not undo: %1"), str(exc)))
            return
        if undone:
            self.status.setText(self.tr("Back to the network you had before personalising."))

    def shutdown(self, timeout_ms: int = 10000) -> None:
        if self.job is not None:
            self.job.stop(wait_ms=timeout_ms)
