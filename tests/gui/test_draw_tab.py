import re

import numpy as np
import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QSignalBlocker, Qt

from tests.helpers.mouse import draw_with_mouse
from tests.helpers.shared import PEN_DIGITS


def test_empty_board_invites_drawing(window):
    tab = window.draw_tab
    assert tab.prediction.digit is None
    assert "Draw a digit" in tab.verdict.text() and tab.seen.image is None
    assert not tab.undo_button.isEnabled() and not tab.clear_button.isEnabled()


def test_drawing_moves_the_chart_and_shows_the_input(window, qtbot, selftest_digits):
    tab = window.draw_tab
    seven = next(d for d in selftest_digits if d["digit"] == 7)
    with qtbot.waitSignal(tab.predicted, timeout=2000) as blocker:
        draw_with_mouse(tab.canvas, seven["strokes"][0])
    pred = blocker.args[0]
    assert pred.digit == 7 and tab.bars.top == 7
    assert tab.bars.probabilities.sum() == pytest.approx(1.0, abs=1e-4)
    assert tab.seen.image is not None and tab.guess.text().startswith("7")
    assert tab.undo_button.isEnabled()


def test_live_updates_arrive_while_the_pen_is_down(window, qtbot):
    from tests.helpers.mouse import send_mouse

    canvas = window.draw_tab.canvas
    rect = canvas.board_rect()
    seen = []
    window.draw_tab.predicted.connect(seen.append)
    send_mouse(canvas, "press", (rect.x() + rect.width() * 0.5, rect.y() + rect.height() * 0.2))
    for k in range(1, 12):
        send_mouse(
            canvas, "move", (rect.x() + rect.width() * 0.5, rect.y() + rect.height() * (0.2 + k * 0.05))
        )
        qtbot.wait(15)
    assert seen, "no guess while drawing"
    assert 0 < len(seen) < 11  # throttled, not one per mouse move
    send_mouse(canvas, "release", (rect.x() + rect.width() * 0.5, rect.y() + rect.height() * 0.75))


def test_undo_clear_and_eraser_reach_the_guess(window, qtbot, selftest_digits):
    tab = window.draw_tab
    for stroke in next(d for d in selftest_digits if d["digit"] == 4)["strokes"]:
        tab.canvas.add_stroke([tuple(p) for p in stroke])
    assert tab.prediction.digit == 4
    tab.canvas.undo()
    assert tab.prediction.digit != 4 or tab.prediction.confidence < 0.9
    tab.canvas.clear()
    assert tab.prediction.digit is None and "Draw a digit" in tab.verdict.text()
    tab.set_eraser(True)
    assert tab.canvas.eraser and tab.eraser_button.isChecked()


def test_erasing_everything_means_no_digit(window):
    tab = window.draw_tab
    tab.canvas.add_stroke([(0.5, 0.3), (0.5, 0.7)], width=0.05)
    tab.canvas.add_stroke([(0.5, 0.2), (0.5, 0.8)], width=0.2, erase=True)
    assert tab.prediction.digit is None and "too little ink" in tab.verdict.text()


def test_open_image_file_and_drop(window, tmp_path):
    image = Image.new("RGB", (300, 200), "black")
    ImageDraw.Draw(image).line([(150, 30), (150, 170)], fill="white", width=14)
    path = tmp_path / "one.png"
    image.save(path)
    assert window.open_image_file(str(path))
    assert window.draw_tab.prediction.digit == 1
    window.draw_tab.canvas.fileDropped.emit(str(path))
    assert window.draw_tab.canvas.base is not None


def test_save_drawing_writes_a_png(window, tmp_path, selftest_digits):
    for stroke in selftest_digits[3]["strokes"]:
        window.draw_tab.canvas.add_stroke([tuple(p) for p in stroke])
    assert window.save_drawing(str(tmp_path / "three"))
    saved = Image.open(tmp_path / "three.png")
    assert saved.mode == "L" and np.asarray(saved).min() < 50


def draw_tab_alone(window):
    """The Draw tab, its guesses no longer shown in the Inside tab: the saliency there takes two
    thirds of the time of a guess, and tests replaying many digits measure only the guess."""
    window.draw_tab.predicted.disconnect(window.inside_tab.show_prediction)
    return window.draw_tab


def test_selftest_digits_through_the_canvas(window, selftest_digits):
    tab = draw_tab_alone(window)
    for item in selftest_digits:
        tab.canvas.clear()
        for stroke in item["strokes"]:
            tab.canvas.add_stroke([tuple(p) for p in stroke])
        assert tab.prediction.digit == item["digit"], item.get("style", item["digit"])


CROSSED_ZEROS = {"zero with a long shallow slash", "zero with a level bar"}


def test_the_styles_mnist_lacks_are_read(window, selftest_digits):
    styled = {item["style"]: item for item in selftest_digits if "style" in item}
    assert set(styled) == {"slashed zero", "flagged one", "crossed seven", "curly nine"} | CROSSED_ZEROS
    tab = window.draw_tab
    for name, item in styled.items():
        tab.canvas.clear()
        for stroke in item["strokes"]:
            tab.canvas.add_stroke([tuple(p) for p in stroke])
        assert tab.prediction.digit == item["digit"], name


def test_a_zero_crossed_flat_is_a_sure_0_and_says_it_was_read_without_its_line(window, selftest_digits):
    tab = window.draw_tab
    for item in selftest_digits:
        if item.get("style") not in CROSSED_ZEROS:
            continue
        tab.canvas.clear()
        for stroke in item["strokes"]:
            tab.canvas.add_stroke([tuple(p) for p in stroke])
        pred = tab.prediction
        assert (pred.digit, pred.sure, pred.uncrossed) == (0, True, True), item["style"]
        assert tab.guess.text() == "0" and "crossed zero" in tab.verdict.text()
        # What the network read is shown: the ring without the line, narrower than the drawing.
        seen = pred.input.reshape(28, 28) > 0.5
        assert seen.any(axis=0).sum() < 20
    tab.canvas.clear()
    tab.canvas.add_stroke([tuple(p) for p in selftest_digits[8]["strokes"][0]])  # a plain 8
    assert tab.prediction.digit == 8 and "crossed" not in tab.verdict.text()


@pytest.mark.skipif(not PEN_DIGITS.is_file(), reason="pen-digits dev set not available in ../shared")
def test_real_pen_digits_replayed_through_the_canvas(window):
    """Real strokes (300 of the dev set) drawn on the canvas widget and recognised: a sane floor."""
    from digitpad.gui.render import fit_strokes
    from digitpad.pen.digits import load_pen_digits

    tab = draw_tab_alone(window)
    digits = load_pen_digits(PEN_DIGITS)
    picks = np.random.default_rng(0).choice(len(digits), 300, replace=False)
    hits = 0
    for i in picks:
        *first, last = fit_strokes(digits.strokes(i))
        with QSignalBlocker(tab.canvas):  # no guesses of a clear board or of the first strokes
            tab.canvas.clear()
            for stroke in first:
                tab.canvas.add_stroke(stroke)
        tab.canvas.add_stroke(last)  # the board as drawn, read as the pen lifts
        hits += tab.prediction.digit == digits.labels[i]
    print("HITS", hits)
    assert hits / len(picks) > 0.85


def test_number_mode_reads_digits_side_by_side(window, selftest_digits):
    tab = window.draw_tab
    tab.number_button.setChecked(True)

    def place(digit, dx):
        strokes = next(d for d in selftest_digits if d["digit"] == digit)["strokes"]
        for stroke in strokes:
            tab.canvas.add_stroke(
                [(0.5 + (x - 0.5) * 0.4 + dx, 0.5 + (y - 0.5) * 0.4) for x, y in stroke]
            )

    place(2, -0.3)
    place(0, -0.1)
    place(4, 0.1)
    place(7, 0.3)
    assert [p.digit for p in tab.number] == [2, 0, 4, 7]
    assert tab.guess.text() == "2047"
    tab.number_button.setChecked(False)
    # Back to one digit for the whole board: a digit, two candidates when not sure, or (four
    # digits read as one drawing) no digit.
    assert tab.number == [] and re.fullmatch(r"\d|\d or \d\?|no digit\?", tab.guess.text())


def zigzag(left=0.2, right=0.8, top=0.25, bottom=0.75, turns=16):
    """A dense scribble's points, back and forth across the board."""
    ys = np.linspace(top, bottom, turns)
    xs = np.where(np.arange(turns) % 2 == 0, left, right)
    return list(zip(xs.tolist(), ys.tolist()))


def spiral(centre=(0.5, 0.5), radius=0.18, turns=5):
    t = np.linspace(0, 1, 200)
    a = 2 * np.pi * turns * t
    return list(
        zip((centre[0] + radius * t * np.cos(a)).tolist(), (centre[1] + radius * t * np.sin(a)).tolist())
    )


def test_a_dense_scribble_is_no_digit_not_two_candidates(window):
    tab = window.draw_tab
    tab.canvas.add_stroke(zigzag())
    pred = tab.prediction
    assert pred.digit is None and tab.guess.text() == "no digit?"
    assert "scribble" in tab.verdict.text() and "too little ink" not in tab.verdict.text()
    # The bars show how flat the answer is, none highlighted; the input is shown.
    assert tab.bars.top is None and tab.bars.probabilities.sum() == pytest.approx(1.0, abs=1e-4)
    assert tab.bars.probabilities.max() < 0.3 and tab.seen.image is not None
    assert all(b.isEnabled() for b in tab.teach_buttons)  # what was read can still be taught


def test_a_face_is_no_digit_not_a_sure_0(window):
    from tests.helpers.shapes import FACE

    tab = window.draw_tab
    side = 280.0  # the shapes are in pixels of a 280 px board; the canvas takes board units
    for stroke in FACE:
        tab.canvas.add_stroke([(x / side, y / side) for x, y in stroke])
    assert tab.prediction.digit is None and tab.guess.text() == "no digit?"
    assert "Marks inside a ring" in tab.verdict.text()


def test_a_filled_blob_is_too_much_ink_not_too_little(window):
    tab = window.draw_tab
    tab.canvas.add_stroke(spiral(), width=0.12)
    assert tab.prediction.digit is None and tab.guess.text() == "no digit?"
    assert "Too much ink" in tab.verdict.text()


def test_a_dash_alone_is_no_digit_yet(window):
    tab = window.draw_tab
    tab.canvas.add_stroke([(0.2, 0.5), (0.8, 0.5)])
    assert tab.guess.text() == "·" and "a line on its own" in tab.verdict.text()


def test_number_mode_shows_no_digit_in_its_place(window, selftest_digits):
    tab = window.draw_tab
    tab.number_button.setChecked(True)
    for digit, dx in ((2, -0.3), (7, 0.3)):
        for stroke in next(d for d in selftest_digits if d["digit"] == digit)["strokes"]:
            tab.canvas.add_stroke(
                [(0.5 + (x - 0.5) * 0.35 + dx, 0.5 + (y - 0.5) * 0.35) for x, y in stroke]
            )
    tab.canvas.add_stroke(zigzag(0.42, 0.58, 0.38, 0.62, 14), width=0.02)
    assert [p.digit for p in tab.number] == [2, None, 7]
    assert tab.guess.text() == "2–7" and "no digit?" in tab.verdict.text()


def test_keyboard_shortcuts_exist_for_frequent_actions(window):
    shortcuts = {
        a.shortcut().toString() for a in window.findChildren(type(window.menuBar().actions()[0]))
    }
    for key in ("Ctrl+O", "Ctrl+S", "Ctrl+Z", "Ctrl+Shift+Z", "Esc", "E", "N", "Ctrl+Q", "Ctrl+L"):
        assert key in shortcuts, key


def test_paste_an_image_from_the_clipboard(window):
    from PySide6.QtGui import QGuiApplication

    from digitpad.gui.render import from_array

    image = Image.new("L", (160, 160), 255)
    ImageDraw.Draw(image).line([(80, 20), (80, 140)], fill=0, width=12)
    QGuiApplication.clipboard().setImage(from_array(np.asarray(image)))
    window.paste_image()
    assert window.draw_tab.canvas.base is not None and window.draw_tab.prediction.digit == 1
    QGuiApplication.clipboard().clear()
    window.paste_image()
    assert "no image" in window.statusBar().currentMessage()


def test_layout_does_not_jump_whatever_the_verdict_says(window, selftest_digits):
    from digitpad.reading.predictor import Prediction

    tab = window.draw_tab
    places = []

    def where():
        return (tab.bars.geometry(), tab.seen.geometry(), tab.guess.geometry())

    places.append(where())  # empty board
    for stroke in selftest_digits[7]["strokes"]:
        tab.canvas.add_stroke([tuple(p) for p in stroke])
    places.append(where())  # sure
    probs = np.zeros(10, np.float32)
    probs[[1, 7]] = 0.45, 0.4
    tab._show(Prediction(1, 0.45, probs, np.zeros(784, np.float32)))
    assert tab.guess.text() == "1 or 7?" and "7" in tab.verdict.text()
    places.append(where())  # not sure
    tab.verdict.setText("1 (45%)  7 (40%)  2 (99%)  0 (97%)\nBars and input: the last digit.")
    places.append(where())
    assert all(p == places[0] for p in places), places
    metrics = tab.guess.fontMetrics()
    assert metrics.horizontalAdvance("1 or 7?") <= tab.guess.width()
    assert tab.verdict.height() >= 2 * tab.verdict.fontMetrics().lineSpacing()


def test_clear_and_escape_can_be_undone(window, selftest_digits):
    tab = window.draw_tab
    for stroke in selftest_digits[3]["strokes"]:
        tab.canvas.add_stroke([tuple(p) for p in stroke])
    before = tab.canvas.pixels().astype(int)
    strokes = list(tab.canvas.strokes)
    assert tab.prediction.digit == 3
    tab.clear_button.click()
    assert tab.canvas.is_empty() and tab.undo_button.isEnabled()
    tab.undo_button.click()
    assert tab.prediction.digit == 3 and tab.canvas.strokes == strokes
    assert np.abs(tab.canvas.pixels().astype(int) - before).mean() < 2  # replay vs incremental
    tab.redo_button.click()
    assert tab.canvas.is_empty() and tab.prediction.digit is None
    tab.undo_button.click()
    assert tab.prediction.digit == 3


def test_board_keys_act_only_while_the_board_is_shown(window, qtbot, selftest_digits):
    tab = window.draw_tab
    for stroke in selftest_digits[3]["strokes"]:
        tab.canvas.add_stroke([tuple(p) for p in stroke])
    window.activateWindow()
    window.tabs.setCurrentWidget(window.personal_tab)
    samples = window.personal_tab.samples
    samples.setFocus()
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_Escape, Qt.Key.Key_E):
        qtbot.keyClick(samples, key)
    assert not tab.canvas.is_empty() and not tab.canvas.eraser  # out of sight, left alone
    window.tabs.setCurrentWidget(tab)
    tab.canvas.setFocus()
    qtbot.keyClick(tab.canvas, Qt.Key.Key_Delete)
    assert tab.canvas.is_empty()


def test_a_blank_image_empties_the_board_and_undo_brings_the_drawing_back(window, tmp_path):
    tab = window.draw_tab
    tab.canvas.add_stroke([(0.5, 0.2), (0.5, 0.8)], width=0.06)
    assert tab.prediction.digit == 1
    blank = tmp_path / "blank.png"
    Image.new("L", (64, 64), 255).save(blank)
    assert not window.open_image_file(str(blank))
    assert "holds no digit" in window.statusBar().currentMessage()
    assert tab.canvas.is_empty() and tab.prediction.digit is None and tab.guess.text() == "✎"
    tab.canvas.undo()
    assert tab.prediction.digit == 1


def test_opening_an_image_over_a_drawing_is_undoable(window, tmp_path):
    tab = window.draw_tab
    tab.canvas.add_stroke([(0.5, 0.2), (0.5, 0.8)], width=0.06)
    image = Image.new("L", (100, 100), 255)
    ImageDraw.Draw(image).ellipse([20, 15, 80, 85], outline=0, width=8)
    image.save(tmp_path / "zero.png")
    assert window.open_image_file(str(tmp_path / "zero.png"))
    assert tab.prediction.digit == 0
    tab.canvas.undo()  # the image goes
    tab.canvas.undo()  # the drawing comes back
    assert tab.canvas.base is None and len(tab.canvas.strokes) == 1 and tab.prediction.digit == 1


def test_a_narrow_window_puts_the_panel_below_the_board(window, qtbot):
    tab = window.draw_tab
    assert not tab.narrow and tab.panel.geometry().left() > tab.canvas.geometry().right()
    assert window.minimumSizeHint().width() < 700
    window.resize(620, 640)
    qtbot.waitUntil(lambda: tab.narrow)
    assert window.width() <= 640
    qtbot.waitUntil(lambda: tab.panel.geometry().top() > tab.canvas.geometry().bottom())
    assert tab.seen.geometry().left() > tab.bars.geometry().right()  # two columns below
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: not tab.narrow)
    qtbot.waitUntil(lambda: tab.panel.geometry().left() > tab.canvas.geometry().right())


def test_number_mode_writes_with_the_thin_brush_and_gives_the_old_one_back(window):
    from digitpad.gui.canvas import BRUSH_SIZES

    tab = window.draw_tab
    assert tab.canvas.brush == BRUSH_SIZES["medium"]
    tab.number_button.setChecked(True)
    thin = next(b for b in tab.brush_buttons.buttons() if b.text() == "Thin")
    assert tab.canvas.brush == BRUSH_SIZES["thin"] and thin.isChecked()
    tab.number_button.setChecked(False)
    assert tab.canvas.brush == BRUSH_SIZES["medium"]
    tab.number_button.setChecked(True)
    next(b for b in tab.brush_buttons.buttons() if b.text() == "Thick").click()
    tab.number_button.setChecked(False)
    assert tab.canvas.brush == BRUSH_SIZES["thick"]  # the user's own choice stays


def test_language_entries_are_an_exclusive_group(window):
    group = window.language_group
    assert group.isExclusive() and len(group.actions()) >= 3
    window.choose_language("zh_CN")
    assert [a.isChecked() for a in group.actions()].count(True) == 1
    assert window.language_actions["zh_CN"].isChecked()


def test_handwriting_thumbnails_are_readable(window):
    samples = window.personal_tab.samples
    assert samples.iconSize().width() >= 64


def test_picking_a_brush_ends_the_eraser(window, qtbot):
    tab = window.draw_tab
    thin = tab.brush_buttons.buttons()[0]
    tab.set_eraser(True)
    qtbot.mouseClick(thin, Qt.MouseButton.LeftButton)
    assert not tab.canvas.eraser and not tab.eraser_button.isChecked()
    tab.set_eraser(True)  # the brush already chosen, clicked again, ends erasing too
    qtbot.mouseClick(thin, Qt.MouseButton.LeftButton)
    assert not tab.canvas.eraser and not tab.eraser_button.isChecked()
    draw_with_mouse(tab.canvas, [(0.5, 0.2), (0.5, 0.8)])
    assert not tab.canvas.strokes[-1].erase


def test_escape_clears_and_ends_the_eraser(window, qtbot):
    tab = window.draw_tab
    tab.canvas.add_stroke([(0.5, 0.2), (0.5, 0.8)])
    tab.set_eraser(True)
    qtbot.keyClick(tab.canvas, Qt.Key.Key_Escape)
    assert tab.canvas.is_empty() and not tab.canvas.eraser and not tab.eraser_button.isChecked()


def test_erasing_an_empty_board_changes_nothing(window):
    tab = window.draw_tab
    tab.set_eraser(True)
    draw_with_mouse(tab.canvas, [(0.5, 0.2), (0.5, 0.8)])
    assert tab.canvas.is_empty() and not tab.undo_button.isEnabled()
    assert "Draw a digit" in tab.verdict.text()


def number_image(selftest_digits, digits) -> Image.Image:
    """An image of ``digits`` written side by side (the self-test strokes, drawn off the board)."""
    from digitpad.gui.render import Stroke, render, to_array

    strokes = []
    for k, digit in enumerate(digits):
        dx = (k + 0.5) / len(digits) - 0.5
        for stroke in next(d for d in selftest_digits if d["digit"] == digit)["strokes"]:
            scale = 0.9 / len(digits)
            points = [(0.5 + (x - 0.5) * scale + dx, 0.5 + (y - 0.5) * scale) for x, y in stroke]
            strokes.append(Stroke(0.015, False, points))
    return Image.fromarray(to_array(render(strokes, 600)), "L")


def test_number_mode_reads_an_opened_image_digit_by_digit(window, selftest_digits):
    tab = window.draw_tab
    tab.number_button.setChecked(True)
    assert tab.show_image(number_image(selftest_digits, [2, 0, 4, 7, 1, 9]))
    assert [p.digit for p in tab.number] == [2, 0, 4, 7, 1, 9]
    assert tab.guess.text() == "204719"
    tab.number_button.setChecked(False)  # one digit for the whole board again
    assert tab.number == []


@pytest.mark.parametrize("digits", [[2, 0, 4, 7, 1, 9], [2, 0, 4, 7, 1, 9, 3, 5, 8, 6]])
def test_a_long_number_fits_the_panel_at_the_default_size(window, qtbot, selftest_digits, digits):
    """With six digits the list of each digit's confidence wrapped to a third line in a box of
    two: its top and "Bars and input: the last digit." were cut off."""
    from PySide6.QtGui import QFontMetrics

    window.resize(1024, 640)  # the window's default size
    qtbot.waitUntil(lambda: window.width() == 1024)
    tab = window.draw_tab
    tab.number_button.setChecked(True)
    assert tab.show_image(number_image(selftest_digits, digits))
    assert len(tab.number) == len(digits)
    lines = tab.verdict.text().split("\n")
    metrics = tab.verdict.fontMetrics()
    assert len(lines) == 2 and lines[1] == "Bars and input: the last digit."
    assert all(metrics.horizontalAdvance(line) <= tab.verdict.width() for line in lines), lines
    assert QFontMetrics(tab.guess.font()).horizontalAdvance(tab.guess.text()) <= tab.guess.width()
    assert f"{tab.number[0].digit} (" in tab.verdict.toolTip()  # each digit's confidence
    tab._fit_guess("2047193586024")  # longer than the big font can show: a smaller one
    assert QFontMetrics(tab.guess.font()).horizontalAdvance(tab.guess.text()) <= tab.guess.width()
    tab.number_button.setChecked(False)
    assert tab.guess.font().pointSizeF() == tab.guess_font.pointSizeF()
