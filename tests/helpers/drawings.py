"""Drawings that are not digits, as image files or boards would hold them."""

import numpy as np
from PIL import Image, ImageDraw


def scribble_image(size=280, turns=16, seed=0) -> Image.Image:
    """A dense zig-zag scribble, black on white: the shipped model's answer is about 10% each."""
    rng = np.random.default_rng(seed)
    image = Image.new("L", (size, size), 255)
    ys = np.linspace(0.25, 0.75, turns) * size + rng.normal(0, 3, turns)
    xs = np.where(np.arange(turns) % 2 == 0, 0.2, 0.8) * size + rng.normal(0, 8, turns)
    ImageDraw.Draw(image).line(list(zip(xs, ys)), fill=0, width=size // 20, joint="curve")
    return image


def blob_image(size=280) -> Image.Image:
    """A filled blob, wider than tall."""
    image = Image.new("L", (size, size), 255)
    ImageDraw.Draw(image).ellipse((0.25 * size, 0.32 * size, 0.68 * size, 0.64 * size), fill=0)
    return image
