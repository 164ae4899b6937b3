"""Fixtures shared by the CPython test suite: compiled charts, a freshly built site served on
loopback, and headless Chromium."""

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SYSTEM_CHROMIUM = "/usr/bin/chromium"


def pytest_configure(config):
    # The engine loads compiled charts from flowchart/compiled/, exactly as the wheel ships them.
    # Compile before collection, because tests are parametrised over the chart ids.
    from sitebuild.charts import compile_all

    compile_all()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The whole site, built once per test run with `mkdocs build --strict` into a temporary dir."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def build_site(site_dir, *extra_args, env=None):
    return subprocess.run(
        [str(VENV_BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir), *extra_args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served over HTTP on 127.0.0.1 (a free port)."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def chromium_launch_options():
    options = {"headless": True}
    if os.path.exists(SYSTEM_CHROMIUM) or shutil.which("chromium"):
        options["executable_path"] = SYSTEM_CHROMIUM if os.path.exists(SYSTEM_CHROMIUM) else shutil.which("chromium")
    # Chromium's own background traffic would be refused by a closed network; it is not ours.
    options["args"] = ["--disable-background-networking", "--disable-component-update", "--no-first-run"]
    return options


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_options())
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
