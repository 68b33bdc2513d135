"""A trained network is never dropped without asking, and "Use this model" compares first."""

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from digitpad.gui import keep_result
from digitpad.model.network import MLP
from digitpad.reading.calibration import Calibration
from digitpad.reading.reader import Reader
from digitpad.store import model_history
from digitpad.store.model_info import Metrics, ModelInfo
from digitpad.store.modelfile import load_model
from digitpad.training.run import RunOutcome
from tests.helpers.train_form import configure

# The real questions (the conftest answers them for every other test).
ASK_USE_WORSE, ASK_UNKEPT = keep_result.ask_use_worse, keep_result.ask_unkept


def trained(test_accuracy=0.98, pen=0.95, hidden=12) -> RunOutcome:
    model = Reader(MLP.create([784, hidden, 10], "relu", "ce", np.random.default_rng(hidden)))
    model.calibration = Calibration(1.0, 0.9, 0.99, 0.9, 100, accuracy=pen)
    info = ModelInfo.of(model, origin="trained", metrics=Metrics(test_accuracy=test_accuracy))
    return RunOutcome(model, info, [], False, None, [])


def show_result(tab, outcome: RunOutcome) -> None:
    """As a finished run leaves the tab: the result shown, neither used nor saved."""
    tab.outcome = outcome
    tab._kept = False


def answer_with(monkeypatch, choice: str) -> list:
    asked = []
    monkeypatch.setattr(
        keep_result, "ask_unkept", lambda parent, summary: asked.append(summary) or choice
    )
    return asked


def click_in_message_box(monkeypatch, text: str) -> list:
    """Every QMessageBox "shown" is answered at once by clicking its button ``text``."""
    shown = []

    def exec_(box):
        shown.append(box)
        next(b for b in box.buttons() if b.text() == text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(keep_result, "ask_use_worse", ASK_USE_WORSE)
    return shown


def test_start_again_after_a_run_asks_and_cancel_keeps_the_result(
    window, qtbot, tiny_mnist, monkeypatch
):
    tab = window.train_tab
    configure(tab, tiny_mnist)
    with qtbot.waitSignal(tab.modelTrained, timeout=30000):
        assert tab.start()
    qtbot.waitUntil(lambda: tab.job is None, timeout=5000)
    result = tab.outcome
    # The result sits beside the model in use (the shipped one: MNIST test, and pen digits by
    # writers it never trained on, as its calibration recorded).
    shown = tab.results.comparison.text()
    assert f"{result.report.accuracy:.2%}" in shown and "99.44%" in shown and "98.91%" in shown
    asked = answer_with(monkeypatch, keep_result.CANCEL)
    assert not tab.start()
    assert len(asked) == 1 and "MNIST test" in asked[0]  # the question shows what would be lost
    assert tab.outcome is result and tab.results.use_button.isEnabled()
    answer_with(monkeypatch, keep_result.USE)
    with qtbot.waitSignal(tab.modelTrained, timeout=30000):
        assert tab.start()
    assert (
        window.holder.model.network.layer_sizes == result.model.network.layer_sizes
    )  # used, then trained again
    qtbot.waitUntil(lambda: tab.job is None, timeout=5000)
    answer_with(monkeypatch, keep_result.DISCARD)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.job is None, timeout=30000)


def test_closing_the_window_with_an_unused_result_asks(window, monkeypatch, tmp_path):
    tab = window.train_tab
    show_result(tab, trained())
    asked = answer_with(monkeypatch, keep_result.CANCEL)
    assert not window.close() and window.isVisible() and len(asked) == 1
    target = tmp_path / "kept"  # typed without the suffix: saved as kept.npz, as File > Save model does
    monkeypatch.setattr(
        "digitpad.gui.model_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    answer_with(monkeypatch, keep_result.SAVE)
    assert window.close()
    assert load_model(target.with_suffix(".npz"))[0].network.layer_sizes == [784, 12, 10]


def test_a_failed_save_does_not_close_the_window(window, monkeypatch, tmp_path):
    show_result(window.train_tab, trained())
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setattr(
        "digitpad.gui.model_actions.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(tmp_path / "a-file" / "m.npz"), ""),
    )
    answer_with(monkeypatch, keep_result.SAVE)
    assert not window.close()
    assert "Could not save" in window.train_tab.message.text()


def test_nothing_is_asked_once_the_result_was_used_or_saved(window, monkeypatch, tmp_path):
    tab = window.train_tab
    asked = answer_with(monkeypatch, keep_result.CANCEL)
    show_result(tab, trained())
    assert tab.use_result()
    assert tab.settle_result() and not asked
    show_result(tab, trained())
    monkeypatch.setattr(
        "digitpad.gui.model_actions.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(tmp_path / "m.npz"), ""),
    )
    assert tab.save_result_dialog()
    assert window.close() and not asked


@pytest.mark.parametrize(
    "button, choice",
    [("Use it", "use"), ("Save as…", "save"), ("Discard", "discard"), ("Cancel", "cancel")],
)
def test_the_question_offers_use_save_discard_and_cancel(qtbot, monkeypatch, button, choice):
    shown = click_in_message_box(monkeypatch, button)
    assert ASK_UNKEPT(None, "figures") == choice
    box = shown[0]
    assert box.objectName() == "unkeptResultDialog" and box.defaultButton().text() == "Cancel"
    assert box.escapeButton().text() == "Cancel"


def test_use_asks_when_the_new_model_reads_worse_and_shows_both(window, monkeypatch):
    tab = window.train_tab
    current = window.holder.saved_figures
    assert current.mnist_test == pytest.approx(0.9944)  # the shipped model's recorded figure
    shown = click_in_message_box(monkeypatch, "Keep the one in use")
    show_result(tab, trained(test_accuracy=0.9830))
    assert not tab.use_result()
    assert window.holder.is_shipped and not model_history.entries()  # nothing replaced
    text = shown[0].informativeText()
    assert "98.30%" in text and "99.44%" in text and "95.00%" in text
    shown = click_in_message_box(monkeypatch, "Use the new model")
    assert tab.use_result() and not window.holder.is_shipped
    # Better than the one in use now: used without a question.
    show_result(tab, trained(test_accuracy=0.99, pen=0.96, hidden=14))
    shown.clear()
    assert tab.use_result() and not shown
    assert window.holder.model.network.layer_sizes == [784, 14, 10]


def test_use_compares_with_the_saved_model_not_the_run_the_draw_tab_follows(window, monkeypatch):
    tab = window.train_tab
    snapshot = trained(test_accuracy=0.5)
    window.holder.show(snapshot.model, snapshot.info)  # following a run
    assert window.holder.saved_figures.mnist_test == pytest.approx(0.9944)
    shown = click_in_message_box(monkeypatch, "Keep the one in use")
    show_result(tab, trained(test_accuracy=0.9830))
    assert not tab.use_result() and len(shown) == 1


def test_the_figures_beside_a_result_follow_the_model_in_use(window, tmp_path):
    """Bug: the "In use" column beside a finished run kept the figures of the model in use when
    the run ended: after loading another model (or Revert, the history, personalising) it named
    figures of a model no longer in use (the question before "Use this model" compared rightly)."""
    from digitpad.store.modelfile import save_model

    tab = window.train_tab
    show_result(tab, trained())
    tab.results.show_comparison(tab._figures_text())
    assert "99.44%" in tab.results.comparison.text()  # the shipped model
    other = trained(test_accuracy=0.5, pen=0.25).model
    window.holder.load(save_model(other, tmp_path / "other.npz", metrics={"test_accuracy": 0.5}))
    shown = tab.results.comparison.text()
    assert "50.00%" in shown and "25.00%" in shown and "99.44%" not in shown, shown
