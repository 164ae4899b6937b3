"""The GitHub workflows are valid (check-jsonschema, with the GitHub workflow schema it ships) and
free of the security problems zizmor finds at medium severity or above, both offline."""

import subprocess
import sys
from pathlib import Path

from ..harness import REPO_ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))


def zizmor(folder):
    return subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--min-severity", "medium", str(folder)],
        capture_output=True,
        text=True,
    )


def test_every_workflow_fits_githubs_workflow_schema():
    assert len(WORKFLOWS) >= 3
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    result = zizmor(REPO_ROOT / ".github" / "workflows")
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_would_catch_an_action_pinned_by_tag(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    text = (REPO_ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    (folder / "ci.yml").write_text(
        text.replace("@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "@v7"), encoding="utf-8"
    )
    result = zizmor(folder)
    assert result.returncode != 0 and "unpinned" in result.stdout + result.stderr
