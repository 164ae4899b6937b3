"""MkDocs hook for the live preview (`make preview`, which is `mkdocs serve`); it does nothing
in `mkdocs build`.

- A mistake does not stop the preview. MkDocs' own server, when a rebuild fails, logs a traceback
  and leaves the browser waiting ("appears stuck"). Here the message (naming the file and the key,
  like the build's) is logged, the last build that worked is put back, and every page of it
  carries the message at its top; the browser reloads to show it, and again once the file is
  fixed.
- Pages are never served from the offline copy: the service worker is left out, because it
  would answer a reload with the page it stored rather than the page just rebuilt.
- The page may run MkDocs' live-reload script (config.extra.live_preview tells hooks/security.py).
"""

import html
import logging
import re
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.preview")
SERVICE_WORKER_SCRIPT = "javascripts/offline.js"
BODY_OPEN = re.compile(r"<body\b[^>]*>")
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_config(config):
    config["extra"]["live_preview"] = _serving
    if _serving:
        config["extra_javascript"] = [s for s in config["extra_javascript"] if str(s) != SERVICE_WORKER_SCRIPT]
    return config


def on_serve(server, config, builder):
    server.builder = PreviewBuilder(server.builder, Path(config["site_dir"]))
    return server


class PreviewBuilder:
    """Rebuilds the preview; on a mistake, serves the last good build with the message on it."""

    def __init__(self, build, site_dir):
        self.build = build
        self.site_dir = site_dir
        self.last_good = Path(tempfile.mkdtemp(prefix="preview-last-good-"))
        self._keep()  # the first build, which `mkdocs serve` made before this hook ran

    def __call__(self):
        errors = _ErrorsLogged()
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            self.build()
        except (Exception, SystemExit) as error:  # MkDocs' Abort is a SystemExit
            # MkDocs logs a hook's error itself and then aborts with a message that names none.
            message = "\n".join(errors.messages) or str(error).strip() or error.__class__.__name__
            log.error(
                "The preview could not be rebuilt; it shows the last build that worked, "
                "with this message, until the mistake is fixed:\n%s",
                message,
            )
            self._restore()
            mark_pages(self.site_dir, message)
        else:
            self._keep()
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)

    def _keep(self):
        shutil.rmtree(self.last_good, ignore_errors=True)
        shutil.copytree(self.site_dir, self.last_good)

    def _restore(self):
        shutil.rmtree(self.site_dir, ignore_errors=True)
        shutil.copytree(self.last_good, self.site_dir)


class _ErrorsLogged(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def mark_pages(site_dir, message):
    """Put the message at the top of every page in site_dir."""
    banner = (
        '<div class="preview-problem" role="alert"><p><strong>Preview: the last change could not '
        "be built.</strong> This is the last version that worked. Fix the file named below and "
        "save it: this page reloads by itself.</p>"
        f"<pre>{html.escape(message)}</pre></div>"
    )
    for page in Path(site_dir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        marked = BODY_OPEN.sub(lambda opening: opening.group(0) + banner, text, count=1)
        page.write_text(marked, encoding="utf-8")
