"""Build the pure-Python wheel of the `flowchart` package that the browser installs into Pyodide."""

import hashlib
from pathlib import Path

from hatchling.builders.wheel import WheelBuilder

from .charts import REPO_ROOT


def build_wheel(out_dir, root=REPO_ROOT):
    """Build the wheel (compiled charts included) into out_dir and return its path.

    Hatchling builds reproducibly (fixed timestamps), so an unchanged package gives a
    byte-identical wheel and an unchanged content hash.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (path,) = WheelBuilder(str(root)).build(directory=str(out_dir), versions=["standard"])
    return Path(path)


def sha256_of(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
