"""The standard library the site ships to Pyodide: compiled to bytecode by Pyodide itself, cached.

Pyodide's npm package ships `python_stdlib.zip` as sources, and compiling them is most of its
start-up time. sitebuild/compile_stdlib.mjs compiles them once, at build time, with Pyodide's own
CPython under Node (the host's Python writes bytecode of the wrong version). The result is cached
under .cache/pyodide-stdlib/<key>/, keyed by everything that decides its bytes, so an unchanged
Pyodide is compiled once per machine rather than once per build.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .charts import REPO_ROOT

COMPILE_SCRIPT = Path(__file__).with_name("compile_stdlib.mjs")
# `make bench` points this elsewhere to time a build with a cold cache.
CACHE_ROOT = Path(os.environ.get("FLOWCHART_STDLIB_CACHE") or REPO_ROOT / ".cache" / "pyodide-stdlib")
STDLIB_NAME = "python_stdlib.zip"

# The variants `make bench` compares; the site ships DEFAULT_VARIANT. `None` is the stock archive.
# "compiled" drops the sources: the bytecode is what runs, and the sources would add 2.5 MB to the
# download for nothing but source lines in stdlib tracebacks (jsDelivr's /pyc/ build does the same).
# "trimmed" also drops the modules neither Pyodide's start-up nor the engine imports
# (stdlib_keep.txt): 2.5 MB instead of 4.5 to download and as fast to start, so it is shipped;
# tests/pyodide/test_trimmed_stdlib.py makes sure it holds everything the engine needs.
VARIANTS = {
    "stock": None,
    "compiled": {"drop_sources": True, "keep": None},
    "compiled-with-sources": {"drop_sources": False, "keep": None},
    "trimmed": {"drop_sources": True, "keep": "stdlib_keep.txt"},
}
DEFAULT_VARIANT = "trimmed"
# Set by `make bench` to build the other variants; never set for the published site.
VARIANT_ENV = "FLOWCHART_STDLIB_VARIANT"


class CompileFailed(RuntimeError):
    pass


def variant_from_env():
    name = os.environ.get(VARIANT_ENV) or DEFAULT_VARIANT
    if name not in VARIANTS:
        raise CompileFailed(f"{VARIANT_ENV}={name!r}: choose one of {', '.join(VARIANTS)}")
    return name


def options_for(variant):
    """The compile options of a variant, with a `keep` file read into its list of names."""
    options = VARIANTS[variant]
    if options is None or not isinstance(options.get("keep"), str):
        return options
    lines = Path(__file__).with_name(options["keep"]).read_text(encoding="utf-8").splitlines()
    return {**options, "keep": sorted({line.split("#")[0].strip() for line in lines} - {""})}


def stdlib_for(node_pyodide, variant=DEFAULT_VARIANT, cache_root=CACHE_ROOT):
    """The archive to ship for a variant: the stock one, or a compiled one from the cache."""
    options = options_for(variant)
    if options is None:
        return Path(node_pyodide) / STDLIB_NAME
    return compiled_stdlib(node_pyodide, options, cache_root)


def cache_key(stdlib_zip, options, script=COMPILE_SCRIPT):
    digest = hashlib.sha256()
    for part in (Path(stdlib_zip).read_bytes(), Path(script).read_bytes(), json.dumps(options, sort_keys=True).encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:16]


def compiled_stdlib(node_pyodide, options, cache_root=CACHE_ROOT):
    """Path of the compiled standard library for this Pyodide, compiling it on a cache miss."""
    source = Path(node_pyodide) / STDLIB_NAME
    cached = Path(cache_root) / cache_key(source, options) / STDLIB_NAME
    if cached.is_file():
        return cached
    node = shutil.which("node")
    if node is None:
        raise CompileFailed("Node.js 20+ is needed to compile the standard library for Pyodide")
    cached.parent.mkdir(parents=True, exist_ok=True)
    # Written beside its final name and renamed, so an interrupted build never leaves half a zip.
    handle, partial = tempfile.mkstemp(dir=cached.parent, suffix=".partial")
    os.close(handle)
    try:
        result = subprocess.run(
            [node, str(COMPILE_SCRIPT), str(node_pyodide), str(source), partial, json.dumps(options)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise CompileFailed(f"compiling the standard library failed:\n{result.stdout}{result.stderr}")
        os.replace(partial, cached)
    finally:
        Path(partial).unlink(missing_ok=True)
    return cached
