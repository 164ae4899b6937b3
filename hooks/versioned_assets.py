"""MkDocs hook: publish the site's own scripts and stylesheets under content-hashed names.

GitHub Pages lets browsers keep any file for ten minutes, so just after a deploy a browser could
run the new pages with the previous deploy's scripts and styles. A name that changes with the
content (javascripts/flowchart.3f9a1c2b.mjs) cannot be served stale: new pages ask for new names.
Material names its own assets this way; this hook does the same for every file in
docs/javascripts/ and docs/stylesheets/.

MkDocs itself writes each file under its hashed name (on_files sets its dest_uri), and every
attribute value in a page or static template (404.html) that names one of them, whether src, href
or data-*, is rewritten. A script therefore must not build a sibling's URL from its own: the page
hands it over in an attribute instead (data-worker on the script that starts the engine). sw.js
keeps its fixed name: it is generated at the site's root after this, from the files as published.
"""

import hashlib
import posixpath
import re
from urllib.parse import urlsplit

FOLDERS = ("javascripts/", "stylesheets/")
HASH_LENGTH = 8  # as Material's own bundles
# Material's own bundles already carry a content hash in their names (bundle.a5f9d56c.min.js).
MATERIAL_HASHED = re.compile(r"assets/.+\.[0-9a-f]{8}\.min\.(?:js|css)")

_published: dict[str, str] = {}  # src_uri -> dest_uri, for this build
_reference = None  # an attribute value naming one of those files, unhashed


def hashed_uri(uri, content):
    """flowchart.mjs -> flowchart.<first hex digits of the sha256 of its bytes>.mjs"""
    stem, suffix = posixpath.splitext(uri)
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:HASH_LENGTH]}{suffix}"


def reference_pattern(uris, site_url):
    """The whole value of a quoted attribute naming one of `uris`: relative to a page (bare or
    with ../ steps), or from the site's path, as in error pages (see MkDocs' _build_template)."""
    site_path = urlsplit(site_url or "/").path
    names = "|".join(re.escape(uri) for uri in sorted(uris))
    return re.compile(rf'"(?P<prefix>(?:\.\./)*|{re.escape(site_path)})(?P<uri>{names})"')


def with_hashed_names(html):
    if _reference is None:
        return html
    return _reference.sub(lambda m: f'"{m["prefix"]}{_published[m["uri"]]}"', html)


def on_files(files, config):
    global _reference
    _published.clear()
    for file in files:
        if file.src_uri.startswith(FOLDERS):
            # Nothing has read the file's url or abs_dest_path yet; MkDocs derives both from this.
            file.dest_uri = hashed_uri(file.src_uri, file.content_bytes)
            _published[file.src_uri] = file.dest_uri
    _reference = reference_pattern(_published, config["site_url"]) if _published else None
    # For the service worker (hooks/chart_pages.py): files whose names change with their content,
    # which it need not fetch again to be sure of them.
    config["extra"]["versioned_files"] = sorted(
        [*_published.values(), *(file.dest_uri for file in files if MATERIAL_HASHED.fullmatch(file.dest_uri))]
    )
    return files


def on_post_page(output, page, config):
    return with_hashed_names(output)


def on_post_template(output_content, template_name, config):
    """Static templates (Material's 404 page) are not pages, so they pass through here instead."""
    return with_hashed_names(output_content)
