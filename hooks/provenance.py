"""MkDocs hook: every page outside docs/flowchart/ must say what it rests on and when it was
last reviewed. The front matter it checks:

    ---
    last_reviewed: 2026-11-21
    sources:
      - title: "HM Government, Information sharing: advice for practitioners ... (May 2024)"
        url: https://www.gov.uk/...
      - title: "Pan-Cheshire ... Information Sharing Guidance, section 5"
        note: "seed 001"
    ---

overrides/partials/provenance.html renders it at the foot of the page."""

import datetime

from mkdocs.exceptions import PluginError

EXEMPT_PREFIXES = ("flowchart/",)


def provenance_problems(meta):
    """The reasons a page's front matter fails the provenance rule (empty if it passes)."""
    problems = []
    reviewed = meta.get("last_reviewed")
    if not isinstance(reviewed, datetime.date) or isinstance(reviewed, datetime.datetime):
        problems.append("`last_reviewed` must be a date (YYYY-MM-DD)")
    sources = meta.get("sources")
    if not isinstance(sources, list) or not sources:
        problems.append("`sources` must be a non-empty list")
    else:
        for number, source in enumerate(sources, start=1):
            if not isinstance(source, dict) or not str(source.get("title") or "").strip():
                problems.append(f"source {number} must be a mapping with a `title`")
    return problems


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith(EXEMPT_PREFIXES):
        return markdown
    problems = provenance_problems(page.meta or {})
    if problems:
        raise PluginError(
            f"hooks/provenance.py: {page.file.src_uri} lacks provenance: " + "; ".join(problems)
        )
    return markdown
