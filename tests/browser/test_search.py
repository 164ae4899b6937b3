"""The site's own search finds what practitioners type: each query, typed into the search box in
the browser, must list the page that answers it among its first results."""

import pytest

from .flowchart_driver import wait_until

pytestmark = pytest.mark.browser

# (what a practitioner types, the page that must come back, how high it must rank). The words are
# ours, written from the themes practitioners ask about, not copied from any list of real queries.
# Those ranked 1 are the queries a review of the site (December 2026) found answered badly or not
# at all: each must now bring its page first.
QUERIES = [
    # Things that have just happened
    ("a child has told me something", "guidance/a-child-has-told-me/", 1),
    ("young person told me", "guidance/a-child-has-told-me/", 1),
    ("asked me not to tell anyone", "questions/child-asks-me-to-keep-a-secret/", 1),
    ("promise not to tell", "questions/child-asks-me-to-keep-a-secret/", 1),
    # Young people's confidentiality
    ("Gillick", "questions/gillick-and-fraser/", 1),
    ("Fraser guidelines", "questions/gillick-and-fraser/", 1),
    ("15 year old refuses to let me share", "questions/young-person-refuses-sharing/", 3),
    ("pupil does not want parents told", "questions/pupil-does-not-want-parents-told/", 3),
    ("age 13 consent data", "questions/age-of-consent-for-data/", 3),
    # Requests
    ("police request", "questions/police-asking-for-information/", 1),
    ("do I have to give the police information", "questions/police-asking-for-information/", 3),
    ("social care asked me for information", "questions/another-agency-asking-for-information/", 3),
    ("is this child known to social care", "questions/is-this-child-known-to-social-care/", 3),
    ("consent to refer MASH", "questions/consent-to-refer/", 3),
    # Adults around the child
    ("Clare's Law", "questions/new-partners-history/", 1),
    ("Sarah's Law", "questions/new-partners-history/", 1),
    ("DVDS", "questions/new-partners-history/", 1),
    ("CSODS", "questions/new-partners-history/", 1),
    ("adult mental health sharing about a parent", "questions/adult-services-sharing-about-a-parent/", 3),
    ("subject access request from parent", "questions/abuser-asks-for-records/", 3),
    ("separated parents school reports", "questions/non-resident-parent-asks-for-records/", 3),
    # Records over time
    ("retention", "questions/how-long-to-keep-records/", 3),
    ("how long keep child protection records", "questions/how-long-to-keep-records/", 3),
    ("CP file transfer", "questions/moving-school-child-protection-file/", 3),
    ("historic abuse disclosed by an adult", "questions/adult-discloses-childhood-abuse/", 3),
    # Inside the organisation, and advice
    ("tell the class teacher", "questions/telling-other-staff/", 3),
    ("advice without names", "questions/advice-without-names/", 3),
    # The new duty
    ("do I now have to share", "questions/do-i-now-have-to-share/", 3),
    ("NHS number for children", "questions/nhs-number-for-children/", 3),
    # Words for people and roles
    ("GP", "law/confidentiality-and-human-rights/", 1),
    ("doctor", "law/confidentiality-and-human-rights/", 1),
    ("DSL", "guidance/schools/", 1),
    ("lawful basis", "flowchart/lawful-basis/", 3),
]


def search_results(page, query):
    """The pages the site's search lists for a query, in order, as site-relative addresses."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    meta = page.locator(".md-search-result__meta")
    wait_until(lambda: "matching" in meta.inner_text(), message=f"results for {query!r}")
    # The worker answers each keystroke in turn, and a long query takes a while: the results are
    # read once they have stopped changing.
    read = lambda: page.evaluate(  # noqa: E731
        """() => [...document.querySelectorAll('.md-search-result__list > li > a')]
            .map((link) => new URL(link.getAttribute('href'), document.baseURI).pathname)"""
    )
    results, settled = read(), 0
    while settled < 3:
        page.wait_for_timeout(150)
        latest = read()
        settled = settled + 1 if latest == results else 0
        results = latest
    return results


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


@pytest.mark.parametrize("query, expected, within", QUERIES, ids=[q for q, _, _ in QUERIES])
def test_a_practitioners_words_find_the_page_that_answers_them(search_page, site_url, query, expected, within):
    results = [path.lstrip("/").split("#")[0] for path in search_results(search_page, query)]
    top = list(dict.fromkeys(results))[:within]
    assert expected in top, f"{query!r}: the first {within} results are {top}"


def test_table_text_stays_out_of_search_results(search_page):
    # A block of table cells makes a poor result: the glossary's table is left out of the index.
    results = [path.strip("/") for path in search_results(search_page, "Domestic Violence Disclosure Scheme")]
    assert "about/glossary" not in [r.split("#")[0] for r in results[:3]]
