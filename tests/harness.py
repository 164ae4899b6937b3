"""What the tests and the benchmarks share: building the site, serving it on loopback, and
launching headless Chromium (Debian's, where installed; browsers cannot be downloaded here)."""

import functools
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SYSTEM_CHROMIUM = "/usr/bin/chromium"


def build_site(site_dir, *extra_args, cwd=REPO_ROOT, env=None):
    """`mkdocs build --strict` into site_dir; returns the CompletedProcess. A copy of the project
    (copy_repo) shares the project's Pyodide compile caches, which are keyed by content, so a
    variant build compiles nothing the project's own build has compiled."""
    shared_cache = {"FLOWCHART_CACHE": str(REPO_ROOT / ".cache")}
    return subprocess.run(
        [str(VENV_BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir), *extra_args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**shared_cache, **os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def copy_repo(copy):
    """Copy the project to `copy`, to build a variant of it (node_modules linked, not copied)."""
    shutil.copytree(
        REPO_ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "site", ".cache", "__pycache__", ".pytest_cache"
        ),
    )
    (copy / "node_modules").symlink_to(REPO_ROOT / "node_modules")
    return copy


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser closed mid-download (a context closed, a test or benchmark run finished):
        # normal here, and not worth a traceback.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(folder, handler=QuietHandler):
    """Serve a folder over HTTP on 127.0.0.1 (a free port) for the length of a `with` block."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_launch_options():
    options = {
        "headless": True,
        # Chromium's own background traffic would be refused by a closed network; it is not ours.
        "args": ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
    }
    executable = SYSTEM_CHROMIUM if os.path.exists(SYSTEM_CHROMIUM) else shutil.which("chromium")
    if executable:
        options["executable_path"] = executable
    return options
