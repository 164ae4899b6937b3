"""Pyodide imports the engine from the bytecode in the site's wheel, not by compiling its sources.

The check wraps the two ways the import system can get a module's code (unmarshal the .pyc, or
compile the source); the tests without bytecode and with a stale .pyc show that it can fail."""

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from sitebuild.wheel import source_wheel

HERE = Path(__file__).resolve().parent
SITE_PACKAGES = "/lib/python3.14/site-packages"


def import_origins(wheel, built_site):
    """The report of import_origin.mjs for the wheel, with the site's standard library."""
    node = shutil.which("node")
    assert node, "Node.js 20+ is needed to run Pyodide"
    (stdlib,) = built_site.glob("assets/pyodide/*/python_stdlib-*.zip")
    result = subprocess.run(
        [node, str(HERE / "import_origin.mjs"), str(wheel), str(stdlib)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def with_edited_source(wheel, module, folder):
    """A copy of the wheel whose `module` source changed after it was compiled."""
    folder.mkdir()
    edited = folder / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data + b"\n# edited after compiling\n" if info.filename == module else data)
    return edited


@pytest.mark.slow
def test_the_installed_engine_imports_from_its_bytecode(built_site, site_wheel):
    report = import_origins(site_wheel, built_site)
    modules = report["modules"]
    assert "flowchart.web" in modules
    assert {name: module["origin"] for name, module in modules.items()} == dict.fromkeys(modules, "bytecode")
    for name, module in modules.items():
        assert module["file"].startswith(f"{SITE_PACKAGES}/flowchart/"), name
        assert "/__pycache__/" in module["cached"], name
        # dfile: tracebacks name the installed source.
        assert module["compiled_as"] == module["file"], name
    with zipfile.ZipFile(site_wheel) as archive:
        magics = {archive.read(name)[:4].hex() for name in archive.namelist() if name.endswith(".pyc")}
    assert magics == {report["magic"]}


@pytest.mark.slow
def test_without_bytecode_every_module_is_compiled_from_source(built_site, tmp_path):
    modules = import_origins(source_wheel(tmp_path), built_site)["modules"]
    assert {module["origin"] for module in modules.values()} == {"source"}


@pytest.mark.slow
def test_a_stale_pyc_is_not_used(built_site, site_wheel, tmp_path):
    wheel = with_edited_source(site_wheel, "flowchart/errors.py", tmp_path / "edited")
    origins = {name: module["origin"] for name, module in import_origins(wheel, built_site)["modules"].items()}
    assert origins.pop("flowchart.errors") == "source"
    assert set(origins.values()) == {"bytecode"}
