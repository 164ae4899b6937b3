"""Every test file on disk is collected: a file pytest never collects never runs, so it can never
fail. (pytest skips folders it treats as build output, such as any folder named `build`, without a
word; this is how 76 tests once went unrun.)"""

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO_ROOT = TESTS.parent


def collected_files():
    """The test files a plain `pytest` (the README's and CI's command) collects."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {line.split("::", 1)[0] for line in result.stdout.splitlines() if "::" in line}


def test_every_test_file_on_disk_is_collected():
    on_disk = {path.relative_to(REPO_ROOT).as_posix() for path in TESTS.rglob("test_*.py")}
    assert on_disk, "no test files found"
    assert sorted(on_disk - collected_files()) == []
