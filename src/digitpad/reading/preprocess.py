"""Any image of a digit -> the 28x28 network input, the way MNIST was made.

Steps: find the ink (dark-on-light, light-on-dark, or ink given by alpha), normalise its contrast,
crop to the ink's bounding box, even out the stroke width, scale the longer side to 20 px keeping the
aspect ratio (anti-aliased), and paste into 28x28 so that the centre of mass sits where MNIST's does.
An image with too little ink, or ink no taller than a few stroke widths (a dot, a dash, a filled
blob), is "no digit" (``None``), never classified; ``network_input`` also says which of these it is.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageOps

from digitpad.shapes import SIDE

PREPROCESSING_VERSION = 1
BOX = 20  # the longer side of the digit in the 28x28 field, as in MNIST
FIELD = SIDE
MNIST_CENTRE = 14.0  # mean centre of mass of MNIST digits, in pixel-index coordinates
MNIST_STROKE = 2.9  # median stroke width of MNIST digits, in pixels of the 28x28 field
INK_THRESHOLD = 0.2  # ink level counted as part of the digit for the bounding box
MIN_CONTRAST = 0.1  # below this the image is blank paper (or noise), not a faint digit
MIN_INK_PIXELS = 4
MAX_SIDE = 400  # larger images are box-reduced first: the result is 28x28 anyway
# Ink no taller than this many stroke widths is a dot, a dash or a blob, not a digit: read as one,
# it came out as "0" or "7" with high confidence.
MIN_HEIGHT_IN_STROKES = 2.5
# Of such ink, strokes this wide (a share of the image's longer side) are a filled blob or a dense
# scribble: on a 280 px board those measured 0.14 and more, lines drawn with the thickest brush 0.10.
BLOB_STROKE = 0.12
# Shorter ink than this share of the image's longer side is a dot or a tick (dots on a 280 px
# board measured at most 0.125, a tap of the thickest brush 0.1).
DOT_SIZE = 0.2

# Why an image holds no digit (the words of ``digitpad predict``; the app translates them).
NO_INK = "no ink"
LITTLE_INK = "too little ink to read"
LINE = "a line, not a digit"
TOO_MUCH_INK = "too much ink to be a digit"


def _pil_to_ink(image: Image.Image) -> np.ndarray:
    """Ink map (H, W) float32 from a PIL image: 1 = ink, 0 = paper, before contrast normalising."""
    image = ImageOps.exif_transpose(image) or image
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if has_alpha:
        image = image.convert("RGBA")
    elif image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I")
    elif image.mode != "F":
        image = image.convert("L")
    if max(image.size) > MAX_SIDE:
        factor = math.ceil(max(image.size) / MAX_SIDE)
        image = image.reduce(factor)
    arr = np.asarray(image)
    if has_alpha:
        alpha = arr[..., 3].astype(np.float32) / 255.0
        if alpha.min() < 0.98:
            # A transparent background: whatever is opaque is ink, whatever its colour.
            return alpha
        return _polarity_corrected(_luminance(arr[..., :3]))
    if image.mode == "I":
        top = 65535.0 if arr.max() > 255 else 255.0
        return _polarity_corrected(np.clip(arr.astype(np.float32) / top, 0.0, 1.0))
    if image.mode == "F":
        return _polarity_corrected(np.clip(arr.astype(np.float32), 0.0, 1.0))
    return _polarity_corrected(arr.astype(np.float32) / 255.0)


def _luminance(rgb: np.ndarray) -> np.ndarray:
    return (rgb.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)) / 255.0


def _border(image: np.ndarray) -> np.ndarray:
    return np.concatenate([image[0], image[-1], image[:, 0], image[:, -1]])


def _polarity_corrected(lum: np.ndarray) -> np.ndarray:
    """Brightness (H, W) in [0, 1] -> ink, judging the paper colour from the image border."""
    if lum.size == 0:
        return lum.astype(np.float32)
    return (1.0 - lum) if np.median(_border(lum)) > 0.5 else lum


def array_to_ink(image: np.ndarray) -> np.ndarray:
    """Ink map from an array: (H, W) brightness, (H, W, 3) RGB or (H, W, 4) RGBA; uint8, uint16
    or float in [0, 1]."""
    arr = np.asarray(image)
    if arr.dtype == np.uint8:
        scaled = arr.astype(np.float32) / 255.0
    elif arr.dtype == np.uint16:
        scaled = arr.astype(np.float32) / 65535.0
    elif arr.dtype == np.bool_ or arr.dtype.kind in "iuf":
        scaled = np.clip(np.nan_to_num(arr.astype(np.float32)), 0.0, 1.0)
    else:
        raise ValueError(f"unsupported image dtype {arr.dtype}")
    if scaled.ndim == 3 and scaled.shape[2] == 4:
        alpha = scaled[..., 3]
        if alpha.size and alpha.min() < 0.98:
            return alpha
        scaled = scaled[..., :3]
    if scaled.ndim == 3 and scaled.shape[2] == 3:
        scaled = scaled @ np.array([0.299, 0.587, 0.114], np.float32)
    if scaled.ndim != 2:
        raise ValueError(f"unsupported image shape {arr.shape}")
    return _polarity_corrected(scaled)


def to_ink(image) -> np.ndarray:
    """Ink map (H, W) float32 in [0, 1] from a PIL image or an array, contrast-normalised."""
    if isinstance(image, np.ndarray) and image.dtype == np.uint8 and image.ndim == 2 and image.size:
        return _grey_bytes_to_ink(_shrunk(image))  # the canvas: the live-prediction path
    ink = _pil_to_ink(image) if isinstance(image, Image.Image) else array_to_ink(image)
    ink = np.asarray(ink, np.float32)
    if ink.size == 0:
        return ink
    # Paper is the level the border sits at; ink is measured above it.
    paper = float(np.median(_border(ink)))
    peak = float(ink.max())
    if peak - paper < MIN_CONTRAST:
        return np.zeros_like(ink)
    return np.clip((ink - paper) / (peak - paper), 0.0, 1.0)


def _grey_bytes_to_ink(grey: np.ndarray) -> np.ndarray:
    """``to_ink`` of an 8-bit grey image (H, W). Polarity correction and contrast normalisation
    are together one linear map of the grey level, applied without building the float image."""
    # Paper, peak and polarity in the float path's own float32 arithmetic, so that the same
    # images count as blank and the same polarity is chosen.
    lum_border = _border(grey).astype(np.float32) / 255.0
    dark_ink = np.median(lum_border) > 0.5  # light paper: ink is 1 - grey / 255
    extreme = np.array([grey.min() if dark_ink else grey.max()], np.float32) / 255.0
    paper = float(np.median(1.0 - lum_border if dark_ink else lum_border))
    peak = float((1.0 - extreme if dark_ink else extreme)[0])
    span = peak - paper
    if span < MIN_CONTRAST:
        return np.zeros(grey.shape, np.float32)
    slope, offset = (-1.0, 1.0 - paper) if dark_ink else (1.0, -paper)
    ink = np.multiply(grey, np.float32(slope / (255.0 * span)), dtype=np.float32)
    ink += np.float32(offset / span)
    return np.clip(ink, 0.0, 1.0, out=ink)


def _shrunk(grey: np.ndarray) -> np.ndarray:
    """An 8-bit grey image (H, W) box-reduced to at most about MAX_SIDE pixels a side."""
    if max(grey.shape) <= MAX_SIDE:
        return grey
    return np.asarray(Image.fromarray(grey).reduce(math.ceil(max(grey.shape) / MAX_SIDE)))


def _zero_padded(image: np.ndarray, pad: int) -> np.ndarray:
    """``image`` (H, W) inside a border of ``pad`` zeros (np.pad's general machinery costs more
    than the copy itself at canvas sizes)."""
    out = np.zeros((image.shape[0] + 2 * pad, image.shape[1] + 2 * pad), image.dtype)
    out[pad : pad + image.shape[0], pad : pad + image.shape[1]] = image
    return out


def stroke_width(mask: np.ndarray) -> float:
    """Mean stroke width of a binary ink mask (H, W): twice the area over the boundary length."""
    area = int(mask.sum())
    if area == 0:
        return 0.0
    padded = _zero_padded(mask, 1)
    interior = (
        padded[1:-1, 1:-1] & padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    )
    boundary = area - int(interior.sum())
    return 2.0 * area / max(boundary, 1)


def _grow(image: np.ndarray, radius: int) -> np.ndarray:
    """Grey-level dilation of ``image`` (H, W) by a (2r+1)-square, separably with shifted maxima."""
    out = image.copy()
    for _ in range(radius):
        np.maximum(out[1:], out[:-1], out=out[1:])
        np.maximum(out[:-1], out[1:].copy(), out=out[:-1])
    for _ in range(radius):
        np.maximum(out[:, 1:], out[:, :-1], out=out[:, 1:])
        np.maximum(out[:, :-1], out[:, 1:].copy(), out=out[:, :-1])
    return out


def _even_out_stroke(crop: np.ndarray, scale: float, width: float) -> np.ndarray:
    """Thicken strokes (``width`` pixels wide) that would come out thinner than MNIST's after
    scaling by ``scale``."""
    wanted = MNIST_STROKE / scale  # in crop pixels
    grow = int(round((wanted - width) / 2.0))
    return _grow(crop, min(grow, 8)) if grow >= 1 else crop


def _ink_bounds(ink: np.ndarray) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) of the pixels above INK_THRESHOLD, or None if too few."""
    mask = ink > INK_THRESHOLD
    if np.count_nonzero(mask) < MIN_INK_PIXELS:
        return None
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return rows[0], rows[-1] + 1, cols[0], cols[-1] + 1


def _reduce(crop: np.ndarray, factor: int) -> np.ndarray:
    """Box-average ``crop`` by an integer ``factor``, renormalising the ink's peak to 1."""
    if factor <= 1:
        return crop
    h, w = (crop.shape[0] // factor) * factor, (crop.shape[1] // factor) * factor
    # Pillow's box reduction: the same block means, three times faster than NumPy's 4-D mean.
    small = np.asarray(
        Image.fromarray(np.ascontiguousarray(crop[:h, :w], np.float32), mode="F").reduce(factor)
    )
    peak = small.max()
    return small / peak if peak > 0 else small


def mnist_input(image) -> np.ndarray | None:
    """The network input (784,) float32 in [0, 1] for a digit image, or None for "no digit"."""
    return network_input(image)[0]


def network_input(image) -> tuple[np.ndarray | None, str | None]:
    """``(input, None)`` with the network input (784,) float32 in [0, 1] for a digit image, or
    ``(None, reason)`` when it holds no digit: NO_INK, LITTLE_INK, LINE or TOO_MUCH_INK."""
    return ink_input(to_ink(image))


def reduced_crop(ink: np.ndarray, side: int) -> np.ndarray | None:
    """The ink (H, W) cropped to its bounding box with a margin, box-reduced by the smallest
    integer factor that brings its longer side to at most ``side`` pixels; None if too little ink."""
    bounds = _ink_bounds(ink) if ink.size else None
    if bounds is None:
        return None
    return _reduce(_padded_crop(ink, bounds), max(1, -(-_longest(bounds) // side)))


def ink_input(ink: np.ndarray) -> tuple[np.ndarray | None, str | None]:
    """``network_input`` of an ink map (H, W) float32 in [0, 1] (``to_ink``'s)."""
    if ink.size == 0 or not ink.any():
        return None, NO_INK
    bounds = _ink_bounds(ink)
    if bounds is None:
        return None, LITTLE_INK
    top, bottom, _, _ = bounds
    longest = _longest(bounds)
    # Work at about 3x the final size: plenty for anti-aliasing, and cheap for big images.
    factor = max(1, longest // (3 * BOX))
    crop = _reduce(_padded_crop(ink, bounds), factor)
    width = stroke_width(crop > 0.5)
    if (bottom - top) / factor < MIN_HEIGHT_IN_STROKES * width:
        return None, _flat_ink(longest, width * factor, max(ink.shape))
    scale = BOX * factor / longest
    crop = _even_out_stroke(crop, scale, width)
    return place_in_field(crop, scale), None


def _longest(bounds: tuple[int, int, int, int]) -> int:
    """The longer side of the box ``bounds`` (top, bottom, left, right)."""
    top, bottom, left, right = bounds
    return max(bottom - top, right - left)


def _padded_crop(ink: np.ndarray, bounds: tuple[int, int, int, int]) -> np.ndarray:
    """``ink`` cropped to ``bounds`` (top, bottom, left, right) inside a margin of zeros: room for
    thickening strokes without clipping them."""
    top, bottom, left, right = bounds
    return _zero_padded(ink[top:bottom, left:right], _longest(bounds) // 8 + 2)


def _flat_ink(longest: float, stroke: float, side: float) -> str:
    """Why ink no taller than a few stroke widths is no digit, from the ink's ``longest`` side
    and ``stroke`` width, in pixels of an image ``side`` pixels across."""
    if stroke >= BLOB_STROKE * side:
        return TOO_MUCH_INK
    return LITTLE_INK if longest < DOT_SIZE * side else LINE


def place_in_field(crop: np.ndarray, scale: float) -> np.ndarray:
    """Resize ``crop`` (h, w) by ``scale`` (anti-aliased) and paste into 28x28 by centre of mass."""
    out_w = max(1, round(crop.shape[1] * scale))
    out_h = max(1, round(crop.shape[0] * scale))
    pil = Image.fromarray(np.ascontiguousarray(crop, np.float32), mode="F")
    small = np.asarray(pil.resize((out_w, out_h), Image.Resampling.LANCZOS), np.float32)
    small = np.clip(small, 0.0, 1.0)
    # Trim the padding back to the ink so the paste below has the least to clip.
    rows, cols = np.nonzero(small > 0.01)
    if len(rows) == 0:
        return np.zeros(FIELD * FIELD, np.float32)
    small = small[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    mass = small.sum()
    cy = (small.sum(axis=1) @ np.arange(small.shape[0])) / mass
    cx = (small.sum(axis=0) @ np.arange(small.shape[1])) / mass
    field = np.zeros((FIELD, FIELD), np.float32)
    top, left = int(round(MNIST_CENTRE - cy)), int(round(MNIST_CENTRE - cx))
    _paste(field, small, top, left)
    return field.reshape(-1)


def _paste(field: np.ndarray, patch: np.ndarray, top: int, left: int) -> None:
    """Copy ``patch`` into ``field`` at (top, left), clipping whatever falls outside."""
    h, w = patch.shape
    y0, x0 = max(top, 0), max(left, 0)
    y1, x1 = min(top + h, field.shape[0]), min(left + w, field.shape[1])
    if y1 > y0 and x1 > x0:
        field[y0:y1, x0:x1] = patch[y0 - top : y1 - top, x0 - left : x1 - left]
