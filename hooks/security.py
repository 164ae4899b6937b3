"""MkDocs hook: write each page's Content-Security-Policy.

The policy is as strict as the site allows. Scripts run only from the site itself or, for the
few small inline scripts Material writes into every page, when their SHA-256 hash is listed, so
no 'unsafe-inline' and no 'unsafe-eval'; 'wasm-unsafe-eval' lets Pyodide compile its
WebAssembly. Hashes are taken from the finished page, so they can never drift from its scripts.
"""

import base64
import hashlib
import re

from mkdocs.exceptions import PluginError

PLACEHOLDER = "{{content-security-policy}}"
POLICY = (
    ("default-src", ["'self'"]),
    ("script-src", ["'self'", "'wasm-unsafe-eval'"]),  # + the page's inline-script hashes
    # Material sets style attributes from its scripts and templates (e.g. progress, palette).
    ("style-src", ["'self'", "'unsafe-inline'"]),
    ("img-src", ["'self'", "data:"]),
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),
    ("worker-src", ["'self'"]),
    ("manifest-src", ["'self'"]),
    ("frame-src", ["'none'"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'none'"]),
)
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_script_hashes(html):
    """CSP source expressions for every inline script the browser would run."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"] or ""
        if re.search(r"\ssrc\s*=", attrs):
            continue
        kind = re.search(r'\stype\s*=\s*"([^"]*)"', attrs)
        if (kind[1] if kind else "").lower() not in EXECUTABLE_TYPES:
            continue  # data blocks such as Material's JSON config are never executed
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(html, live_preview=False):
    directives = []
    for name, sources in POLICY:
        if name == "script-src":
            # The live preview (hooks/preview.py) adds a reload script to each page as it serves
            # it, different every time, so no hash can name it. Never in a built site.
            sources = sources + (["'unsafe-inline'"] if live_preview else inline_script_hashes(html))
        directives.append(f"{name} {' '.join(sources)}")
    return "; ".join(directives)


def on_post_page(output, page, config):
    if PLACEHOLDER not in output:
        raise PluginError(
            f"hooks/security.py: {page.file.src_uri} has no Content-Security-Policy placeholder; "
            "every page must extend overrides/main.html"
        )
    return output.replace(PLACEHOLDER, policy_for(output, config["extra"].get("live_preview", False)))


def on_post_template(output_content, template_name, config):
    """Static templates (Material's 404 page) are not pages, so they pass through here instead."""
    if PLACEHOLDER in output_content:
        return output_content.replace(
            PLACEHOLDER, policy_for(output_content, config["extra"].get("live_preview", False))
        )
    return output_content
