"""Opening image files for recognition, with every failure turned into one plain ImageError."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from digitpad.errors import ImageError
from digitpad.store.limits import MAX_IMAGE_PIXELS, check_regular_file

MAX_PIXELS = MAX_IMAGE_PIXELS
# Bigger decoded images are box-reduced at once (to this side) so that the full-size pixels are
# freed before preprocessing makes its own copies; the network sees 28x28 in the end anyway.
REDUCE_ABOVE_PIXELS = 4_000_000
REDUCED_SIDE = 1600
REDUCIBLE_MODES = {"L", "LA", "RGB", "RGBA", "RGBa", "La", "I", "F", "CMYK", "YCbCr"}
MAX_IMAGE_FILE_BYTES = 256 * 1024 * 1024
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp"}
# Only the formats a user means: Pillow would otherwise pick any of its formats from the content,
# e.g. an EPS named .png, which it hands to Ghostscript (untrusted input, and it may hang).
ACCEPTED_FORMATS = ("PNG", "JPEG", "BMP", "GIF", "TIFF", "WEBP")
FORMAT_NAMES = "PNG, JPEG, BMP, GIF, TIFF or WebP"


def open_image(path: Path) -> Image.Image:
    """Decode the first frame of an image file fully into memory.

    Limits come first: only a regular file (a named pipe would block for ever), and the pixel
    count declared in its header is checked before any pixel is decoded.
    """
    path = Path(path)
    check_regular_file(path, ImageError, MAX_IMAGE_FILE_BYTES)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = MAX_PIXELS
            with Image.open(path, formats=ACCEPTED_FORMATS) as image:
                image.seek(0)
                _check_size(path, *image.size)
                if image.format == "JPEG":
                    image.draft("RGB", (1024, 1024))  # decode big photos at reduced size
                image.load()
                return _detached(image)
    except FileNotFoundError:
        raise ImageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImageError(f"{path}: is a directory") from None
    except PermissionError:
        raise ImageError(f"{path}: permission denied") from None
    except UnidentifiedImageError:
        raise ImageError(f"{path}: not a {FORMAT_NAMES} image") from None
    except Image.DecompressionBombError:
        raise ImageError(f"{path}: image too large (over {MAX_PIXELS:,} pixels)") from None
    except MemoryError:
        raise ImageError(f"{path}: image too large to decode") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(f"{path}: cannot decode image ({exc})") from None


def _check_size(path: Path, width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise ImageError(f"{path}: the image is empty ({width}x{height})")
    if width * height > MAX_PIXELS:
        raise ImageError(
            f"{path}: image too large ({width}x{height} pixels; the limit is {MAX_PIXELS:,})"
        )


def _detached(image: Image.Image) -> Image.Image:
    """A copy independent of the file; very large images come back box-reduced."""
    width, height = image.size
    if width * height > REDUCE_ABOVE_PIXELS and image.mode in REDUCIBLE_MODES:
        return _reduced_in_strips(image, math.ceil(max(width, height) / REDUCED_SIDE))
    return image.copy()


def _reduced_in_strips(image: Image.Image, factor: int) -> Image.Image:
    """``image.reduce(factor)`` a band of rows at a time: reducing RGBA makes a premultiplied
    copy, which for the whole of a 50 MP image would double the peak memory."""
    width, height = image.size
    out = Image.new(image.mode, (math.ceil(width / factor), math.ceil(height / factor)))
    rows = factor * 64  # a multiple of the factor, so the boxes are the same as in one go
    for top in range(0, height, rows):
        band = image.crop((0, top, width, min(height, top + rows))).reduce(factor)
        out.paste(band, (0, top // factor))
    return out


def image_files(paths) -> list[Path]:
    """Expand directories into the image files they hold (sorted; regular files only); files
    given by name are kept as given (open_image refuses pipes and devices)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.suffix.lower() in IMAGE_SUFFIXES and f.is_file())
        else:
            out.append(p)
    return out
