"""The build itself refuses anything that would make a page load from another host."""

import re

from ..harness import build_site

# One of each kind of external file, each put into a different page of one build: the build
# must fail and name every one (Material's privacy plugin, in guard mode, reports each file).
EXTERNAL = {
    "guidance/consent.md": ("https://example.com/tracker.png", '<img src="https://example.com/tracker.png" alt="">'),
    "guidance/myths.md": (
        "https://cdn.example.com/style.css",
        '<link rel="stylesheet" href="https://cdn.example.com/style.css">',
    ),
    "guidance/recording.md": (
        "https://cdn.example.com/lib.js",
        '<script src="https://cdn.example.com/lib.js"></script>',
    ),
}


def test_an_external_image_stylesheet_or_script_in_any_page_fails_the_build_naming_each(repo_copy):
    for page_path, (_, markup) in EXTERNAL.items():
        page = repo_copy / "docs" / page_path
        page.write_text(page.read_text(encoding="utf-8") + "\n\n" + markup + "\n", encoding="utf-8")
    result = build_site(repo_copy / "out", cwd=repo_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for page_path, (url, _) in EXTERNAL.items():
        assert re.search(rf"External file: {re.escape(url)}\W+.*in '{re.escape(page_path)}'", output), (
            url,
            output[-3000:],
        )
