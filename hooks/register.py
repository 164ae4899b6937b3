"""MkDocs hook: the register of law and guidance (law-and-guidance.yml, named by
`extra.law_register` in mkdocs.yml).

- A broken register stops the build, naming the file and the key.
- `<span data-law="ID"></span>` in a page (or a chart) becomes a reference to the entry,
  `<span data-law-as-at></span>` the date the register was last checked, and
  `- law: ID` in a page's sources becomes the entry's title, address, status and checked date.
- The "Law and guidance this site follows" page is generated from it, and
  `<div data-law-timeline></div>` becomes the timeline of changes.
- A page relying on an entry past its `check_again_by` date shows a "may be out of date" notice
  (overrides/partials/law-notice.html), as a page past its review date shows a banner.
- A page that names a superseded entry outside a history context (an "Out of date in the
  sources" box, a `history` block, or a reference rendered from the register) fails the build.
"""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from flowchart.dates import long_date  # noqa: E402
from sitebuild import register as law  # noqa: E402
from sitebuild import register_pages as pages  # noqa: E402
from sitebuild.errors import reported_to_mkdocs  # noqa: E402
from sitebuild.review import build_date  # noqa: E402
from sitebuild.urls import site_root_for  # noqa: E402

_presented_as_current: list[tuple] = []  # (page, entry, name) found this build, reported together at the end


def register_for(config):
    with reported_to_mkdocs():
        return law.register_for(config)


def on_config(config):
    config["extra"]["register"] = None  # a fresh load on every build, including a live preview
    _presented_as_current.clear()
    register_for(config)
    return config


def on_files(files, config):
    files.append(File.generated(config, pages.REGISTER_PAGE, content=pages.register_page(register_for(config))))
    return files


def on_page_markdown(markdown, page, config, files):
    """`- law: ID` sources become the entry's title, address and status (before hooks/provenance.py
    checks that every source has a title)."""
    sources = (page.meta or {}).get("sources")
    if not isinstance(sources, list):
        return markdown
    register = register_for(config)
    expanded, relied_on = [], page.meta.setdefault("law_entries", [])
    for source in sources:
        if isinstance(source, dict) and "law" in source:
            entry = _entry(register, source["law"], page)
            relied_on.append(entry.id)
            expanded.append(pages.source_item(entry, register, part=source.get("part")))
        else:
            expanded.append(source)
    page.meta["sources"] = expanded
    return markdown


def on_page_content(html, page, config, files):
    register = register_for(config)
    root = site_root_for(page.url)
    relied_on = page.meta.setdefault("law_entries", [])
    with reported_to_mkdocs(page.file.src_uri):
        html = pages.fill_references(html, register, root, used=relied_on)
    html = pages.TIMELINE_PLACEHOLDER.sub(lambda _: pages.timeline_table(register, root), html)
    html = pages.AS_AT_PLACEHOLDER.sub(lambda _: long_date(register.as_at), html)
    _presented_as_current.extend(
        (page.file.src_uri, entry, name) for entry, name in law.superseded_mentions(html, register)
    )
    stale = register.stale(relied_on, build_date())
    page.meta["law_stale"] = pages.stale_notice(stale, root)
    return html


def on_post_build(config):
    """Every page that presents superseded law or guidance as current, in one message."""
    if not _presented_as_current:
        return
    register = register_for(config)
    raise PluginError(
        "Pages present superseded law or guidance as current. Name the current entry, or put the "
        'mention in an "Out of date in the sources" box (!!! info outdated "...") or a '
        '<div class="history" markdown> block:\n'
        + "\n".join(
            f"  - {page}: names {name!r} ({entry.id}), which {register.file} marks "
            f"{law.STATUS_LABELS[entry.status].lower()}" + (f" by {entry.superseded_by}" if entry.superseded_by else "")
            for page, entry, name in _presented_as_current
        )
    )


def _entry(register, entry_id, page):
    with reported_to_mkdocs():
        return register.entry(entry_id, f"{page.file.src_uri}: sources")
