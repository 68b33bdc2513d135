import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QThread, Slot

from digitpad import paths
from digitpad.config import TrainConfig
from digitpad.gui.stall_probe import StallProbe
from digitpad.gui.worker import TrainWorker
from digitpad.modelfile import load_model


def configure(tab, data_dir, hidden="32", epochs=2, **extra):
    tab.data_dir = data_dir
    tab._show_data_dir()
    tab.apply_preset("fast")
    tab.hidden.setText(hidden)
    tab.epochs.setValue(epochs)
    tab.batch.setValue(extra.get("batch", 50))
    tab.schedule.setCurrentText("constant")
    tab.lr.setValue(extra.get("lr", 0.003))
    if "optimizer" in extra:
        tab.optimizer.setCurrentText(extra["optimizer"])
    if "activation" in extra:
        tab.activation.setCurrentText(extra["activation"])


class Collector(QObject):
    """Lives in the GUI thread, so the worker's signals reach it queued, as they reach widgets."""

    def __init__(self):
        super().__init__()
        self.order, self.outcome = [], None

    @Slot(list, object)
    def on_batches(self, losses, latest):
        self.order.append(("batch", latest.epoch, latest.batch))

    @Slot(object, object)
    def on_epoch(self, stats, model):
        self.order.append(("epoch", stats.epoch))

    @Slot(object)
    def on_finished(self, outcome):
        self.outcome = outcome


def test_worker_signals_in_order(qtbot, tiny_mnist):
    worker = TrainWorker(TrainConfig(hidden=(16,), epochs=2, batch_size=100), tiny_mnist, "fast")
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    got = Collector()
    worker.batches.connect(got.on_batches)
    worker.epoch.connect(got.on_epoch)
    worker.finished.connect(got.on_finished)
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    qtbot.waitUntil(lambda: got.outcome is not None, timeout=20000)
    assert thread.wait(5000)  # a QThread destroyed while running aborts the process
    order = got.order
    assert [o for o in order if o[0] == "epoch"] == [("epoch", 1), ("epoch", 2)]
    first_epoch_end = order.index(("epoch", 1))
    assert all(o[1] == 1 for o in order[:first_epoch_end])
    assert order[first_epoch_end - 1] == ("batch", 1, 6)  # the last batch of an epoch always arrives
    assert not got.outcome.stopped and got.outcome.report["accuracy"] > 0.5
    assert len(got.outcome.history) == 2


def test_train_use_and_find_again_after_restart(window, qtbot, tiny_mnist, settings):
    tab = window.train_tab
    configure(tab, tiny_mnist)
    with qtbot.waitSignal(tab.modelTrained, timeout=30000):
        assert tab.start()
    qtbot.waitUntil(lambda: tab.thread is None, timeout=5000)
    assert tab.use_button.isEnabled() and "Test accuracy" in tab.result_label.text()
    assert tab.confusion.counts is not None and tab.confusion.counts.sum() == 200
    assert len(tab.loss_plot.series["per epoch"]) == 2 and len(tab.acc_plot.series["test"]) == 2
    assert len(window.inside_tab.weights.images) == 32  # the Inside tab showed the training network
    assert "epoch 2" in window.inside_tab.weights_label.text()
    assert tab.use_result()
    assert window.holder.model.layer_sizes == [784, 32, 10]
    assert window.draw_tab.prediction is not None  # the Draw tab re-recognised with the new model
    saved, meta = load_model(paths.user_model_path())
    assert saved.layer_sizes == [784, 32, 10] and meta["config"]["hidden"] == [32]
    from digitpad.gui.main_window import MainWindow

    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.holder.model.layer_sizes == [784, 32, 10] and not again.holder.is_shipped
    window.revert_model()
    assert window.holder.is_shipped and not paths.user_model_path().exists()


def test_pause_resume_and_stop(window, qtbot, tiny_mnist):
    tab = window.train_tab
    configure(tab, tiny_mnist, hidden="256,256", epochs=50, batch=20)
    batches = []
    assert tab.start()
    tab.worker.batches.connect(lambda losses, latest: batches.append(latest))
    qtbot.waitUntil(lambda: len(batches) > 0, timeout=10000)
    tab.toggle_pause()
    assert tab.pause_button.text() == "Resume"
    qtbot.wait(300)  # let anything already queued arrive
    count = len(batches)
    qtbot.wait(400)
    assert len(batches) == count, "training went on while paused"
    tab.toggle_pause()
    qtbot.waitUntil(lambda: len(batches) > count, timeout=5000)
    with qtbot.waitSignal(tab.modelTrained, timeout=20000) as blocker:
        tab.stop()
    assert blocker.args[0].stopped
    qtbot.waitUntil(lambda: tab.thread is None, timeout=5000)
    assert tab.start_button.isEnabled() and not tab.stop_button.isEnabled()
    # Start again after a stop.
    configure(tab, tiny_mnist, epochs=1)
    with qtbot.waitSignal(tab.modelTrained, timeout=30000) as blocker:
        assert tab.start()
    assert not blocker.args[0].stopped


def test_divergence_is_reported_and_the_model_kept(window, qtbot, tiny_mnist):
    tab = window.train_tab
    before = window.holder.model
    configure(
        tab, tiny_mnist, hidden="32,32", epochs=3, lr=9.0, optimizer="momentum", activation="leaky_relu"
    )
    tab.follow.setChecked(True)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.thread is None, timeout=30000)
    assert "diverged" in tab.message.text() and "unchanged" in tab.message.text()
    assert window.holder.is_shipped and window.holder.model.layer_sizes == before.layer_sizes
    assert not tab.use_button.isEnabled()


def test_bad_settings_are_refused_in_the_form(window, tiny_mnist):
    tab = window.train_tab
    configure(tab, tiny_mnist)
    tab.hidden.setText("abc")
    assert not tab.start() and "whole numbers" in tab.message.text()
    tab.hidden.setText("0")
    assert not tab.start() and "1 to 8192" in tab.message.text()
    assert tab.thread is None


def test_missing_mnist_asks_before_training(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    tab = window.train_tab
    tab.data_dir = tmp_path / "empty"
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    assert not tab.start()
    assert asked and "MNIST" in asked[0] and tab.thread is None


def test_follow_training_swaps_the_draw_model_each_epoch(window, qtbot, tiny_mnist):
    tab = window.train_tab
    configure(tab, tiny_mnist, epochs=2)
    tab.follow.setChecked(True)
    models = []
    window.holder.changed.connect(lambda: models.append(window.holder.model))
    with qtbot.waitSignal(tab.modelTrained, timeout=30000):
        tab.start()
    assert len(models) >= 2 and all(m.layer_sizes == [784, 32, 10] for m in models)


def test_close_during_training_stops_cleanly(qtbot, tiny_mnist, settings):
    from digitpad.gui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    configure(win.train_tab, tiny_mnist, hidden="256,256", epochs=100, batch=20)
    assert win.train_tab.start()
    qtbot.waitUntil(lambda: win.train_tab.progress.value() > 0, timeout=10000)
    thread = win.train_tab.thread
    started = time.monotonic()
    win.close()
    assert thread.isFinished() and time.monotonic() - started < 5
    assert not paths.user_model_path().exists()


def test_event_loop_never_stalls_during_training(window, qtbot, tiny_mnist):
    """A QTimer ticks every 10 ms while a real run trains; the longest gap must stay < 100 ms."""
    tab = window.train_tab
    # 12 epochs: long enough for well over 50 ticks on a fast machine (6 gave about 50).
    configure(tab, tiny_mnist, hidden="512,512", epochs=12, batch=32)
    probe = StallProbe(10)
    probe.start()
    with qtbot.waitSignal(tab.modelTrained, timeout=60000):
        tab.start()
    probe.stop()
    gaps = probe.gaps
    assert len(gaps) > 50
    assert max(gaps[1:]) < 100, f"longest stall {max(gaps[1:])} ms"
    assert np.median(gaps) < 30
