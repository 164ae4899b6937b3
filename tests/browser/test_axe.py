"""Zero WCAG 2.x A/AA axe violations on every page of the built site, and in every flowchart state."""


import pytest

from .axe import axe_violations
from .flowchart_driver import answer_by_keyboard, wait_for_engine

pytestmark = pytest.mark.browser



def site_pages(built_site):
    """Every HTML page in the built site, as a site-relative URL (404 page included)."""
    pages = []
    for html in sorted(built_site.rglob("*.html")):
        relative = html.relative_to(built_site).as_posix()
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return pages


@pytest.fixture
def scan_page(browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def test_every_page_has_no_axe_violations(scan_page, site_url, built_site):
    pages = site_pages(built_site)
    assert len(pages) >= 15
    failures = {}
    for path in pages:
        scan_page.goto(site_url + path)
        violations = axe_violations(scan_page)
        if violations:
            failures[path] = violations
    assert failures == {}


@pytest.mark.parametrize("answers", [["yes", "yes"], ["no"], []], ids=["share", "do-not-share", "question"])
def test_flowchart_states_have_no_axe_violations(scan_page, site_url, answers):
    scan_page.goto(site_url + "flowchart/when-and-how/")
    assert wait_for_engine(scan_page, "when-and-how") == "pyodide"
    for answer in answers:
        answer_by_keyboard(scan_page, answer)
    assert axe_violations(scan_page) == []


def test_flowchart_error_state_has_no_axe_violations(scan_page, site_url):
    scan_page.goto(site_url + "flowchart/when-and-how/")
    wait_for_engine(scan_page, "when-and-how")
    scan_page.get_by_role("button", name="Continue").click()
    assert scan_page.locator(".flowchart-error-summary").is_visible()
    assert axe_violations(scan_page) == []
