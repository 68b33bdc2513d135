"""The core stays importable without Qt (nothing outside digitpad.gui imports PySide6), and its
parts import each other in one direction only: each layer below may be used by the ones above."""

import ast
import subprocess
import sys
from pathlib import Path

import digitpad

PACKAGE = Path(digitpad.__file__).parent
BENCHMARKS = PACKAGE.parent.parent / "benchmarks"
# Where a single forward pass is the point: the network itself, and the model file's finite-output probe.
SINGLE_PASS_ALLOWED = {"network.py", "reader.py", "modelfile.py"}


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


# The core's parts, lowest first. A part may import the base modules and the parts before it.
BASE = {"shapes", "errors"}
LAYERS = ["model", "reading", "store", "data", "pen", "training"]
# The only modules directly in src/digitpad/ besides the parts: the base, the front ends and what
# every start of either does first.
TOP_LEVEL = {"__init__", "__main__", "entry", "cli", "startup", "desktop_entry", *BASE}


def digitpad_imports(path: Path) -> set[str]:
    """The digitpad parts or top-level modules that ``path`` imports (``digitpad.X...`` -> X)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
            if node.module == "digitpad":  # the package itself (its __version__) is no part
                modules = [f"digitpad.{a.name}" for a in node.names if not a.name.startswith("__")]
        else:
            continue
        found |= {m.split(".")[1] for m in modules if m.startswith("digitpad.")}
    return found


def test_each_part_imports_only_the_parts_below_it():
    offenders = []
    for rank, part in enumerate(LAYERS):
        allowed = BASE | set(LAYERS[: rank + 1])
        for path in sorted((PACKAGE / part).rglob("*.py")):
            offenders += [
                f"{part}/{path.name} imports {name}" for name in digitpad_imports(path) - allowed
            ]
    assert offenders == []


def test_base_modules_import_nothing_of_ours_but_each_other():
    for name in BASE:
        assert digitpad_imports(PACKAGE / f"{name}.py") <= BASE


def test_the_top_level_holds_only_the_base_and_the_front_ends():
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    parts = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert modules == TOP_LEVEL
    assert parts == {*LAYERS, "gui"}


def test_core_modules_import_without_loading_qt():
    code = (
        "import sys, digitpad.cli, digitpad.training.trainer, digitpad.reading.predictor, digitpad.data.download, "
        "digitpad.training.evaluation, digitpad.training.run, digitpad.data.images; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_answers_and_figures_are_read_as_the_app_reads():
    """A model's answer (shown, or counted in a metric) goes through ``Reader.predict_proba``, which
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
