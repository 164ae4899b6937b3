"""After one visit, the service worker serves the whole site offline, Pyodide included, and keeps
nothing but the site's own files."""

import pytest

from flowchart import load_chart

from ..engine.helpers import all_paths
from .flowchart_driver import answer_by_keyboard, wait_for_engine, wait_for_node, wait_for_offline_copy, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SECOND_CHART = "early-help-or-safeguarding"


@pytest.fixture
def visited_context(browser, site_url):
    """A browser context after one visit to a chart page, with the service worker in charge."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}flowchart/when-and-how/")
    assert wait_for_engine(page, "when-and-how") == "pyodide"
    wait_for_offline_copy(page)
    page.close()
    yield context
    context.close()


def test_offline_a_guidance_page_loads_and_a_chart_reaches_an_outcome_through_pyodide(visited_context, site_url):
    visited_context.set_offline(True)
    page = visited_context.new_page()
    page.goto(f"{site_url}guidance/consent/")
    assert page.title().startswith("Consent")
    # A chart page not visited online: its page and the engine come from the precache.
    page.goto(f"{site_url}flowchart/{SECOND_CHART}/")
    assert wait_for_engine(page, SECOND_CHART) == "pyodide"
    answers, outcome = all_paths(load_chart(SECOND_CHART))[0]
    for _, answer in answers:
        answer_by_keyboard(page, answer)
    wait_for_node(page, outcome.id)
    page.close()


def test_the_offline_copy_holds_only_the_sites_own_files(visited_context, site_url):
    page = visited_context.new_page()
    page.goto(f"{site_url}flowchart/when-and-how/#chart=when-and-how&purpose=yes")
    assert wait_for_engine(page, "when-and-how") == "pyodide"
    cached = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
            }
            return urls;
        }"""
    )
    assert any(url.endswith(".wasm") for url in cached)
    for url in cached:
        assert url.startswith(site_url), url
        # No fragment (answers) and no query other than Workbox's revision stamp.
        assert "#" not in url and ("?" not in url or url.split("?")[1].startswith("__WB_REVISION__=")), url
    page.close()


SAVE_DATA = "Object.defineProperty(NetworkInformation.prototype, 'saveData', { get: () => true })"
REGISTRATIONS = "navigator.serviceWorker.getRegistrations().then((found) => found.length)"


def test_a_connection_that_asks_to_save_data_gets_no_offline_copy(browser, site_url):
    """The copy is some 25 MB (the privacy notice says so); Data Saver asks for less."""
    saving, ordinary = browser.new_context(), browser.new_context()
    saving.add_init_script(SAVE_DATA)
    pages = {name: context.new_page() for name, context in (("saving", saving), ("ordinary", ordinary))}
    for page in pages.values():
        page.goto(f"{site_url}guidance/consent/")
    assert pages["saving"].evaluate("navigator.connection.saveData") is True
    # The ordinary page registers once loaded and idle; the saving one, given three seconds more, never.
    wait_until(lambda: pages["ordinary"].evaluate(REGISTRATIONS) == 1, timeout_s=30, message="a registration")
    pages["saving"].wait_for_timeout(3000)
    assert pages["saving"].evaluate(REGISTRATIONS) == 0
    saving.close()
    ordinary.close()
