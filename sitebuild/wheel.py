"""Build the pure-Python wheel of the `flowchart` package that the browser installs into Pyodide.

Hatchling builds the wheel from the sources; then Pyodide's own CPython, under Node, adds a .pyc
for every module (the `wheel` step of pyodide_bytecode.py), so that a page load imports the engine
without compiling it. The compiled wheel is cached under .cache/pyodide-wheel/<key>/, keyed by
hatchling's wheel and the compiler, so an unchanged engine is compiled once.
"""

import hashlib
import shutil
import tempfile
from pathlib import Path

from hatchling.builders.wheel import WheelBuilder

from . import pyodide_compile
from .charts import REPO_ROOT

CACHE_ROOT = pyodide_compile.CACHE_ROOT / "pyodide-wheel"


def build_wheel(out_dir, root=REPO_ROOT, cache_root=CACHE_ROOT):
    """Build the wheel (compiled charts and Pyodide bytecode included) into out_dir and return its path.

    Both steps are reproducible (fixed timestamps, a fixed order of entries), so an unchanged
    package gives a byte-identical wheel and an unchanged content hash.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as staging:
        compiled = pyodide_compile.compiled("wheel", source_wheel(staging, root), {}, cache_root)
    return Path(shutil.copyfile(compiled, out_dir / compiled.name))


def source_wheel(out_dir, root=REPO_ROOT):
    """Hatchling's wheel of the package: sources only, no bytecode."""
    (path,) = WheelBuilder(str(root)).build(directory=str(out_dir), versions=["standard"])
    return Path(path)


def sha256_of(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
