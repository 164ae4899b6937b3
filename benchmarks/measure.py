"""One measurement each: a page visit in headless Chromium, returning milliseconds or bytes.

Timings are read from the page's own Performance timeline (marks set by the page, navigation and
resource timing), so Playwright's overhead is never inside a figure. Pages are polled with
page.evaluate, because the site's CSP blocks Playwright's wait_for_function.
"""

import tempfile
import time

from benchmarks.server import GzipHandler
from tests.harness import chromium_launch_options

# Chrome DevTools' "Fast 4G" preset (the typical 4G profile): 9 Mbit/s down, 1.5 Mbit/s up,
# 165 ms latency (DevTools' own figures, including its 0.9 and 2.75 adjustment factors).
FAST_4G = {
    "offline": False,
    "downloadThroughput": 9_000_000 / 8 * 0.9,
    "uploadThroughput": 1_500_000 / 8 * 0.9,
    "latency": 60 * 2.75,
}

MARK_TIME = "(m) => performance.getEntriesByName(m)[0]?.startTime ?? null"
DCL_TIME = "() => performance.getEntriesByType('navigation')[0]?.domContentLoadedEventStart || null"
# Bytes over the wire (transferSize: headers and compressed body) of the document and every
# resource that finished by `until` ms (all of them when until is null).
BYTES_BY = """(until) => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return entries.filter((e) => until === null || e.responseEnd <= until)
                .reduce((sum, e) => sum + e.transferSize, 0);
}"""


def poll(page, script, arg=None, timeout_s=90, what="a value"):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = page.evaluate(script, arg)
        if value is not None and value is not False:
            return value
        time.sleep(0.02)
    raise SystemExit(f"{page.url}: no {what} after {timeout_s} s")


def new_page(context, network=None):
    """A page, its network throttled through the DevTools protocol when `network` is given."""
    page = context.new_page()
    if network:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", network)
    return page


def dcl_visit(browser, url, network=None):
    """DOMContentLoaded of a cold visit (new context, empty cache), in ms."""
    context = browser.new_context()
    try:
        page = new_page(context, network)
        page.goto(url)
        return poll(page, DCL_TIME, what="DOMContentLoaded")
    finally:
        context.close()


def fresh_visit(browser, url, mark, network=None):
    """A cold visit (new context, empty cache): {mark: ms, 'dcl': ms, 'bytes_at_mark', 'long_tasks'}."""
    context = browser.new_context()
    try:
        page = new_page(context, network)
        page.goto(url)
        at = poll(page, MARK_TIME, mark, what=repr(mark))
        return {
            mark: at,
            "dcl": poll(page, DCL_TIME, what="DOMContentLoaded"),
            "bytes_at_mark": page.evaluate(BYTES_BY, at),
            "long_tasks": page.evaluate("() => window.longTaskMs ?? null"),
        }
    finally:
        context.close()


def marks_on_one_visit(browser, url, marks, network=None):
    """Several marks of one cold visit: {mark: ms}, plus the bytes of the whole visit."""
    context = browser.new_context()
    try:
        page = new_page(context, network)
        sent_before = GzipHandler.bytes_sent
        page.goto(url)
        found = {mark: poll(page, MARK_TIME, mark, what=repr(mark)) for mark in marks}
        found["bytes_at"] = {mark: page.evaluate(BYTES_BY, at) for mark, at in found.items()}
        # Everything the server sent for the visit up to its last mark, the worker's downloads
        # included (the service worker's own downloads start only after the engine is ready).
        found["bytes_total"] = GzipHandler.bytes_sent - sent_before
        return found
    finally:
        context.close()


def after_visiting(browser, first_url, url, mark):
    """The mark on a first visit to `url` made straight after a first visit to `first_url` in the
    same browser session, once that page's service worker is in charge (it has stored the site,
    the engine included): a practitioner who opens a chart from a guidance page."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(first_url)
        poll(page, "() => navigator.serviceWorker.controller !== null", what="the service worker in charge")
        page.goto(url)
        return poll(page, MARK_TIME, mark, what=repr(mark))
    finally:
        context.close()


# The engine's worker marks its phases (flowchart-engine.mjs) on its own clock.
WORKER_MARKS = (
    "() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('engine:'))"
    ".map((m) => [m.name, m.startTime])"
)


def engine_phases(page):
    """{phase: ms since the page's navigation} of the chart page's engine worker: when the worker
    started and each mark it set ({} on a page without one)."""
    worker = next((worker for worker in page.workers if "flowchart-engine" in worker.url), None)
    if worker is None:
        return {}
    started = worker.evaluate("performance.timeOrigin") - page.evaluate("performance.timeOrigin")
    return {"engine:worker-started": started} | {name: started + at for name, at in worker.evaluate(WORKER_MARKS)}


def return_visits(playwright, url, mark, wait_for_service_worker, returns=2, phases=None):
    """The mark on each return visit (the second, the third...) in a persistent profile, each a
    new browser session, as a person coming back later: the first visit fills the disk cache and,
    for the site, installs the service worker. Browsers keep compiled code for a script only from
    about its second load, so the third visit can differ from the second. The engine's phases on
    each return visit are appended to `phases` when it is given."""
    options = chromium_launch_options()
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        first = playwright.chromium.launch_persistent_context(profile, **options)
        page = first.new_page()
        page.goto(url)
        poll(page, MARK_TIME, mark, what=repr(mark))
        if wait_for_service_worker:
            poll(page, "() => navigator.serviceWorker.controller !== null", what="the service worker in charge")
        first.close()
        times = []
        for _ in range(returns):
            session = playwright.chromium.launch_persistent_context(profile, **options)
            try:
                page = session.new_page()
                page.goto(url)
                times.append(poll(page, MARK_TIME, mark, what=repr(mark)))
                if phases is not None:
                    phases.append(engine_phases(page))
            finally:
                session.close()
        return times


# Chooses an answer and continues the way a person would (a click), and returns two times from
# the click: until the next step is in the DOM, and until it has been painted (the frame after the
# change has rendered: a requestAnimationFrame callback runs just before the paint, and a task
# posted from it runs just after).
ANSWER_AND_TIME = """async (value) => {
  const live = document.querySelector('.flowchart-live');
  const before = live.querySelector('[data-node]').dataset.node;
  live.querySelector(`input[value="${value}"]`).click();
  let inDom;
  const changed = new Promise((resolve) => new MutationObserver((_, observer) => {
    if (live.querySelector('[data-node]')?.dataset.node !== before) {
      inDom = performance.now();
      observer.disconnect();
      resolve();
    }
  }).observe(live, { childList: true, subtree: true }));
  const start = performance.now();
  live.querySelector('button.flowchart-continue').click();
  await changed;
  await new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(null);
  }));
  return [inDom - start, performance.now() - start];
}"""


# A person reads each question before answering it; the page uses that time (it asks the engine
# for its replies ahead), so the benchmark answers after this pause, which is not in any figure.
READING_PAUSE_MS = 500


def answer_times(browser, url, paths):
    """[click-to-DOM, click-to-painted] ms for every answer of every path, engine ready."""
    context = browser.new_context()
    try:
        page = context.new_page()
        times = []
        for answers in paths:
            page.goto(url + "#")
            page.reload()
            poll(page, MARK_TIME, "flowchart-engine-ready", what="the engine")
            for value in answers:
                page.wait_for_timeout(READING_PAUSE_MS)
                times.append(page.evaluate(ANSWER_AND_TIME, value))
        return times
    finally:
        context.close()
