"""``python -m tests.helpers.quick_cli ARGS``: the real ``digitpad`` command in a process of its
own, with the confidence calibration fitted on 200 held-out pen digits instead of ~3,000 (drawing
those takes ~10 s a run; the tests using this are about what happens around training)."""

import sys

from digitpad.training import run as training_run
from tests.helpers.fewer_calibration import keeping_fewer

training_run.calibration_split = keeping_fewer(training_run.calibration_split)

from digitpad.entry import main  # noqa: E402 - after the patch, as the command would run

sys.exit(main())
