"""Opening image files for recognition, with every failure turned into one plain ImageError."""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from digitpad.errors import ImageError

MAX_PIXELS = 16384 * 16384
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".pgm", ".ppm"}


def open_image(path: Path) -> Image.Image:
    """Decode the first frame of an image file fully into memory."""
    path = Path(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = MAX_PIXELS
            with Image.open(path) as image:
                image.seek(0)
                if image.format == "JPEG":
                    image.draft("RGB", (1024, 1024))  # decode big photos at reduced size
                image.load()
                return image.copy()
    except FileNotFoundError:
        raise ImageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImageError(f"{path}: is a directory") from None
    except PermissionError:
        raise ImageError(f"{path}: permission denied") from None
    except UnidentifiedImageError:
        raise ImageError(f"{path}: not an image (or an unsupported format)") from None
    except Image.DecompressionBombError:
        raise ImageError(f"{path}: image too large (over {MAX_PIXELS:,} pixels)") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(f"{path}: cannot decode image ({exc})") from None


def image_files(paths) -> list[Path]:
    """Expand directories into the image files they hold (sorted); files are kept as given."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.suffix.lower() in IMAGE_SUFFIXES and f.is_file())
        else:
            out.append(p)
    return out
