"""MkDocs hook: compile and validate the charts, build the engine's wheel, self-host Pyodide and
put charts into pages. Each job is done by a small module in sitebuild/; this file only wires
them to MkDocs' build events."""

import datetime
import sys
import tempfile
from pathlib import Path
from typing import Any

# Hooks are imported with only their own folder on sys.path; the engine and the build support
# live at the repository root. (MkDocs registers a hook in sys.modules under its file name, which
# is why this file is not called flowchart.py: that would shadow the engine package.)
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from flowchart.model import Chart  # noqa: E402
from sitebuild import charts as chart_sources  # noqa: E402
from sitebuild import partnership_html, pyodide_runtime, service_worker, snapshot, stdlib  # noqa: E402
from sitebuild.embed import embed_charts, engine_start, generated_chart_page  # noqa: E402
from sitebuild.errors import reported_to_mkdocs  # noqa: E402
from sitebuild.nav import nav_pages, section_holding  # noqa: E402
from sitebuild.register import register_for  # noqa: E402
from sitebuild.register_pages import source_item  # noqa: E402
from sitebuild.wheel import build_wheel  # noqa: E402

_build: dict[str, Any] = {}


def on_config(config):
    settings = config["extra"].get("partnership")
    if settings is None:
        raise PluginError("hooks/partnership.py must be listed before hooks/chart_pages.py in mkdocs.yml")
    with reported_to_mkdocs():
        compiled = chart_sources.compile_all(
            docs_dir=config["docs_dir"], settings=settings, register=register_for(config)
        )
        wheel = build_wheel(Path(tempfile.mkdtemp(prefix="flowchart-wheel-")))
        stdlib_zip = stdlib.stdlib_for(pyodide_runtime.NODE_PYODIDE, stdlib.variant_from_env())
        # The live preview has no offline copy, so no page there would start from a snapshot:
        # a chart's edit is not made to wait for one.
        made = None if config["extra"].get("live_preview") else snapshot.snapshot_for(wheel, stdlib_zip)
        assets = pyodide_runtime.plan_assets(wheel, stdlib_zip, made)
    _build.update(
        charts={chart_id: Chart.from_compiled(data) for chart_id, data in compiled.items()},
        law={chart_id: data["law"] for chart_id, data in compiled.items()},
        wheel=wheel,
        assets=assets,
        settings=settings,
    )
    return config


def on_files(files, config):
    """A chart needs only its definition file: one without a page in docs/flowchart/ gets a
    generated page, listed in the navigation after the other charts."""
    for chart_id, chart in _build["charts"].items():
        page = f"flowchart/{chart_id}.md"
        if files.get_file_from_path(page) is None:
            files.append(File.generated(config, page, content=generated_chart_page(chart)))
            _add_to_nav(config["nav"], page)
    return files


def _add_to_nav(nav, page):
    """Put `page` in the nav section holding flowchart/index.md (no-op without an explicit nav,
    where MkDocs lists every page itself)."""
    if not nav:
        return
    section = section_holding(nav, "flowchart/index.md")
    if section is None:
        raise PluginError(f"cannot list generated page {page}: no nav section holds flowchart/index.md")
    if page not in nav_pages(nav):
        section.append(page)


def on_page_markdown(markdown, page, config, files):
    """A chart's page is reviewed when its chart is: the chart's version (a date) and source
    become the page's review date and sources, unless the page's front matter says otherwise."""
    chart = _build["charts"].get(page.file.src_uri.removeprefix("flowchart/").removesuffix(".md"))
    if chart is None or not page.file.src_uri.startswith("flowchart/"):
        return markdown
    try:
        page.meta.setdefault("last_reviewed", datetime.date.fromisoformat(chart.version))
    except ValueError:
        pass  # a version that is not a date says nothing about review
    register = register_for(config)
    law = _build["law"][chart.id]
    page.meta.setdefault("law_entries", []).extend(law)
    if chart.source:
        page.meta.setdefault(
            "sources", [{"title": chart.source}] + [source_item(register.entries[entry], register) for entry in law]
        )
    return markdown


def on_page_content(html, page, config, files):
    if "data-chart" not in html and "data-disclosure-record" not in html:
        return html
    with reported_to_mkdocs():
        embedded = embed_charts(
            html,
            page.url,
            _build["charts"],
            front_door=f"the children's social care front door for the child's area in {_build['settings']['name']}",
            contacts=lambda root, summary, lead: partnership_html.urgent_contacts(
                _build["settings"], root, summary, lead
            ),
        )
    if 'class="flowchart"' in embedded or 'class="disclosure-record"' in embedded:
        # Read by overrides/partials/flowchart-engine.html, which starts the engine from the head.
        page.meta["flowchart_engine"] = engine_start(page.url, _build["assets"])
    return embedded


def on_post_build(config):
    site_dir = config["site_dir"]
    with reported_to_mkdocs():
        pyodide_runtime.install_runtime(site_dir, _build["assets"])
        pyodide_runtime.install_wheel(site_dir, _build["assets"], _build["wheel"])
        # Last, so that the service worker's precache lists every file of the finished site.
        versioned = config["extra"]["versioned_files"] + pyodide_runtime.versioned_files(site_dir, _build["assets"])
        service_worker.generate(site_dir, versioned)
