"""The site ships a standard library trimmed to what Pyodide and the engine import (a third
smaller to download than the whole compiled library; `make bench` measures both). These tests
make sure the trimming can never take away something the engine needs."""

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import stdlib

HERE = Path(__file__).resolve().parent
ENGINE = HERE.parent.parent / "flowchart"


def kept_names():
    return set(stdlib.options_for("trimmed")["keep"])


def imported_top_level_names(source):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_the_site_ships_the_trimmed_standard_library():
    assert stdlib.DEFAULT_VARIANT == "trimmed"


def test_every_standard_library_module_the_engine_imports_is_kept():
    """Checked statically, so an import on a path no test takes is caught too."""
    missing = {
        f"{path.name}: {name}"
        for path in ENGINE.rglob("*.py")
        for name in imported_top_level_names(path.read_text(encoding="utf-8"))
        if name in sys.stdlib_module_names and name not in kept_names()
    }
    assert not missing, f"add these to sitebuild/stdlib_keep.txt: {sorted(missing)}"


@pytest.mark.slow
def test_every_path_of_every_chart_runs_on_the_shipped_standard_library(built_site):
    """Pyodide started as the page starts it, from the site's own archive and lockfile; then every
    call of the engine along every path, every record and the hostile fragments (exercise_engine.py)."""
    node = shutil.which("node")
    assert node, "Node.js 20+ is needed to run the engine in Pyodide"
    (archive,) = built_site.glob("assets/pyodide/*/python_stdlib-*.zip")
    (lockfile,) = built_site.glob("assets/flowchart/*/flowchart-lock.json")
    result = subprocess.run(
        [node, str(HERE / "exercise_engine.mjs"), str(archive), str(lockfile)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["records"] > 0 and summary["calls"] > 100, summary
    # Every module the engine loaded came from the archive, which holds only the kept names.
    assert {name.split(".")[0] for name in summary["stdlib_modules"]} <= kept_names() | {
        "_frozen_importlib",
        "_frozen_importlib_external",
    }
