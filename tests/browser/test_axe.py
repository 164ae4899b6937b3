"""Zero WCAG 2.x A/AA axe violations on every page of the built site, and in every flowchart state,
in both colour schemes."""

import pytest

from flowchart import load_chart
from flowchart.fragment import place_from_fragment
from flowchart.render import static_anchor

from .axe import axe_violations
from .flowchart_driver import wait_for_engine, wait_for_node, wait_until
from .site_pages import SHARES, chart_pages, one_page_of_each_kind, share_of, site_pages

pytestmark = pytest.mark.browser


@pytest.fixture(params=["light", "dark"])
def scan_page(browser, request):
    """A page for axe scans, in the light or the dark colour scheme (Material follows the
    system preference). Without the offline copy: its service worker would download every file
    of the site while the pages are scanned (tests/browser/test_offline.py checks it)."""
    context = browser.new_context(bypass_csp=True, color_scheme=request.param, service_workers="block")
    page = context.new_page()
    page.scheme = request.param
    yield page
    context.close()


@pytest.mark.parametrize("share", range(SHARES))
def test_every_page_has_no_axe_violations(scan_page, site_url, built_site, share):
    # Every page in the light scheme; in the dark scheme, which changes only colours, one page of
    # each kind, so every template and component is scanned in both. A chart's page is scanned in
    # each of its states, its first included, by the test below.
    # The header, navigation and footer are scanned whole on one page of each kind (where each
    # section's navigation is open), in both schemes; on the other pages, the page's own content.
    whole = set(one_page_of_each_kind(built_site))
    pages = site_pages(built_site) if scan_page.scheme == "light" else sorted(whole)
    pages = [path for path in pages if path not in chart_pages()]
    assert len(pages) >= 10
    failures = {}
    for path in share_of(pages, share):
        scan_page.goto(site_url + path)
        violations = axe_violations(scan_page, whole=path in whole)
        if violations:
            failures[path] = violations
    assert failures == {}


LAWFUL_BASIS_CHARITY = "organisation=voluntary&life-at-risk=no&request=public-request&special-category=yes&criminal=yes&confidence=yes&agreement=refused"
STATES = [
    ("when-and-how", ""),
    ("when-and-how", "purpose=yes&consent=no"),
    ("when-and-how", "purpose=yes&consent=no&at=consent"),
    ("when-and-how", "purpose=yes&consent=yes"),
    ("when-and-how", "purpose=no"),
    ("when-and-how", "purpose=not-sure"),
    ("when-and-how", "purpose=yes&consent=no&identifiable=yes&lawful-reason=no"),
    # A record with lawful bases carried in from the lawful-basis chart (a follow-on field shown).
    (
        "when-and-how",
        "purpose=yes&consent=no&identifiable=yes&lawful-reason=yes&record.lawful_basis=recognised-legitimate-interests&record.recognised_condition=safeguarding",
    ),
    ("early-help-or-safeguarding", ""),
    ("early-help-or-safeguarding", "significant-harm=yes&telling-parents-risk=not-sure"),
    ("early-help-or-safeguarding", "significant-harm=no&risk-of-harm=yes"),
    ("early-help-or-safeguarding", "significant-harm=no&risk-of-harm=no&family-help-agreed=not-yet"),
    ("lawful-basis", ""),
    ("lawful-basis", "organisation=voluntary&life-at-risk=no"),
    ("lawful-basis", LAWFUL_BASIS_CHARITY),
    ("lawful-basis", "organisation=police"),
    ("lawful-basis", "organisation=council&life-at-risk=yes"),
]


@pytest.mark.parametrize("chart_id", sorted({chart for chart, _ in STATES}))
def test_flowchart_states_have_no_axe_violations(scan_page, site_url, chart_id):
    # One page per chart, moved from state to state through its URL fragment as Back and Forward
    # would: the engine starts once, not once per state.
    scan_page.goto(f"{site_url}flowchart/{chart_id}/")
    assert wait_for_engine(scan_page, chart_id) == "pyodide"
    chart = load_chart(chart_id)
    failures = {}
    for state in [state for chart_of, state in STATES if chart_of == chart_id]:
        fragment = f"chart={chart_id}" + (f"&{state}" if state else "")
        scan_page.evaluate("(fragment) => { location.hash = fragment }", fragment)
        wait_for_node(scan_page, place_from_fragment(chart, fragment).journey.current.id)
        # The page whole in its first state; then what the states change, its content.
        violations = axe_violations(scan_page, whole=not state)
        if violations:
            failures[state or "start"] = violations
    assert failures == {}


def test_error_and_record_states_have_no_axe_violations(scan_page, site_url):
    scan_page.goto(site_url + "flowchart/when-and-how/")
    wait_for_engine(scan_page, "when-and-how")
    scan_page.get_by_role("button", name="Continue").click()
    wait_until(lambda: scan_page.locator(".flowchart-error-summary").count() == 1, message="the error")
    assert axe_violations(scan_page) == []
    scan_page.goto(site_url + "flowchart/when-and-how/#chart=when-and-how&purpose=yes&consent=yes")
    wait_for_node(scan_page, "share-with-consent")
    scan_page.get_by_role("button", name="Copy as text").click()
    scan_page.locator(".flowchart-record-text").evaluate("(e) => { e.hidden = false }")
    assert axe_violations(scan_page) == []


STATIC_STATES = [
    ("when-and-how", "purpose"),
    ("when-and-how", "consent"),
    ("when-and-how", "share-with-consent"),
    ("when-and-how", "seek-advice"),
    ("lawful-basis", "bases"),  # every part of the answer, each with the answers it is for
]


@pytest.mark.parametrize("chart_id, node", STATIC_STATES, ids=[f"{c}:{n}" for c, n in STATIC_STATES])
def test_the_static_chart_has_no_axe_violations(browser, site_url, chart_id, node):
    context = browser.new_context(bypass_csp=True)
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    page.goto(f"{site_url}flowchart/{chart_id}/#{static_anchor(load_chart(chart_id), node)}")
    assert wait_for_engine(page, chart_id) == "static"
    assert axe_violations(page) == []
    context.close()
