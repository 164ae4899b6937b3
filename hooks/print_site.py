"""MkDocs hook: the whole site as one printable page.

docs/about/print.md holds a short introduction and `<div data-print-site></div>`; that element
becomes every page in the navigation, in order, each as a section with its review date and
owner. Done here rather than with mkdocs-print-site-plugin so that the page goes through the same
templates, checks and axe scan as every other page, and adds no scripts of its own.

By the time a page's template context is made, MkDocs has rendered the HTML of every page, so
the sections are the pages' own HTML, adjusted to sit in one document:

* ids get a per-section prefix (two pages both have an "about-this-page" heading) and every
  reference to an id (href="#...", for, aria-labelledby, aria-describedby) follows it;
* headings go down one level, so the print page keeps a single H1;
* relative links are rewritten from the page's address to the print page's.

Flowchart pages are left out: they are interactive, and the page says so. So is any page whose
front matter says `print: false` (the pages for partnerships rather than practitioners).
"""

import re
import sys
from html import escape
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from flowchart.dates import long_date  # noqa: E402
from sitebuild.urls import rebase  # noqa: E402

PLACEHOLDER = re.compile(r"<div data-print-site\s*>\s*</div>")
EXCLUDED_PREFIXES = ("flowchart/",)
ID_ATTRIBUTE = re.compile(r'\b(id|for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"')
FRAGMENT_LINK = re.compile(r'\bhref="#([^"]*)"')
RELATIVE_URL = re.compile(r'\b(href|src)="(?![a-z][a-z0-9+.-]*:|#|/)([^"]*)"')
HEADING = re.compile(r"<(/?)h([1-5])\b")


def on_page_context(context, page, config, nav):
    if page.content is None or not PLACEHOLDER.search(page.content):
        return context
    sections = [
        section_html(number, other, page.url, config)
        for number, other in enumerate(printable_pages(nav, page), start=1)
    ]
    page.content = PLACEHOLDER.sub(lambda _: "".join(sections), page.content)
    return context


def printable_pages(nav, print_page):
    return [
        other
        for other in nav.pages
        if other is not print_page
        and other.content
        and not other.file.src_uri.startswith(EXCLUDED_PREFIXES)
        and (other.meta or {}).get("print", True) is not False
    ]


def section_html(number, page, print_url, config):
    prefix = f"p{number}-"
    html = page.content
    html = ID_ATTRIBUTE.sub(lambda m: f'{m[1]}="{" ".join(prefix + token for token in m[2].split())}"', html)
    html = FRAGMENT_LINK.sub(lambda m: f'href="#{prefix}{m[1]}"', html)
    html = RELATIVE_URL.sub(lambda m: f'{m[1]}="{rebase(m[2], page.url, print_url)}"', html)
    html = HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)
    label = first_heading_id(html)
    labelled = f' aria-labelledby="{label}"' if label else ""
    return (
        f'<section class="print-site-page"{labelled}>'
        f'<p class="print-site-address">Online at {escape(page.canonical_url or page.url)}</p>'
        f"{html}{section_footer(page)}</section>"
    )


def first_heading_id(html):
    match = re.search(r'<h2 id="([^"]+)"', html)
    return match[1] if match else None


def section_footer(page):
    meta = page.meta or {}
    reviewed = meta.get("last_reviewed")
    if not reviewed:
        return ""
    parts = [f"Last reviewed {long_date(reviewed)}"]
    if meta.get("owner"):
        parts.append(f"owner: {escape(str(meta['owner']))}")
    return f'<p class="print-site-reviewed">{"; ".join(parts)}.</p>'
