"""Model-file metadata for tests that build model archives by hand."""

import json

import numpy as np


def metadata_array(**overrides) -> np.ndarray:
    """A 784-16-10 model's minimal valid metadata (with ``overrides``) as the uint8 array a model
    file stores."""
    meta = {
        "format": "digitpad-model",
        "format_version": 1,
        "layer_sizes": [784, 16, 10],
        "activation": "relu",
        "loss": "ce",
    }
    meta.update(overrides)
    return np.frombuffer(json.dumps(meta).encode(), np.uint8)
