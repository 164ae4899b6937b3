"""The flowchart in headless Chromium, driven by the Python engine in Pyodide, walked by keyboard."""

import pytest

from flowchart import load_chart

from ..engine.helpers import all_paths
from .flowchart_driver import answer_by_keyboard, current_node, wait_for_engine

pytestmark = pytest.mark.browser

CHART = "when-and-how"
PATHS = [(answers, outcome.id, outcome.decision) for answers, outcome in all_paths(load_chart(CHART))]


@pytest.fixture
def chart_page(page, site_url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site_url + "flowchart/when-and-how/")
    assert wait_for_engine(page, CHART) == "pyodide"
    yield page
    assert errors == []


@pytest.mark.parametrize(
    "answers, outcome, decision", PATHS, ids=["-".join(a for _, a in answers) for answers, _, _ in PATHS]
)
def test_every_path_by_keyboard_reaches_its_decision(chart_page, answers, outcome, decision):
    for question, answer in answers:
        assert current_node(chart_page) == question
        answer_by_keyboard(chart_page, answer)
    result = chart_page.locator(".flowchart-live [data-decision]")
    assert result.get_attribute("data-decision") == decision
    assert result.get_attribute("data-node") == outcome
    # Focus moves to the new step's heading so a screen reader announces it.
    assert chart_page.evaluate("document.activeElement.classList.contains('flowchart-heading')")


def test_question_is_a_fieldset_with_a_legend_and_labelled_radios(chart_page):
    form = chart_page.locator(".flowchart-live form")
    assert form.locator("fieldset legend").inner_text() == load_chart(CHART).node("purpose").text
    for radio in form.locator("input[type=radio]").all():
        label = form.locator(f"label[for='{radio.get_attribute('id')}']")
        assert label.is_visible() and label.inner_text() in ("Yes", "No")
    assert form.get_by_role("button", name="Continue").is_visible()


def test_continuing_without_an_answer_shows_an_error(chart_page):
    chart_page.get_by_role("button", name="Continue").click()
    assert chart_page.locator(".flowchart-error-summary").is_visible()
    assert current_node(chart_page) == "purpose"


def test_back_and_start_again(chart_page):
    answer_by_keyboard(chart_page, "yes")
    answer_by_keyboard(chart_page, "no")
    assert current_node(chart_page) == "identifiable"
    chart_page.get_by_role("button", name="Back").click()
    assert current_node(chart_page) == "consent"
    chart_page.get_by_role("button", name="Start again").click()
    assert current_node(chart_page) == "purpose"


def test_answers_survive_a_reload_through_the_fragment(chart_page):
    answer_by_keyboard(chart_page, "yes")
    answer_by_keyboard(chart_page, "yes")
    assert chart_page.url.endswith("#chart=when-and-how&purpose=yes&consent=yes")
    chart_page.reload()
    wait_for_engine(chart_page, CHART)
    assert current_node(chart_page) == "share-with-consent"


def test_browser_back_returns_to_the_previous_step(chart_page):
    answer_by_keyboard(chart_page, "yes")
    answer_by_keyboard(chart_page, "no")
    chart_page.go_back()
    for _ in range(100):
        if current_node(chart_page) == "consent":
            break
        chart_page.wait_for_timeout(20)
    assert current_node(chart_page) == "consent"
