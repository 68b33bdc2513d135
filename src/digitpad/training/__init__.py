"""Training: the settings (TrainConfig), the trainer loop, a whole training run (data, training,
evaluation, calibration), personalisation and the typed model record."""
