import numpy as np

from digitpad.data.augment import SIDE, Distortion, _bilinear, distort

NONE = Distortion(rotate_deg=0, scale=0, shear=0, shift_px=0, elastic_px=0, thicken_prob=0)


def _digits(n=6, seed=0):
    images = np.zeros((n, SIDE, SIDE), np.float32)
    rng = np.random.default_rng(seed)
    images[:, 6:22, 10:18] = rng.random((n, 16, 8), dtype=np.float32)
    return images.reshape(n, -1)


def test_no_distortion_gives_the_images_back():
    images = _digits()
    np.testing.assert_allclose(distort(images, np.random.default_rng(0), NONE), images, atol=1e-5)


def test_bilinear_sampling_shifts_interpolates_and_fills_outside_with_zero():
    image = np.arange(SIDE * SIDE, dtype=np.float32).reshape(1, SIDE, SIDE)
    ys, xs = (g.reshape(1, -1).astype(np.float32) for g in np.mgrid[0:SIDE, 0:SIDE])
    shifted = _bilinear(image, ys.copy(), xs + 1.0).reshape(SIDE, SIDE)
    np.testing.assert_array_equal(shifted[:, :-1], image[0, :, 1:])
    np.testing.assert_array_equal(shifted[:, -1], 0.0)
    halfway = _bilinear(image, ys + 0.5, xs.copy()).reshape(SIDE, SIDE)
    np.testing.assert_allclose(halfway[:-1], (image[0, :-1] + image[0, 1:]) / 2)


def _reference(images, rng, d):
    """The distortion written out per image: affine inverse map plus an elastic field upsampled
    from a 4x4 grid, sampled bilinearly (same random draws, in the same order, as distort)."""
    b = len(images)
    angle = np.deg2rad(rng.uniform(-d.rotate_deg, d.rotate_deg, b))
    sy = np.exp(rng.uniform(-d.scale, d.scale, b))
    sx = sy * np.exp(rng.uniform(-d.scale / 2, d.scale / 2, b))
    shear = rng.uniform(-d.shear, d.shear, b)
    shift = rng.uniform(-d.shift_px, d.shift_px, (2, b)) + 13.5
    coarse = rng.normal(0.0, d.elastic_px, (2, b, 4, 4))
    grid = np.linspace(0, 3, SIDE)
    out = np.zeros((b, SIDE * SIDE))
    for k in range(b):
        c, s = np.cos(angle[k]), np.sin(angle[k])
        fine = [
            np.array([[_interp2(coarse[a, k], gy, gx) for gx in grid] for gy in grid]) for a in (0, 1)
        ]
        padded = np.pad(images[k].reshape(SIDE, SIDE), 1)
        for i in range(SIDE):
            for j in range(SIDE):
                y, x = i - 13.5, j - 13.5
                src_y = c / sy[k] * y + (s + shear[k] * c) / sy[k] * x + shift[0, k] + fine[0][i, j]
                src_x = -s / sx[k] * y + (c - shear[k] * s) / sx[k] * x + shift[1, k] + fine[1][i, j]
                out[k, i * SIDE + j] = _sample(padded, src_y, src_x)
    return out


def _interp2(grid, y, x):
    y0, x0 = min(int(y), 2), min(int(x), 2)
    fy, fx = y - y0, x - x0
    top = grid[y0, x0] * (1 - fx) + grid[y0, x0 + 1] * fx
    bottom = grid[y0 + 1, x0] * (1 - fx) + grid[y0 + 1, x0 + 1] * fx
    return top * (1 - fy) + bottom * fy


def _sample(padded, y, x):
    y, x = np.clip(y, -1, SIDE) + 1, np.clip(x, -1, SIDE) + 1
    y0, x0 = int(np.floor(y)), int(np.floor(x))
    fy, fx = y - y0, x - x0

    def at(r, q):
        return padded[r, q] if r < padded.shape[0] and q < padded.shape[1] else 0.0

    top = at(y0, x0) * (1 - fx) + at(y0, x0 + 1) * fx
    bottom = at(y0 + 1, x0) * (1 - fx) + at(y0 + 1, x0 + 1) * fx
    return top * (1 - fy) + bottom * fy


def test_the_batched_distortion_matches_the_per_image_formula():
    images = _digits(4, seed=1)
    d = Distortion(thicken_prob=0)
    fast = distort(images, np.random.default_rng(7), d)
    slow = _reference(images, np.random.default_rng(7), d)
    np.testing.assert_allclose(fast, slow, atol=2e-3)
    assert not np.allclose(fast, images, atol=1e-2)  # it did distort


def test_thickening_only_grows_ink():
    images = _digits()
    thick = distort(images, np.random.default_rng(0), Distortion(0, 0, 0, 0, 0, thicken_prob=1.0))
    assert (thick >= images - 1e-6).all() and thick.sum() > images.sum()
