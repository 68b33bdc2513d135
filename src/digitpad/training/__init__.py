"""Training: the settings (TrainConfig), the trainer loop, a whole training run (data, training,
evaluation, calibration) and its one outcome type, and personalisation."""
