"""`make preview` (mkdocs serve with hooks/preview.py), driven as a web officer uses it: an
edited page updates in the open browser by itself, a chart change reaches its page and its static
fallback, and a mistake shows as a message on the page while the preview keeps serving."""

import os
import re
import socket
import subprocess
import threading
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from ..browser.flowchart_driver import wait_for_engine
from ..harness import REPO_ROOT, VENV_BIN

pytestmark = pytest.mark.browser
REBUILD = 90_000  # ms: a rebuild of the whole site takes about 10 s on 2 cores, far more under load


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(repo_copy):
    """`mkdocs serve` in a copy of the project; yields (url, process, log lines)."""
    port = free_port()
    process = subprocess.Popen(
        [str(VENV_BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=repo_copy,
        env={"FLOWCHART_CACHE": str(REPO_ROOT / ".cache"), **os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + REBUILD / 1000
    while True:
        assert process.poll() is None, "".join(lines)
        try:
            urllib.request.urlopen(url, timeout=5).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.5)
    try:
        yield url, process, lines
    finally:
        process.terminate()
        process.wait(timeout=30)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fetched(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_the_preview_follows_edits_and_keeps_serving_through_a_mistake(preview, repo_copy, browser):
    url, process, log = preview
    page = browser.new_page()
    try:
        page.goto(url + "flowchart/when-and-how/")
        assert wait_for_engine(page, "when-and-how") == "pyodide"

        # A chart: its question, in the running chart and in the static fallback, with no reload
        # asked for.
        question = "Is there a clear and legitimate purpose for sharing the information?"
        edited = "Is there a clear, legitimate purpose for sharing what you know?"
        edit(repo_copy / "flowchart" / "charts" / "when-and-how.yaml", question, edited)
        expect(page.locator(".flowchart-live .flowchart-heading")).to_have_text(edited, timeout=REBUILD)
        assert wait_for_engine(page, "when-and-how") == "pyodide"
        served = fetched(url + "flowchart/when-and-how/")
        assert edited in served  # the static chart is built from it too
        assert "javascripts/offline" not in served  # no service worker to answer with old pages
        assert "data-snapshot='null'" in served  # so no snapshot for a page to start from, none made

        # A mistake in the settings: the message, naming the key, on the page; still serving.
        settings = repo_copy / "partnership.yml"
        shipped = settings.read_text(encoding="utf-8")
        edit(settings, "\nshort_name:", "\nshort_nmae:")
        problem = page.locator(".preview-problem")
        expect(problem).to_contain_text("partnership.yml: key 'short_nmae' is not a known key", timeout=REBUILD)
        expect(problem).to_have_attribute("role", "alert")
        assert process.poll() is None
        assert "short_nmae" in fetched(url + "guidance/consent/")  # every page says so
        assert edited in fetched(url + "flowchart/when-and-how/")  # the last build that worked

        # Fixed: the message goes by itself, and a page edit shows.
        settings.write_text(shipped, encoding="utf-8")
        expect(problem).to_have_count(0, timeout=REBUILD)
        page.goto(url + "guidance/consent/")
        edit(repo_copy / "docs" / "guidance" / "consent.md", "\n# ", "\nA line added in the preview.\n\n# ")
        expect(page.get_by_text("A line added in the preview.")).to_be_visible(timeout=REBUILD)
    finally:
        page.close()
    assert "Traceback" not in "".join(log)


def test_the_preview_leaves_the_offline_copy_out_and_a_built_site_keeps_its_strict_policy(built_site):
    """Only the preview drops the service worker and lets the reload script run."""
    page = (built_site / "guidance" / "consent" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="[./]*javascripts/offline\.[0-9a-f]+\.js">', page)
    policy = next(line for line in page.splitlines() if "Content-Security-Policy" in line)
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
