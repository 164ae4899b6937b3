"""The engine's memory snapshot (sitebuild/snapshot.py) holds a working engine: every path of
every chart runs from it with nothing installed, it records the wheel it was made from, and the
same inputs make the same bytes."""

import gzip
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild import snapshot

HERE = Path(__file__).resolve().parent
pytestmark = pytest.mark.slow


def shipped(built_site):
    (gzipped,) = built_site.glob("assets/flowchart/*/engine-*.snapshot.gz")
    (archive,) = built_site.glob("assets/pyodide/*/python_stdlib-*.zip")
    (wheel,) = built_site.glob("assets/flowchart/*/flowchart-*.whl")
    return gzipped, archive, wheel


def test_every_path_of_every_chart_runs_from_the_snapshot_with_nothing_installed(built_site, tmp_path):
    node = shutil.which("node")
    assert node, "Node.js 20+ is needed to run the engine in Pyodide"
    gzipped, archive, wheel = shipped(built_site)
    memory = tmp_path / "engine.snapshot"
    memory.write_bytes(snapshot.unpacked(gzip.decompress(gzipped.read_bytes())))
    result = subprocess.run(
        [node, str(HERE / "exercise_snapshot.mjs"), str(memory), str(archive)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    started, summary = (json.loads(line) for line in result.stdout.strip().splitlines()[-2:])
    assert started == {"madeFrom": hashlib.sha256(wheel.read_bytes()).hexdigest(), "sitePackages": []}
    assert summary["records"] > 0 and summary["calls"] > 100, summary


def test_the_same_engine_makes_the_same_snapshot_byte_for_byte(built_site, tmp_path):
    """So that a redeploy of an unchanged engine keeps the snapshot's address, and visitors do not
    download it again."""
    gzipped, archive, wheel = shipped(built_site)
    again = snapshot.snapshot_for(wheel, archive, cache_root=tmp_path)
    assert again.read_bytes() == gzipped.read_bytes()
    # 31 MB of interpreter memory, of which the pages that are not all zeros are stored.
    memory = snapshot.unpacked(gzip.decompress(gzipped.read_bytes()))
    assert len(memory) > 20_000_000
    assert len(gzip.decompress(gzipped.read_bytes())) < len(memory) / 2
