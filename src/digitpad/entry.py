"""The ``digitpad`` command's entry point: nothing is imported before Ctrl+C is handled, so an
interrupt while Python is still loading digitpad ends with one line, not a traceback."""

import sys


def main() -> int:
    try:
        from digitpad.cli import main as cli_main
    except KeyboardInterrupt:
        print("digitpad: interrupted", file=sys.stderr)
        return 130
    return cli_main()
