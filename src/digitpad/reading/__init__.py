"""From a drawing to an answer: preprocessing into MNIST's 28x28 form, the reader (a network
with its calibration and nudged reading), the predictor, number segmentation, and what the Inside
tab shows of a reading."""
