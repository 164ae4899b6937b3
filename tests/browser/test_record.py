"""The decision record in the browser: filled in, downloaded as text and JSON, copied, and
checked field by field. Nothing is stored or sent while making it."""

import json

import pytest

from flowchart import load_chart

from .flowchart_driver import download, record_context, wait_for_engine, wait_for_node, wait_until

pytestmark = pytest.mark.browser

OUTCOME_URL = "flowchart/when-and-how/#chart=when-and-how&purpose=yes&consent=no&identifiable=yes&lawful-reason=yes"
TYPED = {
    "rationale": "Bruising seen twice; explanation did not fit. <b>not markup</b>",
    "what_shared": "Dates of visits\nWhat was seen",
    "shared_with": "Duty social worker, children's services",
    "how_shared": "Phone, then the secure referral portal",
    "advice_sought_from": "Designated safeguarding lead",
}


@pytest.fixture
def outcome_page(browser, site_url):
    context = record_context(browser)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + OUTCOME_URL)
    wait_for_engine(page, "when-and-how")
    wait_for_node(page, "share-lawful-reason")
    for key, value in TYPED.items():
        page.locator(f"[name={key}]").fill(value)
    page.locator("[name=lawful_basis]").select_option("public-task")
    page.locator("[name=family_told]").nth(2).check()  # Not yet
    page.locator("[name=family_not_told_reason]").fill("Social care asked us to wait")
    page.requests_after_fill = requests.copy
    yield page
    context.close()


def test_the_json_record_holds_every_question_answer_and_field(outcome_page):
    before = len(outcome_page.requests_after_fill())
    name, text = download(outcome_page, "Download as JSON")
    assert name.startswith("decision-record-when-and-how-") and name.endswith(".json")
    record = json.loads(text)
    chart = load_chart("when-and-how")
    assert record["format"] == "share-to-safeguard/decision-record"
    assert record["chart"] == {"id": "when-and-how", "title": chart.title, "version": chart.version}
    assert [(a["question_id"], a["answer"]) for a in record["answers"]] == [
        ("purpose", "yes"),
        ("consent", "no"),
        ("identifiable", "yes"),
        ("lawful-reason", "yes"),
    ]
    assert [a["question"] for a in record["answers"]] == [
        chart.node(q).text for q in ("purpose", "consent", "identifiable", "lawful-reason")
    ]
    assert record["outcome"] == {
        "id": "share-lawful-reason",
        "title": chart.node("share-lawful-reason").title,
        "decision": "share",
    }
    assert len(record["reasons"]) == 4
    details = record["details"]
    for key, value in TYPED.items():
        assert details[key] == value
    assert details["lawful_basis"] == "Public task (UK GDPR Article 6(1)(e))"
    assert details["family_told"] == "Not yet"
    assert details["family_not_told_reason"] == "Social care asked us to wait"
    assert record["created"][:4].isdigit() and "T" in record["created"]
    # Making the record sent nothing anywhere.
    assert outcome_page.requests_after_fill()[before:] == []


def test_the_text_record_reads_as_a_record(outcome_page):
    name, text = download(outcome_page, "Download as text")
    assert name.endswith(".txt")
    assert text.startswith("Information-sharing decision record")
    assert "Decision: Share" in text
    assert "Have you identified a lawful reason to share information without consent? — Yes" in text
    assert "Lawful basis for sharing (UK GDPR Article 6): Public task (UK GDPR Article 6(1)(e))" in text
    assert "Nothing was sent or stored" in text


def test_copy_puts_the_text_record_on_the_clipboard(outcome_page):
    outcome_page.get_by_role("button", name="Copy as text").click()
    status = outcome_page.locator(".flowchart-record-status")
    wait_until(lambda: "copied" in status.inner_text(), message="the copied notice")
    copied = outcome_page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Information-sharing decision record")
    assert TYPED["shared_with"] in copied


def test_nothing_is_stored_in_the_browser(outcome_page):
    download(outcome_page, "Download as JSON")
    stored = outcome_page.evaluate(
        """async () => ({
            local: localStorage.length,
            session: sessionStorage.length,
            cookies: document.cookie,
            databases: (await indexedDB.databases()).length,
        })"""
    )
    assert stored == {"local": 0, "session": 0, "cookies": "", "databases": 0}


def test_print_shows_the_record_and_opens_the_print_dialog(outcome_page):
    outcome_page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1 } }")
    outcome_page.get_by_role("button", name="Print the record").click()
    wait_until(lambda: outcome_page.evaluate("window.printed === 1"), message="the print dialog")
    preview = outcome_page.locator(".flowchart-record-text")
    assert preview.is_visible()
    assert preview.inner_text().startswith("Information-sharing decision record")


def test_a_record_before_an_outcome_is_refused_with_a_message(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "flowchart/when-and-how/#chart=when-and-how&purpose=yes&consent=yes")
    wait_for_engine(page, "when-and-how")
    wait_for_node(page, "share-with-consent")
    # A form left over from an outcome, submitted after the answers moved on, is refused by the engine.
    page.evaluate("history.replaceState(null, '', '#chart=when-and-how&purpose=yes')")
    page.get_by_role("button", name="Download as text").click()
    status = page.locator(".flowchart-record-status")
    wait_until(lambda: "not reached an outcome" in status.inner_text(), message="the refusal")
    page.close()


def test_an_outcome_that_shares_nothing_does_not_ask_what_was_shared(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "flowchart/when-and-how/#chart=when-and-how&purpose=no")
    wait_for_engine(page, "when-and-how")
    wait_for_node(page, "no-purpose")
    form = page.locator(".flowchart-record-form")
    assert form.locator("[name=rationale]").is_visible()
    for field in ("what_shared", "shared_with", "how_shared"):
        assert form.locator(f"[name={field}]").count() == 0, field
    page.close()


def pdf_pages(page):
    """The page as Chromium prints it, as the text of each printed sheet."""
    from io import BytesIO

    from pypdf import PdfReader

    return [sheet.extract_text() for sheet in PdfReader(BytesIO(page.pdf())).pages]


def test_the_browsers_own_print_includes_what_was_typed(outcome_page):
    printed = " ".join(" ".join(pdf_pages(outcome_page)).split())
    for key in ("rationale", "shared_with", "how_shared"):
        assert " ".join(TYPED[key].split()) in printed, key
    assert "Social care asked us to wait" in printed


def test_print_the_record_prints_the_record_alone(outcome_page):
    # Headless Chromium has no print dialog: the test stands in for it, and prints what the page
    # has set up for printing.
    outcome_page.evaluate("() => { window.print = () => { window.printed = true } }")
    outcome_page.get_by_role("button", name="Print the record").click()
    wait_until(lambda: outcome_page.evaluate("window.printed === true"), message="the print dialog")
    sheets = pdf_pages(outcome_page)
    printed = "\n".join(sheets)
    # The record from its first line, on the first sheet (under the running header), and all of it.
    assert sheets[0].split("\n")[2].startswith("Information-sharing decision record"), sheets[0][:300]
    for value in (TYPED["shared_with"], TYPED["advice_sought_from"], "Social care asked us to wait"):
        assert value in printed, value
    # Nothing of the page around it: the outcome's advice, the form, the navigation.
    for elsewhere in (
        "Who to ask for advice",
        "Record your decision",
        "Local contacts",
        "Printed copies go out of date",
    ):
        assert elsewhere not in printed, elsewhere
    # After printing the page is whole again.
    outcome_page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert outcome_page.evaluate("document.documentElement.dataset.printing") is None
    assert outcome_page.locator(".print-alone").count() == 0


def test_a_link_out_of_the_outcome_opens_in_a_new_tab_and_the_record_stays(outcome_page):
    link = outcome_page.locator(".flowchart-outcome a[href*='contacts/']").first
    assert "opens in a new tab" in link.inner_text()
    with outcome_page.context.expect_page() as opened:
        link.click()
    opened.value.wait_for_load_state()
    assert opened.value.url.endswith("/contacts/")
    for key, value in TYPED.items():
        assert outcome_page.locator(f"[name={key}]").input_value() == value, key


def test_going_back_and_forward_in_the_chart_keeps_what_was_typed(outcome_page):
    # The chart's own Back link, then the browser's Back to return to the outcome.
    outcome_page.locator(".flowchart-back").click()
    wait_for_node(outcome_page, "lawful-reason")
    outcome_page.go_back()
    wait_for_node(outcome_page, "share-lawful-reason")
    for key, value in TYPED.items():
        assert outcome_page.locator(f"[name={key}]").input_value() == value, key
    assert outcome_page.locator("[name=lawful_basis]").input_value() == "public-task"
    assert outcome_page.locator("[name=family_told]").nth(2).is_checked()
    assert outcome_page.locator("[name=family_not_told_reason]").input_value() == "Social care asked us to wait"


def test_links_out_of_an_outcome_with_nothing_typed_open_as_usual(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + OUTCOME_URL)
    wait_for_engine(page, "when-and-how")
    wait_for_node(page, "share-lawful-reason")
    link = page.locator(".flowchart-outcome a[href*='contacts/']").first
    assert link.get_attribute("target") is None and "new tab" not in link.inner_text()
    page.close()


def _set(page, field, value):
    if field.kind == "text":
        page.locator(f"[name={field.key}]").fill(value)
    elif field.kind == "choice":
        page.locator(f"[name={field.key}]").select_option(value)
    else:
        page.locator(f"[name={field.key}][value={value}]").check()


def test_every_field_typed_or_chosen_reaches_both_records_even_after_its_condition_is_undone(outcome_page):
    """Each field of the form, filled as a person would: a conditional field after choosing
    what asks for it. Then each condition is undone; what was typed stays on screen and in
    the record, so nothing typed is lost without the person seeing it."""
    from flowchart.record import RECORD_FIELDS

    fields = {field.key: field for field in RECORD_FIELDS}
    chosen = {}
    for field in RECORD_FIELDS:
        if field.shown_when:
            controller, values = field.shown_when
            _set(outcome_page, fields[controller], values[0])
            chosen[controller] = values[0]
        typed = f"Typed into {field.key}" + ("\nsecond line" if field.multiline else " & kept")
        value = field.choices[-1].value if field.choices else typed
        _set(outcome_page, field, value)
        chosen[field.key] = value
    dependants = [field for field in RECORD_FIELDS if field.shown_when]
    assert dependants, "no conditional field left to test"
    for controller in {field.shown_when[0] for field in dependants}:
        asked_for = {
            value for field in dependants if field.shown_when[0] == controller for value in field.shown_when[1]
        }
        undone = next(c.value for c in fields[controller].choices if c.value not in asked_for)
        _set(outcome_page, fields[controller], undone)
        chosen[controller] = undone
    for field in dependants:
        assert outcome_page.locator(f"[name={field.key}]").first.is_visible(), (
            f"{field.key} was hidden with something in it"
        )

    def shown(key):
        field = fields[key]
        return field.choice(chosen[key]).label if field.choices else chosen[key]

    details = json.loads(download(outcome_page, "Download as JSON")[1])["details"]
    assert details == {key: shown(key) for key in fields}
    text = download(outcome_page, "Download as text")[1]
    for key, field in fields.items():
        assert shown(key).splitlines()[0] in text, f"{field.label} is missing from the text record"
