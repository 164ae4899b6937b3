"""Fixtures for build tests that need a variant of the project."""

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def repo_copy(tmp_path):
    """A copy of the project, to build a deliberately broken variant of (node_modules linked)."""
    copy = tmp_path / "repo"
    shutil.copytree(
        REPO_ROOT,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".cache", "__pycache__", ".pytest_cache"),
    )
    (copy / "node_modules").symlink_to(REPO_ROOT / "node_modules")
    return copy
