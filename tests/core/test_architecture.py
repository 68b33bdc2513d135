"""The core stays importable without Qt: nothing outside digitpad.gui imports PySide6."""

import ast
import subprocess
import sys
from pathlib import Path

import digitpad

PACKAGE = Path(digitpad.__file__).parent
BENCHMARKS = PACKAGE.parent.parent / "benchmarks"
# Where a single forward pass is the point: the network itself, and the model file's finite-output probe.
SINGLE_PASS_ALLOWED = {"network.py", "modelfile.py"}


def test_no_qt_imports_outside_gui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6")
            ]
    assert offenders == []


def test_core_modules_import_without_loading_qt():
    code = (
        "import sys, digitpad.cli, digitpad.trainer, digitpad.predictor, digitpad.download, "
        "digitpad.evaluation, digitpad.training_run, digitpad.images; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_answers_and_figures_are_read_as_the_app_reads():
    """A model's answer (shown, or counted in a metric) goes through ``MLP.predict_proba``, which
    reads nudged when the model does; ``forward`` alone is one pass, which such a model never shows."""
    files = [p for p in PACKAGE.rglob("*.py") if p.name not in SINGLE_PASS_ALLOWED]
    files += sorted(BENCHMARKS.glob("*.py")) if BENCHMARKS.is_dir() else []
    offenders = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if call and node.func.attr == "forward":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
