"""What Pyodide compiles (the standard library, the engine's wheel) is cached by what decides its
bytes, and reused."""

import json

from sitebuild import pyodide_compile, stdlib
from sitebuild.pyodide_compile import cache_key
from sitebuild.wheel import build_wheel, source_wheel


def fake_pyodide(folder, version="314.0.7"):
    folder.mkdir(exist_ok=True)
    (folder / "package.json").write_text(json.dumps({"version": version}))
    (folder / stdlib.STDLIB_NAME).write_bytes(b"stock")
    return folder


def forbid_compiling(monkeypatch):
    def compile_again(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(pyodide_compile.subprocess, "run", compile_again)


def test_the_cache_key_follows_the_input_the_compiler_the_options_and_pyodide(tmp_path):
    pyodide = fake_pyodide(tmp_path / "pyodide")
    archive = pyodide / stdlib.STDLIB_NAME
    compiler = (tmp_path / "compile.mjs", tmp_path / "bytecode.py")
    for script in compiler:
        script.write_text("script")
    options = stdlib.options_for("compiled")
    key = cache_key(archive, options, pyodide, compiler)
    assert key == cache_key(archive, dict(options), pyodide, compiler)
    assert key != cache_key(archive, stdlib.options_for("compiled-with-sources"), pyodide, compiler)
    compiler[1].write_text("changed")
    assert key != cache_key(archive, options, pyodide, compiler)
    compiler[1].write_text("script")
    archive.write_bytes(b"another zip")
    assert key != cache_key(archive, options, pyodide, compiler)
    archive.write_bytes(b"stock")
    fake_pyodide(pyodide, version="315.0.0")
    assert key != cache_key(archive, options, pyodide, compiler)


def test_a_cached_standard_library_is_reused_without_compiling(tmp_path, monkeypatch):
    pyodide = fake_pyodide(tmp_path / "pyodide")
    options = stdlib.options_for("compiled")
    cached = tmp_path / "cache" / cache_key(pyodide / stdlib.STDLIB_NAME, options, pyodide) / stdlib.STDLIB_NAME
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"compiled")
    forbid_compiling(monkeypatch)
    assert stdlib.stdlib_for(pyodide, "compiled", tmp_path / "cache") == cached


def test_a_cached_wheel_is_reused_without_compiling(tmp_path, monkeypatch):
    # Hatchling's wheel is reproducible, so this one has the key of the one build_wheel makes.
    source = source_wheel(tmp_path / "source")
    cached = tmp_path / "cache" / cache_key(source, {}) / source.name
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"compiled")
    forbid_compiling(monkeypatch)
    built = build_wheel(tmp_path / "out", cache_root=tmp_path / "cache")
    assert built == tmp_path / "out" / source.name
    assert built.read_bytes() == b"compiled"


def test_the_trimmed_variant_reads_its_list_of_modules():
    keep = stdlib.options_for("trimmed")["keep"]
    assert {"encodings", "json", "pyodide", "_pyodide", "dataclasses", "urllib", "html", "datetime"} <= set(keep)
    assert stdlib.options_for("stock") is None
