"""The engine tests pass inside Pyodide 314 under Node, using the wheel the site ships and the
standard library compiled to bytecode at build time. (The site ships that library trimmed to what
the engine imports, which pytest outgrows, so the tests run on the whole compiled library;
test_trimmed_stdlib.py runs the engine on the trimmed one.)"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import pyodide_runtime, stdlib

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
WHEELS = REPO_ROOT / ".cache" / "pyodide-wheels"


@pytest.mark.slow
def test_engine_tests_pass_inside_pyodide(built_site):
    node = shutil.which("node")
    assert node, "Node.js 20+ is needed to run the engine tests in Pyodide"
    assert any(WHEELS.glob("pytest-*.whl")), "run `make test` (it downloads the test wheels) first"
    (wheel,) = built_site.glob("assets/flowchart/*/flowchart-*.whl")
    compiled = stdlib.stdlib_for(pyodide_runtime.NODE_PYODIDE, "compiled")
    result = subprocess.run(
        [
            node,
            str(HERE / "run_engine_tests.mjs"),
            str(wheel),
            str(WHEELS),
            str(REPO_ROOT / "tests" / "engine"),
            str(compiled),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "on emscripten" in output
    # Started from the compiled standard library: bytecode of Pyodide's Python, no sources.
    assert re.search(r"compiled stdlib: [1-9]\d+ modules, magic [0-9a-f]{8}, 0 sources", output), output
    assert re.search(r"flowchart from /lib/python3\.14/site-packages/flowchart/__init__\.py", output)
    # Every engine test the host collects passes in Pyodide too: none skipped, none missing.
    collected = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            str(REPO_ROOT / "tests" / "engine"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    expected = sum(1 for line in collected.stdout.splitlines() if "::" in line)
    summary = output.strip().splitlines()[-1]
    assert re.fullmatch(rf"=* ?{expected} passed in [\d.]+s( \(\d+:\d+:\d+\))? ?=*", summary), (expected, summary)
