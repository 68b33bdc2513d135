"""digitpad: draw digits, watch a from-scratch NumPy network recognise them, retrain it live."""

__version__ = "0.1.0"
