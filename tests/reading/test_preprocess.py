import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image, ImageDraw

from digitpad.reading import preprocess
from digitpad.reading.preprocess import BOX, mnist_input, network_input, stroke_width, to_ink


def drawn_one(size=200, width=12, ink=0, paper=255, offset=(0, 0), mode="L"):
    """A vertical bar with a flag: a '1' drawn dark on light by default."""
    image = Image.new(mode, (size, size), paper)
    draw = ImageDraw.Draw(image)
    ox, oy = offset
    draw.line(
        [(size * 0.5 + ox, size * 0.2 + oy), (size * 0.5 + ox, size * 0.8 + oy)],
        fill=ink,
        width=width,
    )
    draw.line(
        [(size * 0.5 + ox, size * 0.2 + oy), (size * 0.38 + ox, size * 0.32 + oy)],
        fill=ink,
        width=width,
    )
    return image


def bbox(field):
    rows, cols = np.nonzero(field.reshape(28, 28) > 0.1)
    return rows.min(), rows.max(), cols.min(), cols.max()


def centre_of_mass(field):
    img = field.reshape(28, 28)
    return (img.sum(1) @ np.arange(28)) / img.sum(), (img.sum(0) @ np.arange(28)) / img.sum()


def test_output_is_mnist_like():
    x = mnist_input(drawn_one())
    assert x.shape == (784,) and x.dtype == np.float32
    assert 0.0 <= x.min() and x.max() <= 1.0 and x.max() > 0.9
    top, bottom, _, _ = bbox(x)
    assert BOX - 2 <= bottom - top + 1 <= BOX + 2
    cy, cx = centre_of_mass(x)
    assert abs(cy - 14) < 1 and abs(cx - 14) < 1


def test_polarity_and_modes_give_the_same_input():
    reference = mnist_input(drawn_one())
    variants = [
        drawn_one(ink=255, paper=0),
        drawn_one().convert("RGB"),
        drawn_one().convert("P"),
        drawn_one().convert("CMYK"),
        drawn_one().convert("1"),
    ]
    sixteen = Image.fromarray((np.asarray(drawn_one(), np.uint16) * 257).astype(np.uint16))
    variants.append(sixteen)
    for image in variants:
        np.testing.assert_allclose(mnist_input(image), reference, atol=0.08)


def test_ink_in_alpha_on_transparent_background():
    alpha = np.asarray(drawn_one(ink=255, paper=0))
    rgba = np.zeros((*alpha.shape, 4), np.uint8)
    rgba[..., 3] = alpha  # black ink only visible through alpha
    x = mnist_input(Image.fromarray(rgba, "RGBA"))
    np.testing.assert_allclose(x, mnist_input(drawn_one()), atol=0.08)


def test_arrays_are_accepted_like_images():
    arr = np.asarray(drawn_one())
    np.testing.assert_allclose(mnist_input(arr), mnist_input(drawn_one()), atol=1e-6)
    np.testing.assert_allclose(mnist_input(arr / 255.0), mnist_input(drawn_one()), atol=1e-5)


@pytest.mark.parametrize("offset", [(-70, -60), (70, 60), (-70, 60)])
def test_off_centre_and_small_drawings_are_centred(offset):
    x = mnist_input(drawn_one(offset=offset))
    cy, cx = centre_of_mass(x)
    assert abs(cy - 14) < 1 and abs(cx - 14) < 1
    small = Image.new("L", (400, 400), 255)
    small.paste(drawn_one(size=30, width=3), (350, 10))
    x = mnist_input(small)
    top, bottom, _, _ = bbox(x)
    assert bottom - top + 1 >= BOX - 2


def test_thin_strokes_are_thickened_to_mnist_width():
    thin, normal = mnist_input(drawn_one(width=1)), mnist_input(drawn_one(width=12))
    assert stroke_width(thin.reshape(28, 28) > 0.5) > 1.5
    assert abs(thin.sum() - normal.sum()) / normal.sum() < 0.5


@pytest.mark.parametrize(
    "image",
    [
        Image.new("L", (200, 200), 255),
        Image.new("L", (200, 200), 0),
        Image.new("RGBA", (50, 50), (0, 0, 0, 0)),
        Image.new("L", (1, 1), 0),
        Image.new("L", (0, 0)),
        np.zeros((0, 0)),
    ],
    ids=["white", "black", "transparent", "1x1", "0x0", "empty-array"],
)
def test_blank_images_are_no_digit(image):
    assert mnist_input(image) is None
    assert network_input(image) == (None, preprocess.NO_INK)


def test_speck_of_dust_is_no_digit():
    image = Image.new("L", (300, 300), 255)
    image.putpixel((100, 100), 0)
    assert mnist_input(image) is None
    assert network_input(image) == (None, preprocess.LITTLE_INK)


def test_huge_image_is_reduced_quickly():
    big = drawn_one(size=600, width=40).resize((10000, 10000))
    x = mnist_input(big)
    assert x is not None and abs(centre_of_mass(x)[0] - 14) < 1


def test_to_ink_normalises_faint_pencil():
    faint = drawn_one(ink=200, paper=230)
    assert to_ink(faint).max() == pytest.approx(1.0)


@settings(max_examples=150, deadline=None)
@given(arrays(np.uint8, st.tuples(st.integers(0, 40), st.integers(0, 40))))
def test_arbitrary_gray_arrays_give_none_or_a_valid_input(arr):
    x = mnist_input(arr)
    assert x is None or (x.shape == (784,) and np.isfinite(x).all() and 0 <= x.min() <= x.max() <= 1)


@settings(max_examples=100, deadline=None)
@given(
    arrays(
        np.float32,
        st.tuples(st.integers(1, 30), st.integers(1, 30), st.sampled_from([3, 4])),
        elements=st.floats(-2, 2, width=32),
    )
)
def test_arbitrary_colour_arrays_give_none_or_a_valid_input(arr):
    x = mnist_input(arr)
    assert x is None or (x.shape == (784,) and np.isfinite(x).all())


def test_unsupported_array_shape_is_a_value_error():
    with pytest.raises(ValueError):
        mnist_input(np.zeros((3, 3, 3, 3)))


@settings(max_examples=150, deadline=None)
@given(arrays(np.uint8, st.tuples(st.integers(1, 60), st.integers(1, 60))))
def test_grey_bytes_take_a_shortcut_to_the_float_result(grey):
    """8-bit grey arrays (the canvas) skip building the float image; the ink must be the one the
    general float path gives for the same image (up to float32 rounding)."""
    np.testing.assert_allclose(to_ink(grey), to_ink(grey.astype(np.float32) / 255.0), atol=1e-6)


def test_grey_bytes_of_both_polarities_and_low_contrast():
    rng = np.random.default_rng(0)
    drawing = np.full((120, 90), 250, np.uint8)
    drawing[30:90, 40:50] = rng.integers(0, 60, (60, 10))
    for grey in (drawing, 255 - drawing, (drawing // 40 + 100).astype(np.uint8)):
        np.testing.assert_allclose(to_ink(grey), to_ink(grey.astype(np.float32) / 255.0), atol=1e-6)
    assert to_ink(drawing).max() == 1.0 and to_ink(drawing)[0, 0] == 0.0


def test_a_dot_or_a_dash_is_no_digit_but_a_one_is():
    board = np.full((280, 280), 255, np.uint8)
    dot, dash, one = board.copy(), board.copy(), board.copy()
    dot[130:150, 130:150] = 0
    dash[135:150, 60:220] = 0
    one[40:240, 135:150] = 0
    assert mnist_input(dot) is None and mnist_input(dash) is None
    assert mnist_input(one) is not None


def test_flat_ink_says_why_it_is_no_digit():
    """Only a dot is "too little ink": a long dash is a line, a filled blob is too much ink."""
    board = np.full((280, 280), 255, np.uint8)
    dot, thick_dot, dash, thick_dash, blob = (board.copy() for _ in range(5))
    dot[130:150, 130:150] = 0
    thick_dot[125:153, 125:153] = 0  # a tap of the thickest brush (0.1 of the board)
    dash[135:150, 60:220] = 0
    thick_dash[126:154, 40:240] = 0
    image = Image.fromarray(blob)
    ImageDraw.Draw(image).ellipse((70, 90, 190, 180), fill=0)  # filled, wider than tall
    reasons = [network_input(b)[1] for b in (dot, thick_dot, dash, thick_dash, np.asarray(image))]
    assert reasons == [
        preprocess.LITTLE_INK,
        preprocess.LITTLE_INK,
        preprocess.LINE,
        preprocess.LINE,
        preprocess.TOO_MUCH_INK,
    ]
    assert network_input(np.asarray(image))[0] is None
