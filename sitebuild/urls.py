"""The site's addresses, worked out the way MkDocs makes them (directory URLs), in one place.
A chart's own page address is the engine's (flowchart.fragment.chart_page_url), since the
engine links between charts in the browser too."""

import posixpath
from urllib.parse import urlsplit


def page_url(doc_path):
    """The site-relative URL MkDocs gives a page (directory URLs): a/b.md -> a/b/, a/index.md -> a/."""
    stem = doc_path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def site_root_for(page_url):
    """The relative path from a page to the site's root ('' for the home page)."""
    return "../" * page_url.count("/")


def rebase(url, from_page_url, to_page_url):
    """A relative URL written on one page, rewritten for another (both directory URLs)."""
    parts = urlsplit(url)
    target = posixpath.normpath(posixpath.join(posixpath.dirname("/" + from_page_url), parts.path))
    if parts.path.endswith("/") and not target.endswith("/"):
        target += "/"
    relative = posixpath.relpath(target, posixpath.dirname("/" + to_page_url) or "/")
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return relative + suffix
