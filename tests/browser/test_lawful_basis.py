"""The lawful-basis chart in the browser: walked by keyboard, its bases carried into a decision
record and back, with and without a walk of `when-and-how` first; and without JavaScript, every
part of its answer shown with the answers it is for."""

import json

import pytest

from flowchart import load_chart

from .flowchart_driver import answer_by_keyboard, current_node, tab_until, wait_for_engine, wait_for_node, wait_until

pytestmark = pytest.mark.browser

CHARITY = [
    ("organisation", "voluntary"),
    ("life-at-risk", "no"),
    ("request", "public-request"),
    ("special-category", "yes"),
    ("criminal", "yes"),
    ("confidence", "yes"),
    ("agreement", "unsafe"),
]
CARRIED = {
    "lawful_basis": "recognised-legitimate-interests",
    "recognised_condition": "disclosure-response",
    "special_category_condition": "safeguarding-para-18",
    "criminal_offence_condition": "safeguarding-para-18",
    "confidentiality_basis": "public-interest",
}


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def follow_by_keyboard(page, selector):
    """Tab to a link and press Enter, as a keyboard user would."""
    page.locator(".flowchart-live .flowchart-heading").focus()
    tab_until(page, selector, limit=200)
    page.keyboard.press("Enter")


def walk(page, answers):
    for question, answer in answers:
        assert current_node(page) == question
        answer_by_keyboard(page, answer)


def record_choices(page):
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.flowchart-record-form select')]
              .filter((s) => s.value).map((s) => [s.name, s.value]))"""
    )


def test_a_record_goes_to_the_lawful_basis_chart_and_comes_back_with_the_bases(page, site_url):
    page.goto(site_url + "flowchart/when-and-how/")
    assert wait_for_engine(page, "when-and-how") == "pyodide"
    walk(page, [("purpose", "yes"), ("consent", "no"), ("identifiable", "yes"), ("lawful-reason", "yes")])
    assert record_choices(page) == {}
    follow_by_keyboard(page, "a.flowchart-basis-link")
    page.wait_for_url("**/flowchart/lawful-basis/**")
    assert wait_for_engine(page, "lawful-basis") == "pyodide"
    wait_for_node(page, "organisation")
    walk(page, CHARITY)
    assert current_node(page) == "bases"
    carry = page.locator("a.flowchart-carry-link")
    assert carry.inner_text().startswith("Back to your decision record")
    follow_by_keyboard(page, "a.flowchart-carry-link")
    page.wait_for_url("**/flowchart/when-and-how/**")
    assert wait_for_engine(page, "when-and-how") == "pyodide"
    wait_for_node(page, "share-lawful-reason")
    wait_until(lambda: record_choices(page) == CARRIED, message="the carried bases in the record")
    # The follow-on field for the recognised legitimate interest condition is shown, since its
    # basis is chosen; the one for "other" is not.
    assert page.locator("[name=recognised_condition]").is_visible()
    assert not page.locator("[name=lawful_basis_other]").is_visible()
    # They go into the record as chosen, and can still be changed.
    page.locator("[name=confidentiality_basis]").select_option("consent")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as JSON").click()
    details = json.loads(info.value.path().read_text(encoding="utf-8"))["details"]
    assert details["lawful_basis"].startswith("Recognised legitimate interests (Article 6(1)(ea))")
    assert "Annex 1, paragraph 1" in details["recognised_condition"]
    assert details["confidentiality_basis"] == "The person's consent"


def test_without_a_walk_first_the_bases_start_a_record_and_reach_its_end(page, site_url):
    page.goto(site_url + "flowchart/lawful-basis/")
    assert wait_for_engine(page, "lawful-basis") == "pyodide"
    walk(
        page,
        [
            ("organisation", "council"),
            ("life-at-risk", "no"),
            ("request", "own"),
            ("special-category", "no"),
            ("criminal", "no"),
            ("confidence", "no"),
            ("agreement", "unsafe"),
        ],
    )
    assert page.locator("a.flowchart-carry-link").inner_text().startswith("Start a decision record")
    follow_by_keyboard(page, "a.flowchart-carry-link")
    page.wait_for_url("**/flowchart/when-and-how/**")
    assert wait_for_engine(page, "when-and-how") == "pyodide"
    wait_for_node(page, "purpose")
    walk(page, [("purpose", "yes"), ("consent", "no"), ("identifiable", "yes"), ("lawful-reason", "yes")])
    wait_until(
        lambda: record_choices(page) == {"lawful_basis": "public-task", "confidentiality_basis": "not-confidential"},
        message="the carried bases in the record",
    )


def test_a_follow_on_field_shows_when_asked_for_and_stays_while_it_holds_text(page, site_url):
    page.goto(
        site_url
        + "flowchart/when-and-how/#chart=when-and-how&purpose=yes&consent=no&identifiable=yes&lawful-reason=yes"
    )
    assert wait_for_engine(page, "when-and-how") == "pyodide"
    wait_for_node(page, "share-lawful-reason")
    other = page.locator("[name=lawful_basis_other]")
    assert not other.is_visible()
    page.locator("[name=lawful_basis]").select_option("other")
    assert other.is_visible()
    other.fill("Children Act 2004, section 11")
    page.locator("[name=lawful_basis]").select_option("public-task")
    assert other.is_visible()  # it holds text, so it is not hidden from the person
    page.get_by_role("button", name="Copy as text").click()
    wait_until(lambda: page.locator(".flowchart-record-status").inner_text() != "", message="the record")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as text").click()
    assert "Which other lawful basis: Children Act 2004, section 11" in info.value.path().read_text(encoding="utf-8")


def test_without_javascript_the_answer_shows_every_part_with_the_answers_it_is_for(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    from flowchart.render import static_anchor

    chart = load_chart("lawful-basis")
    page.goto(f"{site_url}flowchart/lawful-basis/#{static_anchor(chart, 'bases')}")
    step = page.locator('.flowchart-static-step[data-node="bases"]')
    assert step.is_visible()
    parts = step.locator(".flowchart-part")
    assert parts.count() == len(chart.node("bases").parts)
    for index, part in enumerate(chart.node("bases").parts):
        shown = parts.nth(index)
        assert shown.locator("h3").inner_text() == part.title
        assert shown.locator(".flowchart-part-when").inner_text().startswith("If you answered:")
    context.close()
