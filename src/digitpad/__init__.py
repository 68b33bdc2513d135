"""digitpad: draw digits, watch a from-scratch NumPy network recognise them, retrain it live."""

__version__ = "0.1.0"

import os as _os

# OpenBLAS worker threads otherwise spin for a long while after each matrix product, taking the
# cores that the element-wise NumPy work between products (activations, Adam) needs. Only takes
# effect when digitpad is imported before NumPy (the app and the command line).
_os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")
