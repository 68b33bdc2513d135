"""Calibrating on fewer held-out pen digits, for tests about what happens around training:
drawing the full calibration set takes seconds a run."""

CALIBRATION_DIGITS = 200


def keeping_fewer(split):
    """``split`` (``calibration_split``) keeping only the first CALIBRATION_DIGITS held-out
    indices."""

    def fewer(pen):
        train, held = split(pen)
        return train, held[:CALIBRATION_DIGITS]

    return fewer
