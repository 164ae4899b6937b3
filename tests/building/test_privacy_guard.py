"""The build itself refuses anything that would make a page load from another host."""

import pytest

from ..harness import build_site


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="https://example.com/tracker.png" alt="">',
        '<link rel="stylesheet" href="https://cdn.example.com/style.css">',
        '<script src="https://cdn.example.com/lib.js"></script>',
    ],
    ids=["image", "stylesheet", "script"],
)
def test_an_external_asset_in_any_page_fails_the_build(repo_copy, markup):
    page = repo_copy / "docs" / "guidance" / "consent.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + markup + "\n", encoding="utf-8")
    result = build_site(repo_copy / "out", cwd=repo_copy)
    assert result.returncode != 0
    assert "External file" in result.stdout + result.stderr
