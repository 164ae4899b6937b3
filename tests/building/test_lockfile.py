"""Set-up installs exactly the locked packages: requirements.txt (made by `make lock`) pins every
package, direct or not, with hashes, and agrees with every pin in pyproject.toml."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO_ROOT = Path(__file__).resolve().parents[2]
LOCKED = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?P<rest>.*)$")


def locked_packages(text):
    """{name: version} from a hashed requirements file, failing on any entry without a hash."""
    packages = {}
    for entry in re.split(r"\n(?=\S)", text):
        if entry.startswith("#") or not entry.strip():
            continue
        match = LOCKED.match(entry.splitlines()[0])
        assert match, f"not an exact pin: {entry.splitlines()[0]!r}"
        assert "--hash=sha256:" in entry, f"{match['name']} has no hash"
        packages[canonicalize_name(match["name"])] = match["version"]
    return packages


def pinned_in_pyproject():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*project["build-system"]["requires"]]
    for extra in ("docs", "test"):
        wanted += project["project"]["optional-dependencies"][extra]
    for text in wanted:
        requirement = Requirement(text)
        for spec in requirement.specifier:
            if spec.operator == "==":
                yield canonicalize_name(requirement.name), spec.version


def test_the_lockfile_holds_every_pin_of_pyproject_at_its_version():
    locked = locked_packages((REPO_ROOT / "requirements.txt").read_text(encoding="utf-8"))
    pins = list(pinned_in_pyproject())
    assert len(pins) > 15
    for name, version in pins:
        assert locked.get(name) == version, (
            f"{name}: pyproject.toml says {version}, requirements.txt {locked.get(name)}; run `make lock`"
        )
    # Transitive packages are locked too, not left to float.
    assert len(locked) > len(pins) + 20


def test_the_lockfile_check_rejects_an_entry_without_a_hash():
    with pytest.raises(AssertionError, match="markdown has no hash"):
        locked_packages("mkdocs==1.6.1 \\\n    --hash=sha256:ab\nmarkdown==3.11.3\n")


def test_setup_installs_from_the_lockfile_with_hashes():
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes --requirement requirements.txt" in makefile
    assert "--no-deps --no-build-isolation --editable ." in makefile


def test_the_engine_tests_in_pyodide_use_the_locked_versions():
    """The wheels run inside Pyodide (dependency group pyodide-test) are the versions the host
    runs, so pytest and its helpers are pinned once, at one version."""
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    locked = locked_packages((REPO_ROOT / "requirements.txt").read_text(encoding="utf-8"))
    group = [Requirement(text) for text in project["dependency-groups"]["pyodide-test"]]
    assert {canonicalize_name(r.name) for r in group} >= {"pytest", "pluggy"}
    for requirement in group:
        (spec,) = requirement.specifier
        assert spec.version == locked[canonicalize_name(requirement.name)], requirement
