"""What practitioners meet first, tried as they would: where to start when a child has just told
them something, an urgent panel that leaves room for the first question, printed pages that say
when and where they came from, a colour scheme that follows the device, tables that can be read
on a phone, Back that finds the earlier answer, and the family help contact for each area."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from .flowchart_driver import wait_for_engine, wait_for_node

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=LAPTOP)
    yield context.new_page()
    context.close()


def heading(locator):
    return locator.inner_text().rstrip("¶").strip()  # without the permalink


def main_link(page, name):
    return page.locator(".md-content").get_by_role("link", name=name, exact=True)


def test_the_home_page_offers_three_plain_places_to_start_and_each_leads_where_it_says(page, site_url):
    page.goto(site_url)
    starts = page.locator(".md-content .start-here a")
    assert starts.all_inner_texts() == [
        "A child has told me something",
        "Can I share this?",
        "Early help or safeguarding?",
    ]
    main_link(page, "A child has told me something").click()
    assert heading(page.locator("h1")) == "A child has told me something: what to do and say"
    steps = [heading(h) for h in page.locator(".md-content h2").all()]
    assert steps[:4] == [
        "1. Listen, and do not promise secrecy",
        "2. Pass it on today",
        "3. Write it down",
        "4. Then decide what else to share",
    ]
    assert page.locator(".md-content a[href$='recording/#recording-a-disclosure']").count() == 1
    assert main_link(page, "Can I share this? When and how to share information").count() == 1
    page.go_back()
    main_link(page, "Can I share this?").click()
    assert page.url == site_url + "flowchart/when-and-how/"
    page.go_back()
    main_link(page, "Early help or safeguarding?").click()
    assert page.url == site_url + "flowchart/early-help-or-safeguarding/"


@pytest.mark.parametrize(
    "guidance, chart",
    [
        ("guidance/early-help-and-safeguarding/", "flowchart/early-help-or-safeguarding/"),
        ("guidance/consent/", "flowchart/when-and-how/"),
        ("law/data-protection/", "flowchart/lawful-basis/"),
        ("guidance/a-child-has-told-me/", "flowchart/when-and-how/"),
    ],
)
def test_each_chart_is_linked_from_the_guidance_it_belongs_with_before_the_end_of_the_page(
    page, site_url, guidance, chart
):
    page.goto(site_url + guidance)
    links = page.locator(f".md-content a[href$='{chart.split('/')[1]}/']")
    assert links.count() >= 1
    # Within the page's body, not only in a list at its foot: above its last heading.
    last_heading = page.locator(".md-content h2").last.bounding_box()["y"]
    assert links.first.bounding_box()["y"] < last_heading


def test_on_a_laptop_the_urgent_panel_and_the_first_question_both_fit_the_first_screen(page, site_url):
    for chart in ("when-and-how", "early-help-or-safeguarding", "lawful-basis"):
        page.goto(f"{site_url}flowchart/{chart}/")
        urgent = page.locator(".flowchart-urgent .admonition-title")
        assert "call 999" in urgent.inner_text()
        question = page.locator(".flowchart-live .flowchart-heading")
        first_answer = page.locator(".flowchart-live input[type=radio]").first
        for element in (urgent, question, first_answer):
            box = element.bounding_box()
            assert box["y"] + box["height"] <= LAPTOP["height"], (chart, box)
        # The numbers for each area are one step away, and there when asked for.
        numbers = page.locator(".flowchart-urgent details")
        numbers.locator("summary").click()
        assert numbers.locator("a[href^='tel:']").first.is_visible()


def test_the_example_numbers_warning_comes_before_the_numbers(page, site_url):
    page.goto(site_url)
    warning = page.locator(".md-content .partnership-example").bounding_box()["y"]
    page.locator(".md-content details summary").first.click()
    first_number = page.locator(".md-content a[href^='tel:']").first.bounding_box()["y"]
    assert warning < first_number


def test_the_early_help_charts_not_sure_outcome_gives_a_dsl_their_own_next_step(page, site_url):
    page.goto(
        f"{site_url}flowchart/early-help-or-safeguarding/#chart=early-help-or-safeguarding&significant-harm=not-sure"
    )
    wait_for_engine(page, "early-help-or-safeguarding")
    wait_for_node(page, "discuss-now")
    outcome = page.locator(".flowchart-outcome")
    text = outcome.inner_text()
    assert "If you are the designated safeguarding lead" in text and "consultation" in text
    # The family help team for each area, from the partnership's settings.
    table = outcome.locator(".partnership-family-help table")
    assert table.locator("tbody tr").count() == 4
    assert table.locator("a[href^='tel:']").count() == 4


def test_back_finds_the_answer_given_before_still_chosen(page, site_url):
    page.goto(f"{site_url}flowchart/when-and-how/")
    wait_for_engine(page, "when-and-how")
    for answer in ("yes", "no"):
        page.locator(f".flowchart-live input[value={answer}]").check()
        page.get_by_role("button", name="Continue").click()
    wait_for_node(page, "identifiable")
    page.go_back()
    wait_for_node(page, "consent")
    assert page.locator(".flowchart-live input[value=no]").is_checked()
    page.go_back()
    wait_for_node(page, "purpose")
    assert page.locator(".flowchart-live input[value=yes]").is_checked()


def printed_sheets(page):
    return [sheet.extract_text() for sheet in PdfReader(BytesIO(page.pdf())).pages]


def test_a_printed_page_says_on_its_first_sheet_when_and_where_it_was_printed(page, site_url):
    page.goto(site_url + "guidance/consent/")
    sheets = printed_sheets(page)
    assert len(sheets) > 1
    first = " ".join(sheets[0].split())
    address = site_url + "guidance/consent/"
    today = page.evaluate("new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})")
    assert f"printed on {today} from {address}" in first
    assert "Printed copies go out of date" in first
    # Before the page's own title, not after its last line.
    assert first.index("Printed copies go out of date") < first.index("Consent")
    # And a running header on every sheet.
    for sheet in sheets:
        assert f"from {address}" in " ".join(sheet.split()), sheet[:200]


def test_a_printed_page_names_the_address_it_was_printed_from_not_the_one_it_was_built_for(page, site_url):
    page.goto(site_url + "about/glossary/")
    notice = page.locator(".print-notice [data-print-address]")
    # The test server's port is not the one the build was given as its site_url.
    assert notice.inner_text() == site_url + "about/glossary/"


@pytest.mark.parametrize("scheme, expected", [("dark", "slate"), ("light", "default")])
def test_the_colour_scheme_follows_the_device_with_no_switch_that_would_reset(browser, site_url, scheme, expected):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    for path in ("", "guidance/consent/", "flowchart/when-and-how/"):
        page.goto(site_url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected, path
        assert page.locator("label[title^='Switch to']:visible").count() == 0, path
    context.close()


def test_on_a_phone_no_table_cell_is_squeezed_into_a_tall_thin_strip(browser, site_url, built_site):
    pages = sorted(
        html.parent.relative_to(built_site).as_posix()
        for html in built_site.rglob("index.html")
        if "<table" in html.read_text(encoding="utf-8")
        and not html.relative_to(built_site).as_posix().startswith("assets/")
    )
    # Without the offline copy's service worker, which would download the whole site meanwhile.
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    squeezed = {}
    for path in pages:
        page.goto(site_url + ("" if path == "." else path + "/"))
        for details in page.locator(".md-content details").all():
            details.evaluate("(d) => { d.open = true }")
        worst = page.evaluate(
            """() => Math.max(0, ...[...document.querySelectorAll('.md-content table :is(td, th)')]
                .map((cell) => cell.getBoundingClientRect())
                .filter((box) => box.width > 0)
                .map((box) => box.height / box.width))"""
        )
        if worst > 2.5:
            squeezed[path] = round(worst, 1)
        # The page itself never scrolls sideways: a wide table scrolls inside its own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    context.close()
    assert squeezed == {}, squeezed


def test_the_publish_page_links_this_copys_repository_and_names_its_maintainer(page, site_url):
    from sitebuild.partnership import load_settings

    source = load_settings()["source"]
    page.goto(site_url + "about/publish/")
    step = page.locator(".md-content ol li").first
    assert step.get_by_role("link", name=source["repository"]).get_attribute("href") == source["repository"]
    who = page.locator(".md-content h2:has-text('Who looks after this copy') + p")
    assert source["maintainer"] in who.inner_text()
    assert who.get_by_role("link", name=source["email"]).count() == 1
