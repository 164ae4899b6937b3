"""The site's wheel carries bytecode of Pyodide's CPython for every module of the engine, and stays
a valid, reproducible wheel. (tests/pyodide proves that Pyodide imports the engine from it.)"""

import base64
import csv
import hashlib
import json
import zipfile
from pathlib import PurePosixPath

import pytest

from sitebuild.pyodide_compile import NODE_PYODIDE
from sitebuild.wheel import build_wheel

from ..harness import build_site

# PEP 552 flags: bit 0 says the .pyc is hash-based, bit 1 that the import system checks the hash.
CHECKED_HASH_FLAGS = 0b11


def pyodide_cache_tag():
    python = json.loads((NODE_PYODIDE / "pyodide-lock.json").read_text())["info"]["python"]
    major, minor = python.split(".")[:2]
    return f"cpython-{major}{minor}"


def stdlib_magic(built_site):
    """The magic number of the site's standard library, compiled by Pyodide (tests/pyodide checks
    it against the runtime's importlib.util.MAGIC_NUMBER)."""
    (stdlib,) = built_site.glob("assets/pyodide/*/python_stdlib-*.zip")
    with zipfile.ZipFile(stdlib) as archive:
        (magic,) = {archive.read(name)[:4] for name in archive.namelist() if name.endswith(".pyc")}
    return magic


def expected_pyc(module, tag):
    path = PurePosixPath(module)
    return str(path.parent / "__pycache__" / f"{path.stem}.{tag}.pyc")


def test_every_module_has_checked_hash_bytecode_of_pyodides_python(built_site, site_wheel):
    magic = stdlib_magic(built_site)
    with zipfile.ZipFile(site_wheel) as wheel:
        names = wheel.namelist()
        modules = [name for name in names if name.startswith("flowchart/") and name.endswith(".py")]
        assert "flowchart/web.py" in modules
        pycs = {name for name in names if name.endswith(".pyc")}
        assert pycs == {expected_pyc(module, pyodide_cache_tag()) for module in modules}
        for pyc in pycs:
            header = wheel.read(pyc)[:16]
            assert header[:4] == magic, pyc
            assert int.from_bytes(header[4:8], "little") == CHECKED_HASH_FLAGS, pyc


def test_the_record_lists_every_file_with_its_sha256_and_size(site_wheel):
    with zipfile.ZipFile(site_wheel) as wheel:
        names = wheel.namelist()
        record = names[-1]
        assert record.endswith(".dist-info/RECORD")
        rows = list(csv.reader(wheel.read(record).decode().splitlines()))
        assert [row[0] for row in rows] == names
        for name, digest, size in rows[:-1]:
            data = wheel.read(name)
            assert digest == "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert int(size) == len(data)
        assert rows[-1] == [record, "", ""]


@pytest.mark.slow
def test_an_unchanged_package_gives_a_byte_identical_wheel(site_wheel, tmp_path):
    # Separate, empty caches: both builds compile in Pyodide rather than reuse one result.
    first = build_wheel(tmp_path / "first", cache_root=tmp_path / "cache-first")
    second = build_wheel(tmp_path / "second", cache_root=tmp_path / "cache-second")
    assert first.read_bytes() == second.read_bytes() == site_wheel.read_bytes()


def test_without_node_the_build_stops_with_a_clear_message(repo_copy, tmp_path):
    # An empty cache, so the wheel has to be compiled, and nothing on PATH can do it.
    empty = tmp_path / "empty-path"
    empty.mkdir()
    result = build_site(
        tmp_path / "site", cwd=repo_copy, env={"PATH": str(empty), "FLOWCHART_CACHE": str(tmp_path / "cache")}
    )
    assert result.returncode == 1
    assert "Node.js 20+ is needed to compile flowchart-" in result.stderr
