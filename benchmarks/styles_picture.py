"""Draw the writing styles synthesised for training: each row shows pen digits as written and
the same digits with one style added, through the training renderer. Rows marked (2) are drawn
only by the widened styles (``--styles 2``).

    python benchmarks/styles_picture.py [OUT.png]     (default: docs/styles.png)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from digitpad.pen import styles
from digitpad.pen.digits import shipped_pen_digits
from digitpad.pen.render import Look, pen_input

ROWS = [
    ("slashed zero", 0, lambda s, r: styles.slash_zero(s, r, overshoot=True)),
    ("slash inside", 0, lambda s, r: styles.slash_zero(s, r, overshoot=False)),
    ("any crossing (2)", 0, styles.wide_crossing),
    ("flagged one", 1, styles.flag_one),
    ("wide flag (2)", 1, styles.wide_flag),
    ("one with a foot", 1, styles.foot_one),
    ("flag and foot", 1, lambda s, r: styles.foot_one(styles.flag_one(s, r), r)),
    ("looped two", 2, styles.loop_two),
    ("crossed seven", 7, styles.cross_seven),
    ("closed four", 4, styles.close_four),
    ("open four", 4, styles.open_four),
    ("curly nine", 9, styles.curl_nine),
    ("straight nine", 9, styles.straighten_nine),
]
PER_ROW = 6
CELL = 56  # pixels per 28x28 input


def main() -> int:
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent / "docs" / "styles.png"
    )
    digits = shipped_pen_digits()
    rng = np.random.default_rng(4)
    label_width = 150
    sheet = Image.new("L", (label_width + PER_ROW * (2 * CELL + 12), len(ROWS) * (CELL + 8) + 8), 255)
    draw = ImageDraw.Draw(sheet)
    for row, (name, digit, style) in enumerate(ROWS):
        y = 8 + row * (CELL + 8)
        draw.text((8, y + CELL // 2 - 6), name, fill=0)
        shown = 0
        for i in rng.permutation(np.nonzero((digits.labels == digit) & (digits.sites != "uqb"))[0]):
            plain = list(digits.strokes(int(i)))
            styled = style(plain, rng)
            if len(styled) == len(plain) and all(a is b for a, b in zip(styled, plain)):
                continue  # the style does not apply to this one
            x = label_width + shown * (2 * CELL + 12)
            for k, strokes in enumerate((plain, styled)):
                cell = 255 - pen_input(strokes, Look()).reshape(28, 28) * 255
                tile = Image.fromarray(cell.astype(np.uint8)).resize(
                    (CELL, CELL), Image.Resampling.NEAREST
                )
                sheet.paste(tile, (x + k * CELL, y))
            shown += 1
            if shown == PER_ROW:
                break
    sheet.save(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
