"""The network and its maths: layers, activations, losses, optimisers, schedules, weight averaging,
and what the model records about reading (calibration, nudged copies). Imports nothing of
digitpad's but ``shapes`` and ``errors``."""
