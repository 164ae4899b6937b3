"""The weekly external link check (.github/workflows/links.yml), run here as the workflow runs it
but on saved pages, because this machine cannot reach other sites: lychee finds every link from a
built page to another site, and its report names a broken link and the page it is on."""

import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import yaml

from ..harness import REPO_ROOT, serve

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "links.yml"
LYCHEE = Path(sys.executable).parent / "lychee"


def workflow_command():
    """The link-check step's command, as a list of arguments, lychee named by its path here."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["links"]["steps"]
    (run,) = [step["run"] for step in steps if step.get("run", "").startswith(".venv/bin/lychee ")]
    command = shlex.split(run)
    assert command[0] == ".venv/bin/lychee"
    return [str(LYCHEE), *command[1:]]


def run_in(folder, *extra):
    return subprocess.run([*workflow_command(), *extra], cwd=folder, capture_output=True, text=True, timeout=120)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and re.match(r"https?://", value):
                self.found.add(value)


def links_in(html):
    parser = _Links()
    parser.feed(html)
    return parser.found


def test_the_link_check_finds_every_link_to_another_site_on_a_saved_page(built_site, tmp_path):
    page = "about/law-and-guidance/index.html"  # the register: every source the site relies on
    saved = tmp_path / "site" / page
    saved.parent.mkdir(parents=True)
    saved.write_bytes((built_site / page).read_bytes())
    result = run_in(tmp_path, "--dump")
    assert result.returncode == 0, result.stderr
    listed = (tmp_path / "lychee.md").read_text(encoding="utf-8")  # the step's --output
    dumped = {line.strip() for line in listed.splitlines() if line.strip()}
    expected = links_in(saved.read_text(encoding="utf-8"))
    assert len(expected) > 40
    assert dumped == expected


class _Gone(SimpleHTTPRequestHandler):
    def do_GET(self):
        self.send_response(404 if self.path == "/gone" else 200)
        self.end_headers()

    def log_message(self, format, *args):
        pass


def test_the_link_check_reports_a_broken_link_with_its_page(tmp_path):
    with serve(tmp_path, handler=_Gone) as other_site:
        saved = tmp_path / "site" / "guidance" / "consent" / "index.html"
        saved.parent.mkdir(parents=True)
        saved.write_text(
            f'<!doctype html><html lang="en"><title>Saved</title><p><a href="{other_site}found">Found</a> '
            f'<a href="{other_site}gone">Gone</a> <a href="tel:999">999</a> <a href="../">Home</a></p></html>',
            encoding="utf-8",
        )
        result = run_in(tmp_path)
    report = (tmp_path / "lychee.md").read_text(encoding="utf-8")
    assert result.returncode != 0, report  # broken links found; the workflow's step carries on
    assert f"{other_site}gone" in report and "404" in report, report
    assert "site/guidance/consent/index.html" in report, report
    assert f"{other_site}found" not in report.split("## Errors", 1)[-1], report
