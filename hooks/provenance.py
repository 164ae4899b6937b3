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

An optional `owner:` names who is responsible for the page; without it the page shows the
content owner from the partnership's settings. A page whose `last_reviewed` is older than the
settings' `review_period_months` shows a banner saying it is overdue for review.

overrides/partials/provenance.html renders it at the foot of the page, and
overrides/partials/review-banner.html the banner at the top."""

import datetime
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from flowchart.dates import long_date  # noqa: E402
from sitebuild.review import build_date, review_due  # noqa: E402

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


def on_env(env, config, files):
    # One way of writing dates in every template (flowchart/dates.py), whatever the locale.
    env.filters["long_date"] = long_date
    return env


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith(EXEMPT_PREFIXES):
        return markdown
    problems = provenance_problems(page.meta or {})
    if problems:
        raise PluginError(f"hooks/provenance.py: {page.file.src_uri} lacks provenance: " + "; ".join(problems))
    return markdown


def review_status(meta, settings, today):
    """The owner and review dates a page shows: {'owner', 'review_due', 'review_overdue'}."""
    status = {"owner": meta.get("owner") or (settings or {}).get("content_owner", {}).get("name")}
    reviewed = meta.get("last_reviewed")
    if settings and isinstance(reviewed, datetime.date):
        due = review_due(reviewed, settings["review_period_months"])
        status.update(review_due=due, review_overdue=due < today)
    return status


def on_page_context(context, page, config, nav):
    if page.meta and page.meta.get("last_reviewed"):
        page.meta.update(review_status(page.meta, config["extra"].get("partnership"), build_date()))
    return context
