"""The decision record in the browser: filled in, downloaded as text and JSON, copied, and
checked field by field. Nothing is stored or sent while making it."""

import json

import pytest

from flowchart import load_chart

from .flowchart_driver import wait_for_engine, wait_for_node, wait_until

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
    context = browser.new_context(accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
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


def download(page, button):
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    path = info.value.path()
    return info.value.suggested_filename, path.read_text(encoding="utf-8")


def test_the_json_record_holds_every_question_answer_and_field(outcome_page):
    before = len(outcome_page.requests_after_fill())
    name, text = download(outcome_page, "Download as JSON")
    assert name.startswith("decision-record-when-and-how-") and name.endswith(".json")
    record = json.loads(text)
    chart = load_chart("when-and-how")
    assert record["format"] == "share-to-safeguard/decision-record"
    assert record["chart"] == {"id": "when-and-how", "title": chart.title, "version": chart.version}
    assert [(a["question_id"], a["answer"]) for a in record["answers"]] == [
        ("purpose", "yes"), ("consent", "no"), ("identifiable", "yes"), ("lawful-reason", "yes"),
    ]
    assert [a["question"] for a in record["answers"]] == [chart.node(q).text for q in ("purpose", "consent", "identifiable", "lawful-reason")]
    assert record["outcome"] == {"id": "share-lawful-reason", "title": chart.node("share-lawful-reason").title, "decision": "share"}
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
