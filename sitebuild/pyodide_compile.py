"""Compiling to bytecode with Pyodide's own interpreter under Node, cached by content.

Bytecode only loads in the CPython version that wrote it, and the build host's Python is not
Pyodide's, so compile_in_pyodide.mjs starts the pinned Pyodide under Node and runs a step of
pyodide_bytecode.py inside it. Starting Pyodide costs seconds (the standard library step takes
more), so each result is cached in a folder named by everything that decides its bytes, and an
unchanged input is compiled once per machine rather than once per build.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .charts import REPO_ROOT
from .errors import BuildError

# The pinned Pyodide (package-lock.json) that both compiles the bytecode and runs it on the site.
NODE_PYODIDE = REPO_ROOT / "node_modules" / "pyodide"
NODE_SCRIPT = Path(__file__).with_name("compile_in_pyodide.mjs")
# Where compiled results are cached; `make bench` points it elsewhere to time a build with a cold cache.
CACHE_ROOT = Path(os.environ.get("FLOWCHART_CACHE") or REPO_ROOT / ".cache")
# Both halves of the compiler decide the output's bytes.
COMPILER = (NODE_SCRIPT, Path(__file__).with_name("pyodide_bytecode.py"))


class CompileFailed(BuildError):
    pass


def cache_key(source, options, node_pyodide=NODE_PYODIDE, compiler=COMPILER):
    """A digest of the input, the compiler, the options and the Pyodide version (whose CPython
    decides the bytecode's format)."""
    parts = (
        Path(source).read_bytes(),
        *(Path(script).read_bytes() for script in compiler),
        json.dumps(options, sort_keys=True).encode(),
        (Path(node_pyodide) / "package.json").read_bytes(),
    )
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:16]


def compiled(step, source, options, cache_root, node_pyodide=NODE_PYODIDE):
    """Path of `source` compiled by `step` (see pyodide_bytecode.py), compiling it on a cache miss."""
    if not (Path(node_pyodide) / "package.json").is_file():
        raise CompileFailed(f"{node_pyodide} not found: run `npm ci` (or `make build`) first.")
    cached = Path(cache_root) / cache_key(source, options, node_pyodide) / Path(source).name
    if not cached.is_file():
        compile_into(cached, step, source, options, node_pyodide)
    return cached


def compile_into(target, step, source, options, node_pyodide):
    node = shutil.which("node")
    if node is None:
        raise CompileFailed(f"Node.js 20+ is needed to compile {Path(source).name} for Pyodide")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside its final name and renamed, so an interrupted build never leaves half a zip.
    handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".partial")
    os.close(handle)
    try:
        result = subprocess.run(
            [node, str(NODE_SCRIPT), str(node_pyodide), step, str(source), partial, json.dumps(options)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise CompileFailed(f"compiling {Path(source).name} with Pyodide failed:\n{result.stdout}{result.stderr}")
        os.replace(partial, target)
    finally:
        Path(partial).unlink(missing_ok=True)
