"""Print the `pyodide-test` dependency group from pyproject.toml, one requirement per word."""

import tomllib
from pathlib import Path

pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
print(" ".join(tomllib.loads(pyproject.read_text())["dependency-groups"]["pyodide-test"]))
