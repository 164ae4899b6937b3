"""Trust, page by page and state by state: no request to any other host, no console error or
Content-Security-Policy violation, nothing stored, keyboard and reflow behaviour that axe does
not check, and printing."""

import re
from urllib.parse import urlsplit

import pytest

from hooks.glossary import read_abbreviations

from .flowchart_driver import answer_by_keyboard, wait_for_engine, wait_for_node, wait_until
from .site_pages import SHARES, flowchart_states, share_of, site_pages

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


class Watcher:
    """Collects, for one browser context, requests to other hosts, console errors and CSP
    violations."""

    def __init__(self, context, site_url):
        self.origin = urlsplit(site_url).netloc
        self.foreign, self.errors = [], []
        context.add_init_script(RECORD_VIOLATIONS)
        context.on("request", self._request)
        context.on("page", self._page)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.origin:
            self.foreign.append(request.url)

    def _page(self, page):
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))

    def violations(self, page):
        return page.evaluate("window.__violations")


@pytest.fixture
def watched(browser, site_url):
    context = browser.new_context()
    watcher = Watcher(context, site_url)
    page = context.new_page()
    yield page, watcher
    context.close()


@pytest.fixture
def watched_narrow(browser, site_url):
    """A watched page 320 CSS pixels wide: WCAG's reflow width (a 1280-pixel screen at 400%).
    Without the offline copy, whose service worker would download every file of the site while
    the pages are visited (tests/browser/test_offline.py checks it, hosts included)."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, service_workers="block")
    watcher = Watcher(context, site_url)
    page = context.new_page()
    yield page, watcher
    context.close()


@pytest.mark.parametrize("share", range(SHARES))
def test_every_page_reflows_at_320_css_pixels_stays_on_its_own_host_with_no_errors_and_starts_with_the_skip_link(
    watched_narrow, site_url, built_site, share
):
    # One visit to each page checks all of these, since each visit is the costly part.
    page, watcher = watched_narrow
    violations, no_skip_link, too_wide = {}, [], {}
    pages = share_of(site_pages(built_site), share)
    for path in pages:
        page.goto(site_url + path)
        # A page that starts the engine is watched until its downloads are over; the others load
        # nothing after their load event but the search index, from this host.
        if page.locator("script[data-worker]").count():
            page.wait_for_load_state("networkidle")
        if watcher.violations(page):
            violations[path] = watcher.violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
        if path != "404.html" and not skips_to_the_content(page):
            no_skip_link.append(path)
    assert watcher.foreign == []
    assert watcher.errors == []
    assert violations == {}
    assert too_wide == {}
    assert no_skip_link == []
    stored = page.evaluate(
        "async () => [localStorage.length, sessionStorage.length, document.cookie, (await indexedDB.databases()).length]"
    )
    assert stored == [0, 0, "", 0], f"after visiting {len(pages)} pages"


def skips_to_the_content(page):
    """The first Tab stop is the skip link, and following it moves focus into the content."""
    page.keyboard.press("Tab")
    if not page.evaluate("document.activeElement.classList.contains('md-skip')"):
        return False
    page.keyboard.press("Enter")
    return page.evaluate(
        "() => { const a = document.activeElement; return !!a.closest('.md-content') || location.hash.length > 1 }"
    )


def test_every_flowchart_state_reflows_at_320_css_pixels_and_stays_on_its_own_host_with_no_errors(
    watched_narrow, site_url
):
    # One visit to each state checks both, with the whole chart (diagram and text) open.
    page, watcher = watched_narrow
    states = flowchart_states()
    assert len(states) >= 20
    chart, too_wide = None, {}
    for url in states:
        chart_id = url.split("/")[1]
        page.goto(site_url + url)
        if chart_id != chart:
            assert wait_for_engine(page, chart_id) == "pyodide"
            chart = chart_id
        expected = url.rsplit("&", 1)[-1] if "=" in url.rsplit("&", 1)[-1] else None
        wait_until(lambda: page.locator(".flowchart-live .flowchart-step").count() == 1, message=url)
        assert watcher.violations(page) == [], url
        assert expected is None or page.url.endswith(expected)
        page.locator(".flowchart-whole").evaluate("(d) => { d.open = true }")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[url] = width
    assert watcher.foreign == []
    assert watcher.errors == []
    assert too_wide == {}


def test_the_policy_forbids_inline_and_eval_scripts(watched, site_url):
    page, watcher = watched
    page.goto(site_url + "flowchart/when-and-how/")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'wasm-unsafe-eval'" in script_src
    # An injected inline script is refused, and the refusal is reported.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.append(s) }"
    )
    assert page.evaluate("window.injected") is None
    wait_until(lambda: watcher.violations(page), message="a CSP violation report")
    watcher.errors.clear()


@pytest.mark.parametrize("key", ["n", ".", "p", ",", "s", "f", "/"])
def test_single_key_shortcuts_do_nothing(watched, site_url, key):
    page, _ = watched
    page.goto(site_url + "guidance/consent/")
    page.locator("h1").click()
    page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == site_url + "guidance/consent/"
    assert not page.evaluate("document.activeElement.matches('.md-search__input')")


def test_typing_those_keys_into_a_field_still_works(watched, site_url):
    page, _ = watched
    page.goto(site_url + "flowchart/when-and-how/#chart=when-and-how&purpose=no")
    wait_for_engine(page, "when-and-how")
    wait_for_node(page, "no-purpose")
    field = page.locator("[name=rationale]")
    field.click()
    page.keyboard.type("s.n/f,p")
    assert field.input_value() == "s.n/f,p"


def test_abbreviations_can_be_reached_and_read_by_keyboard(watched, site_url):
    page, _ = watched
    meanings = dict(read_abbreviations())
    page.goto(site_url + "guidance/consent/")
    # The skip link first, then on through the content (the navigation grows with the site).
    assert skips_to_the_content(page)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    else:
        raise AssertionError("no abbreviation reachable by Tab")
    meaning = meanings[page.evaluate("document.activeElement.textContent")]
    # Material turns the title into its own tooltip, shown while the abbreviation has focus.
    wait_until(
        lambda: meaning in " ".join(page.locator(".md-tooltip2, .md-tooltip").all_inner_texts()), message="the tooltip"
    )


def test_a_live_region_announces_each_step(watched, site_url):
    page, _ = watched
    page.goto(site_url + "flowchart/when-and-how/")
    wait_for_engine(page, "when-and-how")
    answer_by_keyboard(page, "yes")
    announcer = page.locator(".flowchart-announcer")
    assert announcer.get_attribute("aria-live") == "polite"
    wait_until(lambda: announcer.inner_text() == "Question: Do you have consent to share?", message="the announcement")
    answer_by_keyboard(page, "yes")
    wait_until(lambda: announcer.inner_text().startswith("Outcome: Share."), message="the outcome announcement")


def test_printing_leaves_out_navigation_and_controls(watched, site_url):
    page, _ = watched
    page.goto(site_url + "flowchart/when-and-how/#chart=when-and-how&purpose=yes&consent=yes")
    wait_for_engine(page, "when-and-how")
    wait_for_node(page, "share-with-consent")
    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".flowchart-record-form",
        ".flowchart-back",
        ".flowchart-urgent",
    ):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".flowchart-outcome").is_visible()
