"""The Qt layer: windows and widgets over the pure-NumPy core. Only this package imports Qt."""
