"""The network and its maths: layers, activations, losses, optimisers, schedules and weight
averaging, with training's speed plumbing in a workspace. How the app reads with a network is
``digitpad.reading``'s. Imports nothing of digitpad's but ``shapes`` and ``errors``."""
