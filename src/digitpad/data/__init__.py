"""Training data and inputs from files: MNIST (IDX files, download, loading), image files, and
augmentation."""
