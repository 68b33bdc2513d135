"""``python -m tests.helpers.interrupt_at WHEN ARGS``: ``python -m digitpad ARGS`` that presses
Ctrl+C (sends itself SIGINT) at a chosen moment instead of after a guessed delay. WHEN is

- a number N: as it begins the N-th module it imports, counted from the first import of
  digitpad's entry point (Python's own start is not digitpad's to guard). N = 0 never presses and
  says on stderr how many imports there were, so a test can spread its presses over the start;
- a module name: as it begins importing that module;
- ``running``: once the window's event loop runs."""

import os
import runpy
import sys
from _signal import SIGINT  # the C module: loads nothing the app would load later

WHEN = sys.argv.pop(1)
imports = 0


def _press() -> None:
    os.kill(os.getpid(), SIGINT)


def _count(event: str, args: tuple) -> None:
    global imports
    if event != "import" or (imports == 0 and args[0] != "digitpad.cli"):
        return
    imports += 1
    if str(imports) == WHEN or args[0] == WHEN:
        _press()


def _say_count() -> None:
    os.write(2, f"interrupt_at: {imports} imports\n".encode())


def _press_once_running() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    run_loop = QApplication.exec

    def exec_pressing(*_app):
        QTimer.singleShot(0, _press)
        return run_loop()  # a static method

    QApplication.exec = exec_pressing


if WHEN == "running":
    _press_once_running()
else:
    sys.addaudithook(_count)
if WHEN == "0":
    import atexit

    atexit.register(_say_count)
runpy.run_module("digitpad", run_name="__main__", alter_sys=True)
