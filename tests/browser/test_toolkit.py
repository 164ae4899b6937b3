"""The practitioner toolkit in a real browser: every chart fits a phone's first screen, an outcome
on a phone puts the decision first and the record on request, the quick reference prints on one
sheet of A4, the disclosure record keeps every typed value exactly in every output, and a worked
example's link opens its chart at its outcome."""

import json
from io import BytesIO

import pytest
from pypdf import PdfReader

from flowchart import chart_ids
from flowchart.disclosure import DISCLOSURE_FIELDS

from .flowchart_driver import download, record_context, wait_for_engine, wait_for_node, wait_until

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield context.new_page()
    context.close()


def bottom(locator):
    box = locator.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("chart", chart_ids())
def test_on_a_phone_the_urgent_message_then_the_first_question_and_all_its_answers_fit_the_first_screen(
    phone, site_url, chart
):
    phone.goto(f"{site_url}flowchart/{chart}/")
    wait_for_engine(phone, chart)
    content = phone.locator(".md-content")
    urgent = content.locator(".flowchart-urgent")
    question = content.locator(".flowchart-live .flowchart-heading")
    answers = content.locator(".flowchart-live input[type=radio]")
    # The urgent message is the first thing after the page's title, with 999 to tap.
    first_shown_after_title = phone.evaluate(
        "() => [...document.querySelectorAll('.md-content h1 ~ *')].find((e) => e.offsetParent !== null).className"
    )
    assert "flowchart-urgent" in first_shown_after_title
    assert urgent.locator(".admonition-title a[href='tel:999']").is_visible()
    # The partnership's logo is in the header on a phone too, not only inside the drawer.
    assert phone.locator(".md-header .md-logo").is_visible()
    assert urgent.bounding_box()["y"] < question.bounding_box()["y"]
    for element in [urgent, question] + [answers.nth(i) for i in range(answers.count())]:
        assert bottom(element) <= PHONE["height"], (chart, element)
    # The front door for each area is one tap away, and the numbers can be tapped.
    urgent.locator("summary").tap()
    numbers = urgent.locator("a[href^='tel:']:not([href='tel:999'])")
    assert numbers.count() >= 2 and numbers.first.is_visible()


def test_on_a_phone_an_outcome_puts_the_decision_why_and_next_steps_first_and_the_record_on_request(phone, site_url):
    phone.goto(
        f"{site_url}flowchart/when-and-how/#chart=when-and-how&purpose=yes&consent=no&identifiable=yes&lawful-reason=yes"
    )
    wait_for_engine(phone, "when-and-how")
    wait_for_node(phone, "share-lawful-reason")
    outcome = phone.locator(".flowchart-live .flowchart-outcome")
    decision = outcome.locator(".flowchart-decision")
    reasons = outcome.locator(".flowchart-reasons")
    record = phone.locator(".flowchart-live .flowchart-record")
    assert decision.bounding_box()["y"] < PHONE["height"]
    assert bottom(decision) < reasons.bounding_box()["y"] < record.bounding_box()["y"]
    form = record.locator(".flowchart-record-form")
    assert not form.is_visible()
    record.locator("summary").tap()
    assert form.is_visible()
    form.locator("textarea").first.fill("Typed on a phone")
    assert form.evaluate("(form) => form.classList.contains('is-filled')")


def test_the_quick_reference_prints_on_one_sheet_of_a4(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "guidance/quick-reference/")
    sheets = PdfReader(BytesIO(page.pdf(format="A4"))).pages
    printed = " ".join(sheets[0].extract_text().split())
    page.close()
    assert len(sheets) == 1, f"{len(sheets)} sheets"
    for words in (
        "7. Record your reasons",
        "Have you identified a lawful reason",
        "call 999",
        "Law and guidance as at",
    ):
        assert words in printed, words


# What a practitioner might type: markup that must stay text, several lines, and a long value.
TYPED = {
    "child": '<b>Sam</b> & "Alex" </textarea><script>alert(1)</script>',
    "who_told": "Her friend Jo & her mum <i>x</i>",
    "when_told": "Tues 1/12 about 10.15",
    "where_and_how": 'In the corridor.\nI asked: "Are you OK?"',
    "their_words": "my dads mate dont let me go home\n\nhe said if i tell he'll **kill** me {{ 7*7 }}",
    "noticed": "Bruise on left wrist.\n  Indented line kept",
    "present": "No one else",
    "you_said_and_did": "Said I could not keep it secret. " + "Long. " * 300,
    "passed_to": "Ms Patel, DSL, 10:40.\nChildren's social care by phone at 11:05.",
    "recorded_by": "J. Jones, teaching assistant",
}


@pytest.fixture
def disclosure_page(browser, site_url):
    context = record_context(browser)
    page = context.new_page()
    page.goto(site_url + "guidance/disclosure-record/")
    form = page.locator(".disclosure-record-form")
    for field in DISCLOSURE_FIELDS:
        form.locator(f"[name='{field.key}']").fill(TYPED[field.key])
    yield page
    context.close()


def as_text_lines(label, value):
    if "\n" not in value:
        return f"{label}: {value}"
    return f"{label}:\n" + "\n".join(f"  {line}" if line else "" for line in value.split("\n"))


def test_the_disclosure_record_keeps_every_typed_value_exactly_in_every_output(disclosure_page):
    page = disclosure_page
    name, text = download(page, "Download as JSON", timeout_s=60)
    assert name.startswith("disclosure-record-") and name.endswith(".json")
    assert json.loads(text)["details"] == {key: value.strip() for key, value in TYPED.items()}
    name, text = download(page, "Download as text")
    assert name.startswith("disclosure-record-") and name.endswith(".txt")
    page.get_by_role("button", name="Copy as text").click()
    status = page.locator(".disclosure-record .flowchart-record-status")
    wait_until(lambda: "copied" in status.inner_text(), message="the copied notice")
    copied = page.evaluate("navigator.clipboard.readText()")
    page.evaluate("() => { window.print = () => { window.printed = true } }")
    page.get_by_role("button", name="Print the record").click()
    wait_until(lambda: page.evaluate("window.printed === true"), message="the print dialog")
    printed = page.locator(".print-alone pre").text_content()
    for output in (text, copied, printed):
        assert output.startswith("Record of what a child told me")
        for field in DISCLOSURE_FIELDS:
            assert as_text_lines(field.label, TYPED[field.key].strip()) in output, field.key
    # Nothing typed became markup on the page.
    assert page.locator(".md-content b, .print-alone b").count() == 0
    assert page.evaluate("window.localStorage.length + window.sessionStorage.length") == 0


def test_a_worked_examples_link_opens_its_chart_at_its_outcome(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "examples/schools-and-early-years/")
    section = page.locator("h3#dsl-pupil-asks-not-to-tell ~ p.worked-example-links").first
    section.get_by_role("link", name="See this path in the flowchart").click()
    wait_for_engine(page, "when-and-how")
    wait_for_node(page, "share-lawful-reason")
    assert page.locator(".flowchart-answers dd:not(.flowchart-change)").count() == 4
    page.close()
