"""The engine's memory snapshot: Pyodide with the flowchart engine imported and every chart
loaded, saved at build time so that a chart page can start its engine from it (see
docs/javascripts/flowchart-engine.mjs for when it does).

make_snapshot.mjs starts the pinned Pyodide under Node from the site's own standard library,
unpacks the engine's wheel and takes the snapshot (snapshot_engine.py). The snapshot is 31 MB
of interpreter memory, so it is shipped packed (`packed`, below) and gzipped, 5 MB, and inflated
in the browser: a server cannot be relied on to compress a file it does not recognise. Like the
bytecode, it is cached by everything that decides its bytes, and the same inputs make the same
bytes (make_snapshot.mjs).
"""

import gzip
import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from . import pyodide_compile
from .errors import BuildError
from .wheel import sha256_of

NODE_SCRIPT = Path(__file__).with_name("make_snapshot.mjs")
# Everything that decides the snapshot's bytes, this file's packing included.
MAKER = (NODE_SCRIPT, Path(__file__).with_name("snapshot_engine.py"), Path(__file__))
CACHE_ROOT = pyodide_compile.CACHE_ROOT / "pyodide-snapshot"
NAME = "engine.snapshot.gz"


class SnapshotFailed(BuildError):
    pass


def made_from(wheel):
    """The id a snapshot carries of the engine inside it, checked by the worker after a start
    from it: the wheel's sha256, as the lockfile records it."""
    return sha256_of(wheel)


def snapshot_for(wheel, stdlib_zip, node_pyodide=pyodide_compile.NODE_PYODIDE, cache_root=CACHE_ROOT):
    """Path of the gzipped snapshot of `wheel` on `stdlib_zip`, made on a cache miss."""
    options = {"stdlib": sha256_of(stdlib_zip)}
    key = pyodide_compile.cache_key(wheel, options, node_pyodide, compiler=MAKER)
    cached = Path(cache_root) / key / NAME
    if not cached.is_file():
        make_into(cached, wheel, stdlib_zip, node_pyodide)
    return cached


def make_into(target, wheel, stdlib_zip, node_pyodide):
    node = shutil.which("node")
    if node is None:
        raise SnapshotFailed("Node.js 20+ is needed to make the engine's memory snapshot")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "engine.snapshot"
        result = subprocess.run(
            [node, str(NODE_SCRIPT), str(node_pyodide), str(stdlib_zip), str(wheel), made_from(wheel), str(raw)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise SnapshotFailed(f"making the engine's memory snapshot failed:\n{result.stdout}{result.stderr}")
        # mtime=0: the same snapshot always gives the same gzipped bytes.
        partial = target.with_suffix(".partial")
        partial.write_bytes(gzip.compress(packed(raw.read_bytes()), compresslevel=9, mtime=0))
        os.replace(partial, target)


# The snapshot is Pyodide's memory: 31 MB, of which 19 MB is zero pages. Stored as they are, the
# browser would inflate all 31 MB; packed, it inflates the 13 MB that are not zeros and lays them
# into zeroed memory (flowchart-engine.mjs, `unpacked`). Layout, little-endian u32s:
#   MAGIC, the memory's length, the number of runs, (offset, length) of each run, then the
#   runs' bytes one after another. A run is a stretch of pages that are not all zeros.
MAGIC = b"FCSNAP01"
PAGE = 4096


def packed(memory):
    runs = []
    for start in range(0, len(memory), PAGE):
        if memory[start : start + PAGE].count(0) == len(memory[start : start + PAGE]):
            continue
        end = min(start + PAGE, len(memory))
        if runs and runs[-1][1] == start:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    header = MAGIC + struct.pack("<II", len(memory), len(runs))
    table = b"".join(struct.pack("<II", start, end - start) for start, end in runs)
    return header + table + b"".join(memory[start:end] for start, end in runs)


def unpacked(data):
    """The memory `packed` stored (for tests and tools: the browser has its own reader)."""
    if data[: len(MAGIC)] != MAGIC:
        raise ValueError("not a packed engine snapshot")
    length, count = struct.unpack_from("<II", data, len(MAGIC))
    memory = bytearray(length)
    at = len(MAGIC) + 8 + 8 * count
    for index in range(count):
        start, size = struct.unpack_from("<II", data, len(MAGIC) + 8 + 8 * index)
        memory[start : start + size] = data[at : at + size]
        at += size
    return bytes(memory)
