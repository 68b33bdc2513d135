"""The shapes every part of digitpad agrees on: MNIST's 28x28 images, flattened to 784 inputs, and
the 10 digit classes."""

SIDE = 28  # pixels per side of a network input image
PIXELS = SIDE * SIDE  # 784 network inputs
CLASSES = 10  # the digits 0-9
