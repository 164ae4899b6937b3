"""A page with a chart starts the engine from its head, with the URLs of the runtime files and the
integrity hash of each file Pyodide fetches; pages without a chart load none of it."""

import json
from html.parser import HTMLParser
from urllib.parse import urljoin

from flowchart import chart_ids
from sitebuild.wheel import sha256_of

from .test_service_worker import sha384_sri

CLIENT = "flowchart-engine-client"


class _HeadScripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_head = False
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "script" and self.in_head and CLIENT in (dict(attrs).get("src") or ""):
            self.scripts.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def engine_scripts(built_site, page):
    parser = _HeadScripts()
    parser.feed((built_site / page).read_text(encoding="utf-8"))
    return parser.scripts


def on_disk(built_site, page, url):
    """The built file a page-relative URL points at."""
    return built_site / urljoin(page, url)


def test_every_chart_page_starts_the_engine_from_its_head_with_the_right_hashes(built_site):
    for chart_id in chart_ids():
        page = f"flowchart/{chart_id}/index.html"
        (script,) = engine_scripts(built_site, page)
        # Deferred: an earlier start, while the page is parsed, slowed the first question (make bench).
        assert "defer" in script, page
        for attribute in ("src", "data-worker", "data-lockfile", "data-stdlib"):
            assert on_disk(built_site, page, script[attribute]).is_file(), (page, attribute)
        assert on_disk(built_site, page, script["data-pyodide"] + "pyodide.mjs").is_file()
        hashes = json.loads(script["data-integrity"])
        fetched_by_pyodide = {
            script["data-pyodide"] + "pyodide.asm.wasm",
            script["data-stdlib"],
            script["data-lockfile"],
        }
        assert set(hashes) == fetched_by_pyodide
        for url, expected in hashes.items():
            assert sha384_sri(on_disk(built_site, page, url)) == expected, url


def test_pages_without_a_chart_do_not_start_the_engine(built_site):
    for page in ("index.html", "flowchart/index.html", "guidance/consent/index.html", "404.html"):
        assert engine_scripts(built_site, page) == [], page


def test_every_chart_page_offers_the_engine_snapshot_with_its_hash_and_the_engine_it_holds(built_site):
    (lockfile,) = built_site.glob("assets/flowchart/*/flowchart-lock.json")
    (wheel_entry,) = json.loads(lockfile.read_text(encoding="utf-8"))["packages"].values()
    for chart_id in chart_ids():
        page = f"flowchart/{chart_id}/index.html"
        (script,) = engine_scripts(built_site, page)
        offered = json.loads(script["data-snapshot"])
        snapshot = on_disk(built_site, page, offered["url"])
        # Beside the wheel it was made from, named by its own content.
        assert snapshot.parent == lockfile.parent, page
        assert snapshot.name == f"engine-{sha256_of(snapshot)[:16]}.snapshot.gz"
        assert offered["integrity"] == sha384_sri(snapshot)
        assert offered["madeFrom"] == wheel_entry["sha256"]
        # Not in the hashes whose refusal stops the engine: a bad snapshot is only set aside.
        assert offered["url"] not in json.loads(script["data-integrity"])
