"""Once the offline copy holds the engine, a chart page starts its engine from the memory snapshot;
a snapshot that is missing, corrupt, made by another Pyodide or holding another engine is set
aside and the engine starts the ordinary way, with nothing different on the page but the time.

Each bad case is made in the offline copy itself (the service worker's cache), which is where a
visit after the first reads the snapshot and the page from."""

import re

import pytest

from flowchart import load_chart

from ..engine.helpers import all_paths
from .flowchart_driver import answer_by_keyboard, wait_for_engine, wait_for_node, wait_for_offline_copy

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHART = "when-and-how"
PAGE = f"flowchart/{CHART}/"

# Runs in the page: replaces the offline copy's snapshot, and the chart page's record of it,
# by what `bad` makes of them. Returns nothing; the next visit reads the changed copy.
SPOIL = """async (bad) => {
  const script = document.querySelector("script[data-snapshot]");
  const offered = JSON.parse(script.dataset.snapshot);
  const url = new URL(offered.url, location.href).href;
  let cache;
  for (const name of await caches.keys()) {
    const candidate = await caches.open(name);
    if (await candidate.match(url)) cache = candidate;
  }
  const gzipped = new Uint8Array(await (await cache.match(url)).arrayBuffer());
  const gzip = async (bytes, format) => new Uint8Array(await new Response(
    new Blob([bytes]).stream().pipeThrough(format === "inflate" ? new DecompressionStream("gzip") : new CompressionStream("gzip"))
  ).arrayBuffer());
  const sri = async (bytes) => "sha384-" + btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-384", bytes))));
  let body = gzipped, status = 200, record = { ...offered };
  if (bad === "missing") {
    body = "Not found"; status = 404;
  } else if (bad === "corrupt") {
    body = gzipped.slice(); body[body.length >> 1] ^= 0xff;
  } else if (bad === "truncated, its hash updated") {
    body = gzipped.slice(0, gzipped.length >> 1); record.integrity = await sri(body);
  } else if (bad === "another Pyodide") {
    // Packed (sitebuild/snapshot.py): magic, length, number of runs, the runs' table, then the
    // first run, which starts with Pyodide's header; its build id is at bytes 16 to 47.
    const packed = await gzip(gzipped, "inflate");
    const runs = new DataView(packed.buffer).getUint32(12, true);
    packed[16 + 8 * runs + 20] ^= 0xff;
    body = await gzip(packed, "deflate"); record.integrity = await sri(body);
  } else if (bad === "not packed, its hash updated") {
    const packed = await gzip(gzipped, "inflate");
    packed[0] ^= 0xff;
    body = await gzip(packed, "deflate"); record.integrity = await sri(body);
  } else if (bad === "another engine") {
    record.madeFrom = "0".repeat(64);
  }
  await cache.put(url, new Response(body, { status, headers: { "Content-Type": "application/gzip" } }));
  // The chart page as the offline copy holds it, with the changed record of the snapshot.
  const pageUrl = location.href.split("#")[0] + "index.html";
  for (const name of await caches.keys()) {
    const candidate = await caches.open(name);
    for (const request of await candidate.keys()) {
      if (request.url.split("?")[0] === pageUrl) {
        const original = await (await candidate.match(request)).text();
        const changed = original.replace(/data-snapshot='[^']*'/, `data-snapshot='${JSON.stringify(record)}'`);
        if (changed === original && bad !== "missing" && bad !== "corrupt") throw new Error("no snapshot record in the page");
        const headers = { "Content-Type": "text/html; charset=utf-8" };
        await candidate.put(request, new Response(changed, { headers }));
      }
    }
  }
}"""

REFUSED = {
    # The browser checks an error page against the hash too, so a 404 is refused like a corrupt file.
    "missing": r"^Error: the snapshot was refused: TypeError",
    "corrupt": r"^Error: the snapshot was refused: TypeError",
    "truncated, its hash updated": r"^Error: the snapshot could not be inflated",
    "not packed, its hash updated": r"^Error: the snapshot is not a packed engine snapshot$",
    "another Pyodide": r"^Error: Snapshot build id mismatch",
    "another engine": r"^Error: the snapshot holds engine [0-9a-f]{64}, not 0{64}$",
}


@pytest.fixture
def offline_context(browser, site_url):
    """A browser context whose service worker holds the offline copy, after one visit."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}{PAGE}")
    assert wait_for_engine(page, CHART) == "pyodide"
    assert page.evaluate("window.flowchartEngineStartedFrom") == {"snapshot": False, "refused": None}
    wait_for_offline_copy(page)
    page.close()
    yield context
    context.close()


def visit_and_walk(context, site_url):
    """Open the chart page, walk one path to its outcome by keyboard; return how the engine
    started, the status line once ready, and any console errors."""
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}{PAGE}")
    assert wait_for_engine(page, CHART) == "pyodide"
    started = page.evaluate("window.flowchartEngineStartedFrom")
    status = page.locator(".flowchart-status").inner_text()
    answers, outcome = all_paths(load_chart(CHART))[-1]
    for _, answer in answers:
        answer_by_keyboard(page, answer)
    wait_for_node(page, outcome.id)
    page.close()
    return started, status, errors


def test_a_visit_after_the_first_starts_the_engine_from_the_snapshot(offline_context, site_url):
    started, _, errors = visit_and_walk(offline_context, site_url)
    assert started == {"snapshot": True, "refused": None}
    assert errors == []
    page = offline_context.new_page()
    page.goto(f"{site_url}{PAGE}")
    wait_for_engine(page, CHART)
    worker = next(worker for worker in page.workers if "flowchart-engine" in worker.url)
    assert worker.evaluate("performance.getEntriesByName('engine:snapshot-restored').length") == 1
    page.close()


@pytest.mark.parametrize("bad", list(REFUSED))
def test_a_bad_snapshot_is_set_aside_and_the_engine_starts_the_ordinary_way(offline_context, site_url, bad):
    page = offline_context.new_page()
    page.goto(f"{site_url}{PAGE}")
    wait_for_engine(page, CHART)
    ordinary_status = page.locator(".flowchart-status").inner_text()
    page.evaluate(SPOIL, bad)
    page.close()

    started, status, errors = visit_and_walk(offline_context, site_url)

    assert started["snapshot"] is False
    assert re.search(REFUSED[bad], started["refused"]), started["refused"]
    # Nothing on the page tells the two starts apart.
    assert status == ordinary_status
    # A refused fetch is the browser's own console message; nothing else may complain.
    assert [error for error in errors if not re.search(r"integrity|Failed to load resource", error)] == []


def test_a_chart_opened_after_a_guidance_page_starts_from_the_snapshot(browser, site_url):
    """The guidance page makes the offline copy while it is idle, so the practitioner's first
    chart starts warm."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}guidance/consent/")
    wait_for_offline_copy(page)
    page.goto(f"{site_url}{PAGE}")
    assert wait_for_engine(page, CHART) == "pyodide"
    assert page.evaluate("window.flowchartEngineStartedFrom") == {"snapshot": True, "refused": None}
    context.close()
