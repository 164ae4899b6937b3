"""The standard library the site ships to Pyodide: compiled to bytecode by Pyodide itself, cached.

Pyodide's npm package ships `python_stdlib.zip` as sources, and compiling them is most of its
start-up time. The build compiles them once with Pyodide's own CPython under Node (the `stdlib`
step of sitebuild/pyodide_bytecode.py; the host's Python writes bytecode of the wrong version).
The result is cached under .cache/pyodide-stdlib/<key>/, keyed by everything that decides its
bytes, so an unchanged Pyodide is compiled once per machine rather than once per build.
"""

import os
from pathlib import Path

from . import pyodide_compile
from .pyodide_compile import CompileFailed

CACHE_ROOT = pyodide_compile.CACHE_ROOT / "pyodide-stdlib"
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
    stock = Path(node_pyodide) / STDLIB_NAME
    options = options_for(variant)
    if options is None:
        return stock
    return pyodide_compile.compiled("stdlib", stock, options, cache_root, node_pyodide)
