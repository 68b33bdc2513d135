"""The ``digitpad`` command's entry point. Ctrl+C is handled before anything heavy is imported
(even the ``signal`` module, which loads ``enum``): while Python loads digitpad and NumPy an
interrupt ends the process with one line and exit status 130 (a KeyboardInterrupt there would
print a traceback, or surface from NumPy's import as an ImportError); from the first command on,
the command's own handling takes over."""

import _signal  # the C module: no imports of its own
import os


def _quit_quietly(signum, frame) -> None:
    os.write(2, b"digitpad: interrupted\n")
    os._exit(130)


def main() -> int:
    _signal.signal(_signal.SIGINT, _quit_quietly)
    from digitpad import cli
    from digitpad.training import config  # noqa: F401 - config (NumPy) is what the parser needs

    _signal.signal(_signal.SIGINT, _signal.default_int_handler)
    return cli.main()
