"""Every built page is valid HTML by the Nu HTML Checker (the W3C validator, npm `vnu-jar`, run
offline under Java), including the markup Material writes (repaired by hooks/accessibility.py)."""

import json
import shutil
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
VNU = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(pages):
    """The checker's errors for `pages`, as (file name, line, message)."""
    assert VNU.is_file(), "the Nu HTML Checker is missing: run `make setup` (npm package vnu-jar)"
    assert shutil.which("java"), "Java is missing: `make java` installs it"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    # A page the checker could not read is a failure too, never a silent pass.
    assert result.returncode == (1 if messages else 0), result.stderr[-2000:]
    return [("/".join(m.get("url", "?").rsplit("/", 2)[-2:]), m.get("lastLine"), m["message"]) for m in messages]


def test_the_checker_finds_what_it_should(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        "<p><details><summary>s</summary></details></p>"
        '<a href="/"><abbr tabindex="0" title="x">X</abbr></a>'
        '<label for="c" tabindex="">L</label><input type="checkbox" id="c" autocomplete="off">'
        "</body></html>",
        encoding="utf-8",
    )
    found = " ".join(message for _, _, message in nu_errors([page]))
    for expected in ("“p” end tag", "descendant of the “a” element", "tabindex", "autocomplete"):
        assert expected in found, (expected, found)


def test_every_built_page_is_valid_html(built_site):
    pages = sorted(path for path in built_site.rglob("*.html") if "assets" not in path.relative_to(built_site).parts)
    assert len(pages) > 30
    errors = nu_errors(pages)
    assert not errors, "\n".join(f"{page}:{line}: {message}" for page, line, message in errors[:40])
