"""The compiled standard library is cached by what decides its bytes, and reused."""

from sitebuild import stdlib


def test_the_cache_key_follows_the_archive_the_script_and_the_options(tmp_path):
    archive, script = tmp_path / "stdlib.zip", tmp_path / "compile.mjs"
    archive.write_bytes(b"zip")
    script.write_text("script")
    options = stdlib.options_for("compiled")
    key = stdlib.cache_key(archive, options, script)
    assert key == stdlib.cache_key(archive, dict(options), script)
    assert key != stdlib.cache_key(archive, stdlib.options_for("compiled-with-sources"), script)
    script.write_text("changed")
    assert key != stdlib.cache_key(archive, options, script)
    archive.write_bytes(b"another zip")
    assert key != stdlib.cache_key(archive, options, tmp_path / "compile.mjs")


def test_a_cached_archive_is_reused_without_compiling(tmp_path, monkeypatch):
    pyodide = tmp_path / "pyodide"
    pyodide.mkdir()
    (pyodide / stdlib.STDLIB_NAME).write_bytes(b"stock")
    options = stdlib.options_for("compiled")
    cached = tmp_path / "cache" / stdlib.cache_key(pyodide / stdlib.STDLIB_NAME, options) / stdlib.STDLIB_NAME
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"compiled")
    monkeypatch.setattr(stdlib.subprocess, "run", lambda *a, **k: (_ for _ in ()).throw(AssertionError("compiled again")))
    assert stdlib.compiled_stdlib(pyodide, options, tmp_path / "cache") == cached


def test_the_trimmed_variant_reads_its_list_of_modules():
    keep = stdlib.options_for("trimmed")["keep"]
    assert {"encodings", "json", "pyodide", "_pyodide", "dataclasses", "urllib", "html", "datetime"} <= set(keep)
    assert stdlib.options_for("stock") is None
