"""MkDocs hook: compile and validate the charts, build the engine's wheel, self-host Pyodide and
put charts into pages. Each job is done by a small module in sitebuild/; this file only wires
them to MkDocs' build events."""

import sys
import tempfile
from pathlib import Path

# Hooks are imported with only their own folder on sys.path; the engine and the build support
# live at the repository root. (MkDocs registers a hook in sys.modules under its file name, which
# is why this file is not called flowchart.py: that would shadow the engine package.)
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from flowchart.errors import ChartDefinitionError  # noqa: E402
from flowchart.model import Chart  # noqa: E402
from sitebuild import charts as chart_sources  # noqa: E402
from sitebuild import pyodide_runtime, service_worker, stdlib  # noqa: E402
from sitebuild.embed import UnknownChartPlaceholder, embed_charts  # noqa: E402
from sitebuild.wheel import build_wheel, sha256_of  # noqa: E402

_build = {}


def on_config(config):
    try:
        compiled = chart_sources.compile_all(docs_dir=config["docs_dir"])
    except ChartDefinitionError as error:
        raise PluginError(str(error)) from None
    staging = Path(tempfile.mkdtemp(prefix="flowchart-wheel-"))
    wheel = build_wheel(staging)
    try:
        stdlib_zip = stdlib.stdlib_for(pyodide_runtime.NODE_PYODIDE, stdlib.variant_from_env())
        assets = pyodide_runtime.plan_assets(sha256_of(wheel), stdlib_zip)
    except (pyodide_runtime.RuntimeMissing, stdlib.CompileFailed) as error:
        raise PluginError(str(error)) from None
    _build.update(
        charts={chart_id: Chart.from_compiled(data) for chart_id, data in compiled.items()},
        wheel=wheel,
        assets=assets,
    )
    return config


def on_files(files, config):
    for chart_id in _build["charts"]:
        page = f"flowchart/{chart_id}.md"
        if files.get_file_from_path(page) is None:
            raise PluginError(f"chart {chart_id!r} has no page: add docs/{page} holding <div data-chart=\"{chart_id}\"></div>")
    return files


def on_page_content(html, page, config, files):
    if "data-chart" not in html:
        return html
    try:
        return embed_charts(html, page.url, _build["charts"], _build["assets"])
    except UnknownChartPlaceholder as error:
        raise PluginError(str(error)) from None


def on_post_build(config):
    site_dir = config["site_dir"]
    try:
        pyodide_runtime.install_runtime(site_dir, _build["assets"])
        pyodide_runtime.install_wheel(site_dir, _build["assets"], _build["wheel"])
    except pyodide_runtime.RuntimeMissing as error:
        raise PluginError(str(error)) from None
    # Last, so that the service worker's precache lists every file of the finished site.
    try:
        service_worker.generate(site_dir)
    except service_worker.GenerateFailed as error:
        raise PluginError(str(error)) from None
