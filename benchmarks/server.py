"""A loopback server that compresses like GitHub Pages does, so that byte counts and throttled
timings reflect what the published site sends (the test harness's server sends files as they are)."""

import gzip
import io
import threading
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

from tests.harness import serve

# GitHub Pages gzips text and WebAssembly on the fly; archives (the .zip) are sent as they are.
COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".wasm", ".txt", ".xml"}


class GzipHandler(SimpleHTTPRequestHandler):
    _gzipped: ClassVar[dict] = {}
    _lock = threading.Lock()
    # Body bytes sent, for the benchmark's byte counts: a module worker's requests appear in no
    # page's resource timing, so the server counts instead.
    bytes_sent = 0

    def send_header(self, keyword, value):
        if keyword == "Content-Length":
            with self._lock:
                GzipHandler.bytes_sent += int(value)
        super().send_header(keyword, value)

    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSED_SUFFIXES and path.is_file()) or not self.path.split("?")[
            0
        ].endswith(("/", path.suffix)):
            return super().send_head()
        body = self._compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages
        self.end_headers()
        return io.BytesIO(body)

    @classmethod
    def _compressed(cls, path):
        key = (str(path), path.stat().st_mtime_ns)
        with cls._lock:
            if key not in cls._gzipped:
                cls._gzipped[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            return cls._gzipped[key]


def serve_gzip(folder):
    """Serve folder on 127.0.0.1 (a free port), gzipping like GitHub Pages, for a `with` block."""
    return serve(folder, handler=GzipHandler)
