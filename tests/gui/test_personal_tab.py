import numpy as np
from PySide6.QtCore import QItemSelectionModel, Qt

from digitpad.store import samples as store


def select(ptab, row, selected=True):
    flag = (
        QItemSelectionModel.SelectionFlag.Select
        if selected
        else QItemSelectionModel.SelectionFlag.Deselect
    )
    ptab.samples.selectionModel().select(ptab.sample_list.index(row), flag)


def draw(window, digits, which):
    for stroke in next(d for d in digits if d["digit"] == which)["strokes"]:
        window.draw_tab.canvas.add_stroke([tuple(p) for p in stroke])


def test_teaching_stores_samples_and_clears_the_board(window, qtbot, selftest_digits):
    tab = window.draw_tab
    assert not tab.teach_buttons[3].isEnabled()  # nothing drawn: nothing to teach
    draw(window, selftest_digits, 3)
    assert tab.teach_buttons[3].isEnabled()
    assert tab.teach_buttons[8].shortcut().toString() == "8"  # the digit keys label too
    tab.teach_buttons[8].click()
    samples, _ = store.list_samples()
    assert [s.label for s in samples] == [8] and store.read_sample(samples[0].id).strokes
    assert tab.canvas.is_empty() and "as a 8" in window.statusBar().currentMessage()
    assert window.personal_tab.sample_count() == 1


def test_delete_and_personalise_then_undo(window, qtbot, selftest_digits, tiny_mnist, monkeypatch):
    from functools import partial

    from digitpad.training import personalise

    # A few steps change the weights as surely as the 120 of the app's run (seconds on a busy machine).
    monkeypatch.setattr(
        personalise, "PersonaliseConfig", partial(personalise.PersonaliseConfig, steps=6)
    )
    for digit in (1, 4, 7):
        draw(window, selftest_digits, digit)
        window.draw_tab.teach_buttons[digit].click()
    ptab = window.personal_tab
    assert ptab.sample_count() == 3 and ptab.personalise_button.isEnabled()
    assert ptab.personalise_button.toolTip().startswith("Fine-tune")
    select(ptab, 0, True)
    ptab.delete_selected()
    assert ptab.sample_count() == 2 and not ptab.personalise_button.isEnabled()
    # Greyed out, and the button says why.
    assert ptab.personalise_button.toolTip() == "Needs at least 3 samples; there are 2."
    draw(window, selftest_digits, 2)
    window.draw_tab.teach_buttons[2].click()
    window.mnist.set_folder(tiny_mnist)
    before = window.holder.model
    assert ptab.progress.isHidden()  # no empty bar while nothing runs
    with qtbot.waitSignal(window.holder.changed, timeout=180000):
        assert ptab.start()
        assert not ptab.progress.isHidden()
    qtbot.waitUntil(lambda: ptab.job is None, timeout=5000)
    assert ptab.progress.isHidden()
    assert window.holder.model is not before and window.holder.metadata["personalised_from"] == "shipped"
    assert window.holder.metadata["personal_samples"] == 3
    assert not np.array_equal(window.holder.model.network.params[0], before.network.params[0])
    assert ptab.undo_button.isEnabled()
    ptab.undo()
    assert window.holder.is_shipped and "personalised_from" not in window.holder.metadata


def answer_mnist_question(button_text: str) -> list:
    """Press ``button_text`` in the "MNIST is needed" question once it shows; the list it
    returns gets the question's text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    asked = []

    def press():
        box = next(
            (w for w in QApplication.topLevelWidgets() if w.objectName() == "mnistMissingDialog"),
            None,
        )
        if box is None or not box.isVisible():
            QTimer.singleShot(10, press)
            return
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text() == button_text)
        if isinstance(button, QMessageBox.StandardButton):
            box.button(button).click()
        else:
            button.click()

    QTimer.singleShot(0, press)
    return asked


def teach_three(window, selftest_digits):
    for digit in (1, 4, 7):
        draw(window, selftest_digits, digit)
        window.draw_tab.teach_buttons[digit].click()


def test_personalise_without_mnist_asks_and_explains(window, tmp_path, selftest_digits):
    teach_three(window, selftest_digits)
    window.mnist.set_folder(tmp_path / "nothing")
    asked = answer_mnist_question("Cancel")
    assert not window.personal_tab.start()
    assert "Personalising" in asked[0] and str(tmp_path / "nothing") in asked[0]
    status = window.personal_tab.status.text()
    assert "not in" in status and "choose a folder" in status and "Train tab" not in status


def test_personalise_without_mnist_offers_a_folder_and_goes_on(
    window, qtbot, tmp_path, selftest_digits, tiny_mnist, monkeypatch
):
    """Offline, MNIST elsewhere on disk: Personalise asks, the folder is chosen, it runs."""
    from PySide6.QtWidgets import QFileDialog

    teach_three(window, selftest_digits)
    window.mnist.set_folder(tmp_path / "nothing")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tiny_mnist))
    answer_mnist_question("Choose folder…")
    ptab = window.personal_tab
    assert ptab.start() and window.mnist.folder == tiny_mnist and ptab.job is not None


def test_a_download_begun_from_personalise_says_how_it_ended(
    window, tmp_path, selftest_digits, tiny_mnist, monkeypatch
):
    teach_three(window, selftest_digits)
    window.mnist.set_folder(tmp_path / "nothing")
    monkeypatch.setattr(type(window.mnist), "download", lambda self, parent: None)
    answer_mnist_question("Download")
    ptab = window.personal_tab
    assert not ptab.start()
    window.mnist.failure = ("No internet connection — choose a folder that has the MNIST files.", "")
    window.mnist.changed.emit()
    assert ptab.status.text().startswith("No internet connection") and "try again" in ptab.status.text()
    window.mnist.failure = None
    window.mnist.set_folder(tiny_mnist)  # as when the download has arrived
    assert ptab.status.text() == "MNIST is ready: press Personalise."


def test_delete_is_enabled_only_when_samples_are_selected(window, selftest_digits):
    ptab = window.personal_tab
    assert ptab.sample_count() == 0 and not ptab.delete_button.isEnabled()
    for digit in (1, 4):
        draw(window, selftest_digits, digit)
        window.draw_tab.teach_buttons[digit].click()
    assert ptab.sample_count() == 2 and not ptab.delete_button.isEnabled()  # none selected
    select(ptab, 0, True)
    assert ptab.delete_button.isEnabled()
    select(ptab, 0, False)
    assert not ptab.delete_button.isEnabled()
    select(ptab, 1, True)
    ptab.delete_button.click()
    assert ptab.sample_count() == 1 and not ptab.delete_button.isEnabled()  # selection went too
    ptab.samples.selectAll()
    ptab.delete_button.click()
    assert ptab.sample_count() == 0 and not ptab.delete_button.isEnabled()


def test_the_sample_count_reads_right_for_one_and_for_more(window, selftest_digits):
    ptab = window.personal_tab
    draw(window, selftest_digits, 4)
    window.draw_tab.teach_buttons[4].click()
    assert ptab.count_label.text().startswith("1 sample: ")
    draw(window, selftest_digits, 7)
    window.draw_tab.teach_buttons[7].click()
    assert ptab.count_label.text().startswith("2 samples: ")


def test_unreadable_files_are_counted_in_good_english(window, selftest_digits):
    folder = store.samples_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken-1.npz").write_bytes(b"not a sample")
    window.personal_tab.refresh()
    assert "(1 unreadable file skipped)" in window.personal_tab.count_label.text()
    for name in ("broken-2.npz", "broken-3.npz"):  # the first was moved to quarantine
        (folder / name).write_bytes(b"not a sample")
    window.personal_tab.refresh()
    assert "(2 unreadable files skipped)" in window.personal_tab.count_label.text()


def test_an_empty_list_says_how_to_add_samples(window, qtbot, selftest_digits):
    """Bug: with no samples the tab showed only "0 samples:" above an empty list."""
    ptab = window.personal_tab
    window.tabs.setCurrentWidget(ptab)
    qtbot.waitUntil(ptab.samples.isVisible)
    hint = ptab.empty_hint
    assert ptab.sample_count() == 0 and not ptab.count_label.isVisibleTo(ptab)
    assert hint.isVisibleTo(ptab) and "Draw a digit in the Draw tab" in hint.text()
    # It sits in the list's empty area, a readable column whose whole text fits there.
    viewport = ptab.samples.viewport()
    assert viewport.rect().contains(hint.geometry()) and hint.width() < 600
    assert hint.heightForWidth(hint.width()) <= viewport.height()
    draw(window, selftest_digits, 5)
    window.draw_tab.teach_buttons[5].click()
    assert not hint.isVisibleTo(ptab) and ptab.count_label.text() == "1 sample: 5×1"
    select(ptab, 0, True)
    ptab.delete_selected()
    assert hint.isVisibleTo(ptab) and not ptab.count_label.isVisibleTo(ptab)


def test_a_drawing_is_kept_once_and_a_changed_one_is_new(window, qtbot, selftest_digits):
    """Bug: after teaching, Undo brought the drawing back and the same digit key kept it again."""
    tab = window.draw_tab
    draw(window, selftest_digits, 4)
    assert len(tab.canvas.strokes) > 1
    tab.teach_buttons[4].click()
    tab.canvas.undo()  # brings back the drawing just kept
    assert not tab.canvas.is_empty()
    assert not tab.teach(4) and not tab.teach(9)
    assert not tab.teach_buttons[4].isEnabled() and tab.teach_label.text() == "Kept as a 4."
    assert [s.label for s in store.list_samples()[0]] == [4]
    tab.canvas.undo()  # one stroke fewer: a different drawing, a new sample if the user says so
    assert tab.teach_buttons[4].isEnabled() and tab.teach_label.text() == "It was:"
    assert tab.teach(4)
    samples = store.list_samples()[0]
    strokes = [store.read_sample(s.id).strokes for s in samples]
    assert len(samples) == 2 and len(strokes[0]) != len(strokes[1])


def test_no_sample_is_kept_while_a_stroke_is_being_drawn(window, qtbot, selftest_digits):
    """A digit key pressed with the pen still down would keep half a stroke."""
    tab = window.draw_tab
    draw(window, selftest_digits, 1)
    tab.canvas.begin_stroke(0.2, 0.2)
    tab.canvas.extend_stroke(0.3, 0.3)
    assert not tab.teach(1) and store.list_samples()[0] == []
    tab.canvas.end_stroke()
    assert tab.teach(1) and len(store.list_samples()[0]) == 1


def test_20000_samples_cost_only_the_thumbnails_in_view(window, qtbot, selftest_digits, monkeypatch):
    from tests.store.test_samples import CountingReader, many_samples

    ids = many_samples(20_000)
    monkeypatch.setattr(store, "NpzReader", CountingReader)
    ptab = window.personal_tab
    ptab.refresh()
    window.tabs.setCurrentWidget(ptab)
    qtbot.waitUntil(ptab.samples.isVisible)
    ptab.samples.viewport().repaint()  # paints the thumbnails in view, reading their files
    assert ptab.sample_count() == 20_000 and ptab.count_label.text() == "20000 samples: 3×20000"
    shown = CountingReader.opened
    assert 0 < shown < 300  # a screenful, not 20,000
    draw(window, selftest_digits, 7)
    window.draw_tab.teach_buttons[7].click()  # keeping one more reads none of the others again
    assert ptab.sample_count() == 20_001 and CountingReader.opened - shown < 50
    ptab.samples.scrollToBottom()  # browsable to the oldest, which can be deleted
    oldest = ptab.sample_list.index(ptab.sample_count() - 1)
    assert oldest.data(Qt.ItemDataRole.UserRole) == min(ids)
    ptab.samples.selectionModel().select(oldest, QItemSelectionModel.SelectionFlag.Select)
    ptab.delete_selected()
    assert ptab.sample_count() == 20_000 and min(s.id for s in store.list_samples()[0]) != min(ids)


def test_a_sample_found_unreadable_when_shown_is_set_aside_and_counted(window, qtbot):
    good = store.save_sample(1, np.zeros(784), [])
    bad = store.save_sample(2, np.zeros(784), [])
    (store.samples_dir() / f"{bad.id}.npz").write_bytes(b"not a sample")
    ptab = window.personal_tab
    ptab.refresh()  # names only: both listed
    assert ptab.sample_count() == 2
    window.tabs.setCurrentWidget(ptab)
    qtbot.waitUntil(ptab.samples.isVisible)
    ptab.samples.viewport().repaint()
    qtbot.waitUntil(lambda: ptab.sample_count() == 1)
    assert ptab.sample_list.index(0).data(Qt.ItemDataRole.UserRole) == good.id
    assert "(1 unreadable file skipped)" in ptab.count_label.text()


def test_personalising_keeps_to_the_model_it_started_from(
    window, qtbot, selftest_digits, tiny_mnist, monkeypatch, tmp_path
):
    """Bug: a model loaded (or picked, or reverted to) while personalising ran was taken as the
    one personalised: the result, the shipped network fine-tuned, was recorded with the loaded
    model's description (the status bar named its layer sizes) and Undo went back to it."""
    from functools import partial

    from digitpad.model.network import MLP
    from digitpad.reading.reader import Reader
    from digitpad.store.modelfile import save_model
    from digitpad.training import personalise

    monkeypatch.setattr(
        personalise, "PersonaliseConfig", partial(personalise.PersonaliseConfig, steps=6)
    )
    teach_three(window, selftest_digits)
    window.mnist.set_folder(tiny_mnist)
    ptab, holder = window.personal_tab, window.holder
    sizes = holder.model.network.layer_sizes
    assert ptab.start()
    other = Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(3)))
    holder.load(save_model(other, tmp_path / "other.npz"))  # before the run can have ended
    qtbot.waitUntil(lambda: ptab.job is None, timeout=180000)
    assert holder.model.network.layer_sizes == sizes and list(holder.info.layer_sizes) == sizes
    assert holder.metadata["personalised_from"] == "shipped"
    assert "784-1024-1024-10" in window.model_label.text(), window.model_label.text()
    ptab.undo()
    assert holder.is_shipped
