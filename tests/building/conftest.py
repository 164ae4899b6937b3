"""Fixtures for build tests that need a variant of the project."""

import pytest

from ..harness import copy_repo


@pytest.fixture
def repo_copy(tmp_path):
    """A copy of the project, to build a deliberately broken variant of."""
    return copy_repo(tmp_path / "repo")
