"""Odd and broken images through `digitpad predict`: valid ones answered, broken ones refused with a
message, the rest of the batch still answered."""

import io
import json

import numpy as np
import pytest
from PIL import Image, ImageDraw

from digitpad.cli import main
from digitpad.data.images import open_image
from digitpad.errors import ImageError
from digitpad.reading.predictor import predict_image
from digitpad.store.model_history import load_current


def seven(size=200, ink=0, paper=255, mode="L", width=14):
    image = Image.new(mode, (size, size), paper)
    ImageDraw.Draw(image).line(
        [(0.3 * size, 0.22 * size), (0.7 * size, 0.22 * size), (0.42 * size, 0.8 * size)],
        fill=ink,
        width=width,
    )
    return image


@pytest.fixture(scope="module")
def model():
    return load_current().model


def write_cases(folder):
    cases = {}
    seven().save(folder / "plain.png")
    cases["plain.png"] = 7
    Image.new("L", (1, 1), 0).save(folder / "one-pixel.png")
    cases["one-pixel.png"] = None
    big = seven(size=500, width=36).resize(
        (7000, 7000), Image.Resampling.NEAREST
    )  # 49 MP: under the cap
    big.save(folder / "huge.png", compress_level=1)
    cases["huge.png"] = 7
    sixteen = (np.asarray(seven(), np.uint16) * 257).astype(np.uint16)
    Image.fromarray(sixteen).save(folder / "sixteen-bit.png")
    cases["sixteen-bit.png"] = 7
    seven().convert("P").save(folder / "palette.png")
    cases["palette.png"] = 7
    seven(mode="RGB", paper=(255, 255, 255), ink=(0, 0, 0)).convert("CMYK").save(
        folder / "cmyk.jpg", quality=95
    )
    cases["cmyk.jpg"] = 7
    alpha = np.asarray(seven(ink=255, paper=0))
    rgba = np.zeros((*alpha.shape, 4), np.uint8)
    rgba[..., 3] = alpha
    Image.fromarray(rgba, "RGBA").save(folder / "alpha-only.png")
    cases["alpha-only.png"] = 7
    Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(folder / "transparent.png")
    cases["transparent.png"] = None
    Image.new("L", (64, 64), 255).save(folder / "white.png")
    cases["white.png"] = None
    Image.new("L", (64, 64), 0).save(folder / "black.png")
    cases["black.png"] = None
    frames = [seven(), Image.new("L", (200, 200), 255)]
    frames[0].save(
        folder / "animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0
    )
    cases["animated.gif"] = 7
    # Stored rotated a quarter turn, with an EXIF orientation that turns it upright again.
    exif = Image.Exif()
    exif[0x0112] = 6
    seven(mode="RGB", paper=(255, 255, 255), ink=(0, 0, 0)).transpose(Image.Transpose.ROTATE_90).save(
        folder / "exif-rotated.jpg", exif=exif, quality=95
    )
    cases["exif-rotated.jpg"] = 7
    (folder / "not-an-image.png").write_text("hello")
    cases["not-an-image.png"] = "error"
    (folder / "empty.png").write_bytes(b"")
    cases["empty.png"] = "error"
    buffer = io.BytesIO()
    seven().save(buffer, "PNG")
    (folder / "truncated.png").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    cases["truncated.png"] = "error"
    return cases


def test_every_odd_image_is_answered_or_refused(tmp_path, capsys):
    cases = write_cases(tmp_path)
    code = main(["predict", "--json", str(tmp_path)])
    out, err = capsys.readouterr()
    records = {json.loads(line)["path"].split("/")[-1]: json.loads(line) for line in out.splitlines()}
    assert set(records) == set(cases)
    assert code == 1  # some files failed, the others were still answered
    for name, expected in cases.items():
        record = records[name]
        if expected == "error":
            assert "error" in record and name in record["error"], name
        else:
            assert record.get("digit") == expected, (name, record)
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["not-an-image.png", "empty.png", "truncated.png"])
def test_broken_files_raise_image_error(tmp_path, name):
    write_cases(tmp_path)
    with pytest.raises(ImageError):
        open_image(tmp_path / name)


def test_exif_orientation_is_applied(tmp_path, model):
    write_cases(tmp_path)
    assert predict_image(model, open_image(tmp_path / "exif-rotated.jpg")).digit == 7
