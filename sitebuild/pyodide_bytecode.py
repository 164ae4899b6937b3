"""Compile steps that run inside Pyodide's own CPython, started under Node by compile_in_pyodide.mjs.

Never run by the build host's Python: bytecode only loads in the CPython version that wrote it.
Each step reads an archive and writes a reproducible one (entries in a fixed order, one fixed
timestamp), so the same input always gives the same bytes and the same content hash on the site.
Even this file's imports can change those bytes (marshal marks strings shared with loaded modules
differently), which is one reason the cache key covers it.
"""

import base64
import csv
import hashlib
import importlib.util
import io
import json
import py_compile
import site
import sys
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from py_compile import PycInvalidationMode

# Zip entries carry a timestamp; a fixed one makes the archives reproducible.
EPOCH = (1980, 1, 1, 0, 0, 0)


def run(step, source, output, options_json):
    """Run a step on the archive `source`, writing the result to `output`; return a JSON summary."""
    summary = STEPS[step](source, output, json.loads(options_json))
    return json.dumps({**summary, "magic": importlib.util.MAGIC_NUMBER.hex(), "python": sys.version.split()[0]})


def compile_stdlib(source, output, options):
    """The standard library zip with a .pyc beside each module, optionally trimmed and without sources.

    options: {"drop_sources": bool, "keep": [top-level names] | null}; keep, when given, trims the
    archive to those top-level modules and packages. The .pyc are hash-based and unchecked
    (PEP 552): they never look at a source file or a timestamp, so they load from the zip as they are.
    """
    keep = set(options["keep"]) if options.get("keep") else None
    # Where the runtime mounts the archive: compiled-in file names then match what tracebacks of
    # the stock, source-compiled modules would show.
    runtime_zip = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
    entries = []
    with extracted(source) as (folder, names):
        for name in names:
            if keep is not None and name.split("/")[0].removesuffix(".py") not in keep:
                continue
            if name.endswith(".py"):
                # zipimport looks for name.pyc beside name.py (not in __pycache__).
                pyc = bytecode(folder / name, f"{runtime_zip}/{name}", PycInvalidationMode.UNCHECKED_HASH)
                entries.append((name + "c", pyc))
                if options.get("drop_sources"):
                    continue
            entries.append((name, (folder / name).read_bytes()))
    write_zip(output, entries)
    return {"compiled": sum(name.endswith(".pyc") for name, _ in entries)}


def compile_wheel(source, output, options):
    """The wheel with a .pyc for each module, where the import system looks for it once Pyodide has
    unpacked the wheel into site-packages, and a RECORD that lists them.

    The .pyc are hash-based and checked (PEP 552): the sources stay in the wheel for readable
    tracebacks, the import system compares their hash with the one in the .pyc whatever mtimes the
    unpacking gave the files, and it compiles the source instead if the two ever differ.
    """
    # Where Pyodide's package loader unpacks a wheel whose lockfile entry says install_dir "site".
    site_packages = site.getsitepackages()[0]
    with extracted(source) as (folder, names):
        record = next(name for name in names if is_metadata(name) and name.endswith("/RECORD"))
        files = {name: (folder / name).read_bytes() for name in names if name != record}
        modules = [name for name in names if name.endswith(".py") and not is_metadata(name)]
        for name in modules:
            # cache_from_source gives the path this interpreter's import system looks for:
            # __pycache__/<module>.<sys.implementation.cache_tag>.pyc
            pyc = bytecode(folder / name, f"{site_packages}/{name}", PycInvalidationMode.CHECKED_HASH)
            files[importlib.util.cache_from_source(name)] = pyc
    files[record] = record_of(files, record)
    write_zip(output, sorted(files.items(), key=lambda entry: wheel_order(entry[0], record)))
    return {"compiled": len(modules)}


def is_metadata(name):
    return name.split("/")[0].endswith(".dist-info")


def wheel_order(name, record):
    """Sort key: the packages, then the .dist-info folder with RECORD last, as the wheel spec advises."""
    return (name == record, is_metadata(name), name)


def record_of(files, record):
    """RECORD (wheel spec): every other file with its sha256 (urlsafe base64, unpadded) and size."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    for name in sorted(files, key=lambda name: wheel_order(name, record)):
        digest = base64.urlsafe_b64encode(hashlib.sha256(files[name]).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={digest}", len(files[name])])
    writer.writerow([record, "", ""])
    return text.getvalue().encode()


@contextmanager
def extracted(archive):
    """The archive unpacked into a temporary folder (py_compile reads files), and its sorted file names."""
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(archive) as source:
        source.extractall(folder)
        yield Path(folder), sorted(name for name in source.namelist() if not name.endswith("/"))


def bytecode(path, dfile, invalidation_mode):
    """The .pyc of the source file at `path`, naming `dfile` as its file in tracebacks."""
    cfile = f"{path}c"
    py_compile.compile(str(path), cfile=cfile, dfile=dfile, doraise=True, invalidation_mode=invalidation_mode)
    return Path(cfile).read_bytes()


def write_zip(path, entries):
    """A zip of (name, bytes) entries in the order given, all with one timestamp and mode."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


STEPS = {"stdlib": compile_stdlib, "wheel": compile_wheel}
