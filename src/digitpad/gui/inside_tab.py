"""The Inside tab: what the first-layer neurons look for, and for the current drawing, which hidden
neurons fire and which pixels pushed the guess up or down."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from digitpad.gui.model_holder import ModelHolder
from digitpad.reading.inspect_net import first_layer_images, input_gradient
from digitpad.reading.predictor import Prediction
from digitpad.shapes import SIDE
from digitpad.training.config import fill

TILES = 64
RED, BLUE = (0.84, 0.15, 0.16), (0.12, 0.47, 0.71)
RED_HEX, BLUE_HEX = ("#" + "".join(f"{round(c * 255):02x}" for c in colour) for colour in (RED, BLUE))


OUTLINE_SCALE = 8  # the outline of the drawing is drawn on a grid this much finer than the pixels
OUTLINE_INK = 0.35  # where the smoothed input is inkier than this is inside the drawing
OUTLINE_RGB = (40, 40, 40)
OUTLINE_WIDTH = 2  # pixels of the fine grid: still a line when the tile is drawn smaller


def diverging_rgb(values: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8 from ``values`` (H, W) in [-1, 1]: blue negative, white zero, red positive."""
    v = np.clip(values, -1.0, 1.0)[..., None]
    white = np.ones(3)
    red, blue = np.array(RED), np.array(BLUE)
    rgb = np.where(v >= 0, white + v * (red - white), white - v * (blue - white))
    return (rgb * 255).round().astype(np.uint8)


def rgb_image(rgb: np.ndarray) -> QImage:
    data = np.ascontiguousarray(rgb)
    h, w = data.shape[:2]
    return QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def diverging_image(values: np.ndarray) -> QImage:
    return rgb_image(diverging_rgb(values))


def ink_outline(ink: np.ndarray, scale: int = OUTLINE_SCALE) -> np.ndarray:
    """Boolean (H*scale, W*scale): the edge of the inked area of ``ink`` (H, W) in [0, 1], from
    a smooth enlargement so that it follows the strokes rather than the pixel squares."""
    from PIL import Image

    h, w = ink.shape
    grey = Image.fromarray((np.clip(ink, 0, 1) * 255).round().astype(np.uint8))
    big = np.asarray(grey.resize((w * scale, h * scale), Image.Resampling.BILINEAR)) / 255.0
    inside = big > OUTLINE_INK
    core = inside
    for _ in range(OUTLINE_WIDTH):  # peel the edge off, a pixel at a time
        padded = np.pad(core, 1)
        core = core & padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    return inside & ~core


def outlined_image(values: np.ndarray, ink: np.ndarray) -> QImage:
    """``diverging_image(values)`` enlarged, with the outline of ``ink`` drawn over it."""
    rgb = np.kron(diverging_rgb(values), np.ones((OUTLINE_SCALE, OUTLINE_SCALE, 1), np.uint8))
    rgb[ink_outline(ink)] = OUTLINE_RGB
    return rgb_image(rgb)


class TileGrid(QWidget):
    """Small images in a square grid, drawn with hard pixel edges."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.images: list[QImage] = []
        self.setMinimumSize(150, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def set_images(self, images: list[QImage]) -> None:
        self.images = images
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if not self.images:
            painter.end()
            return
        cols = int(np.ceil(np.sqrt(len(self.images))))
        rows = int(np.ceil(len(self.images) / cols))
        side = min(self.width() / cols, self.height() / rows)
        for k, image in enumerate(self.images):
            r, c = divmod(k, cols)
            painter.drawImage(QRectF(c * side + 1, r * side + 1, side - 2, side - 2), image)
        painter.end()


class InsideTab(QWidget):
    def __init__(self, holder: ModelHolder, parent=None):
        super().__init__(parent)
        self.holder = holder
        self.showing_training = False  # the left side shows a network being trained
        self.prediction: Prediction | None = None
        self._behind = False  # a reading arrived while hidden: show it when shown
        self.weights = TileGrid()
        self.weights.setToolTip(
            self.tr(
                "Each square is one neuron of the first hidden layer, showing the weight it gives each of "
                "the 784 input pixels: red means ink there excites it, blue means ink there inhibits it."
            )
        )
        self.saliency = TileGrid()
        self.saliency.setToolTip(
            self.tr(
                "Which pixels pushed the top guess up (red) or down (blue): the gradient of its score with "
                "respect to each input pixel, shown where there is ink or could be."
            )
        )
        self.activations = TileGrid()
        self.activations.setToolTip(
            self.tr(
                "How strongly each hidden neuron fires for your drawing, one square per layer: each pixel "
                "is a neuron, darker is stronger."
            )
        )
        self.caption = QLabel(wordWrap=True)
        self.legend = QLabel(
            fill(
                self.tr(
                    "<span style='color:%1'>■</span> red: ink there pushes up (excites) &nbsp; "
                    "<span style='color:%2'>■</span> blue: ink there pushes down (inhibits) &nbsp; "
                    "white: no effect; stronger colour, stronger effect"
                ),
                RED_HEX,
                BLUE_HEX,
            ),
            wordWrap=True,
        )

        left = QGroupBox(self.tr("What the first-layer neurons look for (the 64 strongest)"))
        self.weights_label = QLabel(wordWrap=True)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.weights, 1)
        left_layout.addWidget(self.weights_label)
        right = QGroupBox(self.tr("Your drawing, seen from inside"))
        grid = QGridLayout(right)
        self.saliency_legend = QLabel(
            fill(
                self.tr(
                    "<span style='color:%1'>■</span> red: ink there raises the guess; "
                    "<span style='color:%2'>■</span> blue: ink there lowers it; the dark line is "
                    "the outline of your drawing."
                ),
                RED_HEX,
                BLUE_HEX,
            ),
            wordWrap=True,
        )
        grid.addWidget(QLabel(self.tr("Pixels for and against the guess")), 0, 0)
        grid.addWidget(self.saliency, 1, 0)
        grid.addWidget(self.saliency_legend, 2, 0)
        grid.addWidget(QLabel(self.tr("Hidden neurons firing")), 3, 0)
        grid.addWidget(self.activations, 4, 0)
        grid.addWidget(self.caption, 5, 0)
        layout = QGridLayout(self)
        layout.addWidget(self.legend, 0, 0, 1, 2)
        layout.addWidget(left, 1, 0)
        layout.addWidget(right, 1, 1)
        layout.setRowStretch(1, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        holder.changed.connect(self.refresh_weights)
        self.refresh_weights()
        self._show_reading(None)

    def refresh_weights(self) -> None:
        """Show the network the Draw tab uses (the right side always uses it)."""
        self.showing_training = False
        self._show_weights(self.holder.model)
        self.weights_label.setText(self.tr("The network the Draw tab uses."))
        if self.prediction is not None:
            self.show_prediction(self.prediction)

    def show_training(self, model, epoch: int) -> None:
        """Show the first layer of the network being trained (after each epoch)."""
        self.showing_training = True
        self._show_weights(model)
        if self.holder.path is None:  # the Draw tab follows the run
            text = self.tr("The network being trained, after epoch %1 (the Draw tab uses it too).")
        else:
            text = self.tr(
                "The network being trained, after epoch %1. The right side shows the network the "
                "Draw tab uses."
            )
        self.weights_label.setText(fill(text, str(epoch)))

    def training_running_changed(self, running: bool) -> None:
        """Connected to the Train tab's ``runningChanged``: once a run is over (finished, stopped
        or failed), back to the Draw tab's network."""
        if not running and self.showing_training:
            self.refresh_weights()

    def _show_weights(self, model) -> None:
        self.weights.set_images([diverging_image(t) for t in first_layer_images(model.network, TILES)])

    def _of(self, part: int, whole: int) -> str:
        return fill(self.tr("%1 of %2"), str(part), str(whole))

    def show_prediction(self, prediction: Prediction | None) -> None:
        """Follow the Draw tab's reading. Worked out only while this tab is in view (the pixels
        for and against cost more than the reading itself); a hidden tab catches up when shown."""
        self.prediction = prediction
        self._behind = not self.isVisible()
        if not self._behind:
            self._show_reading(prediction)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._behind:
            self._behind = False
            self._show_reading(self.prediction)

    def _show_reading(self, prediction: Prediction | None) -> None:
        model = self.holder.model
        if prediction is None or prediction.digit is None:
            self.saliency.set_images([])
            self.activations.set_images([])
            if prediction is not None and prediction.not_a_digit:
                self.caption.setText(
                    self.tr(
                        "The network names no digit for this drawing (no digit?), so there is no "
                        "guess to look inside. Draw a digit in the Draw tab."
                    )
                )
            else:
                self.caption.setText(self.tr("Draw a digit in the Draw tab to look inside the network."))
            return
        grad = input_gradient(model, prediction.input, prediction.digit).reshape(SIDE, SIDE)
        grad /= max(float(np.abs(grad).max()), 1e-12)
        self.saliency.set_images([outlined_image(grad, prediction.input.reshape(SIDE, SIDE))])
        layers = model.network.activations(prediction.input[None, :])[:-1]
        images = []
        for acts in layers:
            a = acts[0] / max(float(acts.max()), 1e-12)
            side = int(np.ceil(np.sqrt(a.size)))
            padded = np.zeros(side * side, np.float32)
            padded[: a.size] = a
            images.append(diverging_image(padded.reshape(side, side)))
        self.activations.set_images(images)
        active = [int((acts[0] > 1e-6).sum()) for acts in layers]
        caption = fill(
            self.tr("Guess %1. Active neurons per hidden layer: %2."),
            str(prediction.digit),
            ", ".join(self._of(n, acts.shape[1]) for n, acts in zip(active, layers)),
        )
        if prediction.uncrossed:  # what is shown is the ring, not the drawing as drawn
            caption += " " + self.tr(
                "A crossed zero: the network read it without the line through it, and shows it so."
            )
        if model.nudged:  # the neurons are one pass; the guess is not
            caption += " " + self.tr(
                "This network reads every drawing five times, as drawn and moved one pixel each "
                "way, and averages the answers (nudged reading): the neurons shown fire for the "
                "drawing as drawn, and the pixels for and against are averaged over the five readings."
            )
        self.caption.setText(caption)
