"""Copies the top-level weights/ and resources/ into the wheel as digitpad/_bundled/.

The source tree keeps them at the top (shared with build.spec); an installed package finds them
through digitpad.store.paths.bundle_root().
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithBundledData(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "digitpad" / "_bundled"
        for name in ("weights", "resources"):
            shutil.copytree(
                ROOT / name,
                target / name,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("*.ts", "__pycache__"),
            )


setup(cmdclass={"build_py": BuildPyWithBundledData})
