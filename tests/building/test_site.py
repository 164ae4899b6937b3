"""The strictly built site holds everything the flowchart needs, and nothing from elsewhere."""

import json
import re
from html.parser import HTMLParser
from typing import ClassVar

from flowchart import load_chart
from flowchart.render import static_anchor
from sitebuild.pyodide_runtime import RUNTIME_FILES
from sitebuild.wheel import sha256_of

FLOWCHART_PAGE = "flowchart/when-and-how/index.html"


def test_the_flowchart_page_embeds_the_chart_and_its_first_question(built_site):
    html = (built_site / FLOWCHART_PAGE).read_text(encoding="utf-8")
    assert 'data-chart="when-and-how"' in html
    assert 'data-node="purpose"' in html
    assert "Is there a clear and legitimate purpose for sharing the information?" in html
    assert re.search(r'<script src="\.\./\.\./javascripts/flowchart\.[0-9a-f]{8,}\.mjs" type="module"', html)


def test_every_chart_has_a_page_and_is_listed_in_the_chart_index(built_site):
    from flowchart import chart_ids

    index = (built_site / "flowchart" / "index.html").read_text(encoding="utf-8")
    for chart_id in chart_ids():
        page = (built_site / "flowchart" / chart_id / "index.html").read_text(encoding="utf-8")
        assert f'data-chart="{chart_id}"' in page
        assert f'href="../flowchart/{chart_id}/"' in index


def test_chart_pages_carry_the_urgent_panel_and_the_static_chart(built_site):
    html = (built_site / FLOWCHART_PAGE).read_text(encoding="utf-8")
    assert "If a child is in immediate danger, call 999" in html
    assert html.index("flowchart-urgent") < html.index('class="flowchart"')
    for node in ("purpose", "consent", "identifiable", "lawful-reason", "seek-advice", "no-purpose"):
        assert f'id="{static_anchor(load_chart("when-and-how"), node)}"' in html


def test_the_pinned_pyodide_runtime_is_self_hosted_under_a_versioned_path(built_site):
    runtime = built_site / "assets" / "pyodide" / "314.0.7"
    for name in RUNTIME_FILES:
        assert (runtime / name).stat().st_size > 0, name
    html = (built_site / FLOWCHART_PAGE).read_text(encoding="utf-8")
    assert 'data-pyodide="../../assets/pyodide/314.0.7/"' in html


def test_the_wheel_and_its_lockfile_match(built_site):
    (lockfile,) = built_site.glob("assets/flowchart/*/flowchart-lock.json")
    (wheel,) = lockfile.parent.glob("flowchart-*-py3-none-any.whl")
    entry = json.loads(lockfile.read_text())["packages"]["flowchart"]
    assert entry["file_name"] == wheel.name
    assert entry["sha256"] == sha256_of(wheel)
    # The folder is named after the wheel's hash, so a new wheel never hides behind a cached one.
    assert sha256_of(wheel).startswith(lockfile.parent.name)
    html = (built_site / FLOWCHART_PAGE).read_text(encoding="utf-8")
    assert f'data-lockfile="../../{lockfile.relative_to(built_site).as_posix()}"' in html


class _Resources(HTMLParser):
    """Collects the URLs a page would load (scripts, styles, images, frames...), not its links."""

    LOADING: ClassVar[dict] = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "audio": "src",
        "video": "src",
        "embed": "src",
        "object": "data",
    }

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.LOADING and attrs.get(self.LOADING[tag]):
            self.urls.append(attrs[self.LOADING[tag]])
        if (
            tag == "link"
            and attrs.get("rel") in ("stylesheet", "preload", "modulepreload", "icon", "manifest")
            and attrs.get("href")
        ):
            self.urls.append(attrs["href"])


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = {}
    for page in built_site.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        external = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
        if external:
            offenders[str(page.relative_to(built_site))] = external
    assert offenders == {}


def test_every_page_carries_the_content_security_policy(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, page
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
        assert "'unsafe-eval'" not in policy
        assert "'wasm-unsafe-eval'" in policy
