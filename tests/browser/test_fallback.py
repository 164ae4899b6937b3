"""Without JavaScript, or without WebAssembly, every outcome is still reachable through the
build-time rendering of the same chart, and the page says the record needs JavaScript."""

import re

import pytest

from flowchart import chart_ids, load_chart

from ..engine.helpers import covering_paths
from .flowchart_driver import follow_static_link_by_keyboard, visible_static_step, wait_for_engine, wait_until

pytestmark = pytest.mark.browser

PATHS = [
    pytest.param(chart_id, answers, outcome.id, id=f"{chart_id}:" + "-".join(a for _, a in answers))
    for chart_id in chart_ids()
    for answers, outcome in covering_paths(load_chart(chart_id))
]


def walk_static(page, chart_id, answers, outcome):
    chart = load_chart(chart_id)
    for question_id, answer in answers:
        assert visible_static_step(page) == [question_id]
        follow_static_link_by_keyboard(page, chart.node(question_id).option(answer).label)
    assert visible_static_step(page) == [outcome]
    step = page.locator(f'.flowchart-static-step[data-node="{outcome}"]')
    assert step.get_attribute("data-decision") == chart.node(outcome).decision
    assert "needs JavaScript" in step.inner_text()


@pytest.fixture(scope="module")
def no_script_context(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context
    context.close()


@pytest.mark.parametrize("chart_id, answers, outcome", PATHS)
def test_without_javascript_every_path_reaches_its_outcome_by_keyboard(
    no_script_context, site_url, chart_id, answers, outcome
):
    page = no_script_context.new_page()
    page.goto(f"{site_url}flowchart/{chart_id}/")
    assert not page.locator(".flowchart-live").is_visible()
    walk_static(page, chart_id, answers, outcome)
    page.close()


@pytest.fixture(scope="module")
def no_wasm_context(browser):
    """A browser whose WebAssembly is switched off, as Edge's enhanced security mode does."""
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly;")
    context.route(re.compile(r".*\.wasm$"), lambda route: route.abort())
    yield context
    context.close()


def test_without_webassembly_the_static_chart_takes_over(no_wasm_context, site_url):
    page = no_wasm_context.new_page()
    page.goto(f"{site_url}flowchart/when-and-how/")
    assert wait_for_engine(page, "when-and-how") == "static"
    status = page.locator(".flowchart-status").inner_text()
    assert "could not start" in status and "record needs the interactive version" in status
    assert not page.locator(".flowchart-live").is_visible()
    walk_static(
        page,
        "when-and-how",
        [("purpose", "yes"), ("consent", "not-sure"), ("identifiable", "yes"), ("lawful-reason", "not-sure")],
        "seek-advice",
    )
    page.close()


def test_when_pyodide_cannot_load_the_static_chart_takes_over(browser, site_url):
    context = browser.new_context()
    context.route(re.compile(r".*/assets/pyodide/.*"), lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{site_url}flowchart/early-help-or-safeguarding/")
    assert wait_for_engine(page, "early-help-or-safeguarding") == "static"
    wait_until(lambda: page.locator(".flowchart-static").is_visible(), message="the static chart")
    context.close()


def test_when_the_download_stalls_the_static_chart_takes_over_and_says_so(browser, site_url):
    context = browser.new_context()
    # The WebAssembly never arrives. The page's limits on a stall are shortened for the test, as a
    # partnership could configure them, by setting the attributes as soon as the element is parsed:
    # 1.5 s with nothing arriving, and no extra allowance for the megabytes still due.
    context.route(re.compile(r".*\.wasm$"), lambda route: None)
    context.add_init_script(
        """new MutationObserver((changes, observer) => {
               const chart = document.querySelector('.flowchart[data-chart]');
               if (chart) {
                   chart.dataset.engineStall = '1500';
                   chart.dataset.engineSlowest = '1e12';
                   observer.disconnect();
               }
           }).observe(document, {childList: true, subtree: true});"""
    )
    page = context.new_page()
    page.goto(f"{site_url}flowchart/when-and-how/")
    assert wait_for_engine(page, "when-and-how", timeout_s=20) == "static"
    assert "stopped loading" in page.locator(".flowchart-status").inner_text()
    walk_static(page, "when-and-how", [("purpose", "no")], "no-purpose")
    context.close()


def test_a_corrupt_engine_wheel_is_refused_and_the_static_chart_takes_over(browser, site_url):
    """Pyodide fetches the wheel with the lockfile's sha256 as its integrity hash, so a wheel
    altered on the way (or a stale cached copy) is never run."""
    context = browser.new_context()

    def corrupt(route):
        body = bytearray(route.fetch().body())
        body[len(body) // 2] ^= 0xFF
        route.fulfill(status=200, body=bytes(body), headers={"content-type": "application/octet-stream"})

    context.route(re.compile(r".*/flowchart-[^/]*\.whl$"), corrupt)
    page = context.new_page()
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(f"{site_url}flowchart/when-and-how/")
    assert wait_for_engine(page, "when-and-how") == "static"
    assert "could not start" in page.locator(".flowchart-status").inner_text()
    # Pyodide reports the refused fetch (in the worker, the browser words it "Failed to fetch").
    assert any("error occurred while loading flowchart" in m for m in messages), messages
    walk_static(page, "when-and-how", [("purpose", "yes"), ("consent", "yes")], "share-with-consent")
    context.close()


@pytest.mark.parametrize(
    "file_pattern", [r"pyodide\.asm\.wasm", r"python_stdlib-[0-9a-f]+\.zip", r"flowchart-lock\.json"]
)
def test_a_corrupt_runtime_file_is_refused_on_a_first_visit(browser, site_url, file_pattern):
    """Each file Pyodide fetches is fetched with the hash the build recorded, so an altered
    file is refused even before the service worker holds a checked copy, and the page says so at
    once rather than after the engine's time limit."""
    context = browser.new_context(service_workers="block")

    def corrupt(route):
        response = route.fetch()
        body = bytearray(response.body())
        body[len(body) // 2] ^= 0xFF
        route.fulfill(response=response, body=bytes(body))

    context.route(re.compile(rf".*/{file_pattern}$"), corrupt)
    page = context.new_page()
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(f"{site_url}flowchart/when-and-how/")
    assert wait_for_engine(page, "when-and-how") == "static"
    assert "could not start" in page.locator(".flowchart-status").inner_text()
    refused = [w for w in warnings if w.startswith("Flowchart engine unavailable")]
    assert refused and "was refused" in refused[0] and re.search(file_pattern, refused[0]), warnings
    context.close()
