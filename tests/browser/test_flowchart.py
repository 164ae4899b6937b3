"""Every chart in headless Chromium, driven by the Python engine in Pyodide and walked by keyboard."""

import pytest

from flowchart import chart_ids, load_chart

from ..engine.helpers import covering_paths
from .flowchart_driver import answer_by_keyboard, current_node, wait_for_engine, wait_for_node, wait_until

pytestmark = pytest.mark.browser

PATHS = [
    pytest.param(chart_id, answers, outcome.id, outcome.decision, id=f"{chart_id}:" + "-".join(a for _, a in answers))
    for chart_id in chart_ids()
    for answers, outcome in covering_paths(load_chart(chart_id))
]


def chart_url(site_url, chart_id):
    return f"{site_url}flowchart/{chart_id}/"


@pytest.fixture(scope="module")
def chart_pages(browser, site_url):
    """One page per chart, with the engine loaded once; each test starts from a fresh fragment."""
    context = browser.new_context()
    pages, errors = {}, []

    def open_chart(chart_id):
        if chart_id not in pages:
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.goto(chart_url(site_url, chart_id))
            assert wait_for_engine(page, chart_id) == "pyodide"
            pages[chart_id] = page
        page = pages[chart_id]
        page.goto(chart_url(site_url, chart_id) + f"#chart={chart_id}")
        wait_for_node(page, load_chart(chart_id).start)
        return page

    yield open_chart
    context.close()
    assert errors == []


@pytest.mark.parametrize("chart_id, answers, outcome, decision", PATHS)
def test_every_path_by_keyboard_reaches_its_decision(chart_pages, chart_id, answers, outcome, decision):
    page = chart_pages(chart_id)
    for question, answer in answers:
        assert current_node(page) == question
        answer_by_keyboard(page, answer)
    result = page.locator(".flowchart-live [data-decision]")
    assert result.get_attribute("data-decision") == decision
    assert result.get_attribute("data-node") == outcome
    # Focus moves to the new step's heading so a screen reader announces it.
    assert page.evaluate("document.activeElement.classList.contains('flowchart-heading')")
    assert page.evaluate("document.activeElement.textContent") == load_chart(chart_id).node(outcome).title


def test_question_is_a_fieldset_with_a_legend_hint_help_and_labelled_radios(chart_pages):
    page = chart_pages("when-and-how")
    form = page.locator(".flowchart-live form")
    assert form.locator("fieldset legend").inner_text() == load_chart("when-and-how").node("purpose").text
    labels = []
    for radio in form.locator("input[type=radio]").all():
        label = form.locator(f"label[for='{radio.get_attribute('id')}']")
        assert label.is_visible()
        labels.append(label.inner_text())
    assert labels == ["Yes", "No", "I'm not sure"]
    assert form.locator(".flowchart-hint").is_visible()
    assert form.get_by_text("Help with this question").is_visible()
    assert form.get_by_role("button", name="Continue").is_visible()


def test_continuing_without_an_answer_shows_an_error(chart_pages):
    page = chart_pages("when-and-how")
    page.get_by_role("button", name="Continue").click()
    wait_until(lambda: page.locator(".flowchart-error-summary").count() == 1, message="the error summary")
    assert current_node(page) == "purpose"
    assert page.locator(".flowchart-error-message").inner_text() == "Select an answer to continue"


def test_back_link_returns_with_the_answer_still_chosen(chart_pages):
    page = chart_pages("when-and-how")
    answer_by_keyboard(page, "yes")
    answer_by_keyboard(page, "no")
    page.get_by_role("link", name="Back").click()
    wait_for_node(page, "consent")
    assert page.locator("input[value=no]").is_checked()


def test_change_keeps_later_answers_that_still_apply(chart_pages):
    page = chart_pages("when-and-how")
    for answer in ("yes", "no", "yes", "no"):
        answer_by_keyboard(page, answer)
    wait_for_node(page, "no-lawful-reason")
    page.get_by_role("link", name="Change your answer to: Is there a clear and legitimate purpose").click()
    wait_for_node(page, "purpose")
    assert page.locator("input[value=yes]").is_checked()
    answer_by_keyboard(page, "yes")
    # Every later answer was kept, so the same outcome comes straight back.
    wait_for_node(page, "no-lawful-reason")
    page.get_by_role("link", name="Change your answer to: Do you have consent to share?").click()
    wait_for_node(page, "consent")
    answer_by_keyboard(page, "yes")
    wait_for_node(page, "share-with-consent")


def test_start_again(chart_pages):
    page = chart_pages("when-and-how")
    answer_by_keyboard(page, "yes")
    page.get_by_role("link", name="Start again").click()
    wait_for_node(page, "purpose")
    assert page.locator("input[type=radio]:checked").count() == 0


def test_browser_back_and_forward_move_between_steps(chart_pages):
    page = chart_pages("when-and-how")
    answer_by_keyboard(page, "yes")
    answer_by_keyboard(page, "no")
    page.go_back()
    wait_for_node(page, "consent")
    page.go_back()
    wait_for_node(page, "purpose")
    page.go_forward()
    wait_for_node(page, "consent")


def test_a_reload_or_a_copied_link_restores_the_answers(chart_pages, browser, site_url):
    page = chart_pages("when-and-how")
    answer_by_keyboard(page, "yes")
    answer_by_keyboard(page, "yes")
    assert page.url.endswith("#chart=when-and-how&purpose=yes&consent=yes")
    copied = browser.new_page()
    copied.goto(page.url)
    wait_for_engine(copied, "when-and-how")
    wait_for_node(copied, "share-with-consent")
    copied.close()


HOSTILE_FRAGMENTS = [
    "chart=when-and-how&purpose=perhaps",  # an answer the question does not offer
    "chart=when-and-how&purpose=<img src=x onerror=alert(1)>",  # markup
    "chart=when-and-how&purpose=%3Cscript%3Ealert(1)%3C/script%3E",  # encoded script
    "chart=when-and-how&" + "x" * 5000,  # very long
    "chart=when-and-how&nowhere=yes",  # an unknown question id
    "chart=when-and-how&no-purpose=yes",  # an outcome id where a question belongs
    "chart=when-and-how&purpose[]=yes",  # a wrong type
    "chart=when-and-how&purpose=yes&purpose=no",  # the same question twice
    "chart=when-and-how&at=lawful-reason",  # revisiting a question off the path
    "chart=when-and-how&purpose=%E0%A4%A",  # broken percent-encoding
    "chart=when-and-how&javascript:alert(1)",
]


def test_hostile_fragments_restart_cleanly_with_a_message(browser, site_url):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(chart_url(site_url, "when-and-how"))
    wait_for_engine(page, "when-and-how")
    status = page.locator(".flowchart-status")
    for fragment in HOSTILE_FRAGMENTS:
        page.goto(chart_url(site_url, "when-and-how") + "#chart=when-and-how&purpose=yes")
        wait_for_node(page, "consent")
        page.goto(chart_url(site_url, "when-and-how") + "#" + fragment)
        wait_until(lambda: "started again" in status.inner_text(), message=f"a notice for {fragment[:60]!r}")
        assert current_node(page) == "purpose", fragment
        assert page.url.endswith("#chart=when-and-how"), fragment
    assert dialogs == []
    assert page.locator(".flowchart img, .flowchart-live script").count() == 0
    page.close()


def test_a_fragment_for_another_purpose_is_left_alone(browser, site_url):
    page = browser.new_page()
    page.goto(chart_url(site_url, "when-and-how") + "#about-this-flowchart")
    wait_for_engine(page, "when-and-how")
    assert current_node(page) == "purpose"
    assert page.locator(".flowchart-status").inner_text() == ""
    assert page.url.endswith("#about-this-flowchart")
    page.close()


def test_the_diagram_highlights_the_path_taken(chart_pages):
    page = chart_pages("when-and-how")
    answer_by_keyboard(page, "yes")
    answer_by_keyboard(page, "no")
    marked = page.evaluate(
        """() => [...document.querySelectorAll('.flowchart-diagram .is-on-path')].map(
              (e) => e.dataset.node ?? `${e.dataset.from}:${e.dataset.answer}`)"""
    )
    assert sorted(marked) == sorted(["purpose", "purpose:yes", "consent", "consent:no", "identifiable"])
    current = page.evaluate(
        "[...document.querySelectorAll('.flowchart-diagram .is-current')].map((e) => e.dataset.node)"
    )
    assert current == ["identifiable"]


# Counts the page's calls to the engine's worker and the worker's replies to them.
ENGINE_CALL_LOG = """
window.engineCalls = [];
window.engineReplies = 0;
window.Worker = class extends Worker {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", ({ data }) => data && "id" in data && window.engineReplies++);
  }
  postMessage(message, ...rest) {
    if (message && message.method) window.engineCalls.push(message.method);
    return super.postMessage(message, ...rest);
  }
};
"""


def test_continue_paints_the_reply_prepared_while_the_question_was_read(browser, site_url):
    context = browser.new_context()
    context.add_init_script(ENGINE_CALL_LOG)
    page = context.new_page()
    page.goto(chart_url(site_url, "when-and-how"))
    wait_for_engine(page, "when-and-how")
    settled = "() => window.engineCalls.includes('answers_ahead') && window.engineReplies === window.engineCalls.length"
    wait_until(lambda: page.evaluate(settled), message="the replies ahead")
    before = page.evaluate("window.engineCalls.length")
    answer_by_keyboard(page, "yes")
    wait_for_node(page, "consent")
    calls_for_the_answer = page.evaluate("(from) => window.engineCalls.slice(from)", before)
    # The next step came from the replies ahead: no "answer" went to the worker, only the request
    # for the new question's replies ahead.
    assert "answer" not in calls_for_the_answer, calls_for_the_answer
    wait_until(lambda: page.evaluate(settled), message="the next replies ahead")
    assert page.evaluate("window.engineCalls").count("answers_ahead") == 2
    context.close()


# Safari's engine throws a SecurityError when history.pushState or replaceState is called faster
# than it allows; here every call throws, the worst case.
HISTORY_REFUSED = """
for (const method of ["pushState", "replaceState"]) {
  History.prototype[method] = function () {
    throw new DOMException("Attempt to use history." + method + "() more than 100 times", "SecurityError");
  };
}
"""


def test_an_answer_is_taken_when_the_browser_refuses_history_changes(browser, site_url):
    context = browser.new_context()
    context.add_init_script(HISTORY_REFUSED)
    page = context.new_page()
    page.goto(chart_url(site_url, "when-and-how"))
    assert wait_for_engine(page, "when-and-how") == "pyodide"
    for answer in ("yes", "no", "yes", "yes"):
        answer_by_keyboard(page, answer)
    assert current_node(page) == "share-lawful-reason"
    # The address still holds the answers, so a reload or Back finds them.
    assert "lawful-reason=yes" in page.evaluate("location.hash")
    page.go_back()
    wait_for_node(page, "lawful-reason")
    context.close()
