"""Help > About: versions, and where the data the shipped model learnt from comes from."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from digitpad import __version__
from digitpad.training.config import fill


def show_about(parent: QWidget) -> None:
    import PySide6
    from PIL import __version__ as pil_version

    QMessageBox.about(
        parent,
        QCoreApplication.translate("MainWindow", "About digitpad"),
        fill(
            QCoreApplication.translate(
                "MainWindow",
                "<h3>digitpad %1</h3>"
                "<p>Draw digits; a neural network written from scratch in NumPy recognises them.</p>"
                "<p>NumPy %2 · Qt/PySide6 %3 · Pillow %4</p>"
                "<p>MNIST (LeCun, Cortes, Burges) is used under CC BY-SA 3.0; the shipped weights were "
                "trained on it.</p>"
                "<p>Pen-written digits: the UNIPEN data set of on-line handwriting, train_r01_v07, "
                "category 1a, by The International Unipen Foundation (Guyon et al., 1994), used under "
                "CC BY 4.0 and shipped in a compact form; the shipped weights were trained on it too.</p>",
            ),
            __version__,
            np.__version__,
            PySide6.__version__,
            pil_version,
        ),
    )
