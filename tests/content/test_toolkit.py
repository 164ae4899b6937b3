"""The practitioner toolkit as built: the worked examples' pages and the paths their links open,
the scripts every outcome links to, the page for families (its reading age measured), the quick
reference's contents and the disclosure record's page and links."""

import json
import re
from urllib.parse import unquote

import pytest
import textstat
import yaml

from flowchart import chart_ids, load_chart, web
from flowchart.dates import long_date
from sitebuild.register import load_register
from sitebuild.scenarios import EDGE_TITLES, read_worked_examples

from .test_content import DOCS, article, built_page, text_of

WHAT_TO_SAY = DOCS / "guidance" / "what-to-say.md"
FAMILIES = DOCS / "for-families.md"
# A reading age of about 11: Flesch-Kincaid grade 6 or below (US grade 6 is ages 11 to 12), and
# Flesch reading ease of 70 or more ("fairly easy" and easier).
MOST_GRADE = 6.0
LEAST_EASE = 70.0


@pytest.fixture(scope="module")
def worked():
    return read_worked_examples(register_ids=set(load_register().entries))


# Worked examples


def example_section(built_site, worked, example):
    """An example's part of its group page: from its heading to the next example's."""
    page = built_page(built_site, f"examples/{worked.role(example.role).group}.md")
    section = page[page.index(f'id="{example.id}"') :]
    following = section.find("<h3", 1)
    return section if following < 0 else section[:following]


def test_every_example_is_on_its_group_page_with_both_links(built_site, worked):
    for example in worked.examples:
        section = example_section(built_site, worked, example)
        assert f'href="../../flowchart/{example.chart}/"' in section, example.id
        assert f'href="../../flowchart/{example.chart}/#chart={example.chart}&amp;' in section, example.id
        assert example.data["record"].split()[0] in section, example.id


def test_each_examples_path_link_opens_the_chart_at_its_outcome(built_site, worked):
    """What the page's engine does with the link's fragment (web.show), for every example."""
    for example in worked.examples:
        section = example_section(built_site, worked, example)
        href = re.search(r'href="\.\./\.\./flowchart/[a-z-]+/#([^"]+)"', section).group(1)
        reply = json.loads(web.show(example.chart, unquote(href.replace("&amp;", "&"))))
        assert (reply["kind"], reply["node"]) == ("outcome", example.outcome), example.id


def test_the_index_lists_every_example_and_every_hard_case(built_site, worked):
    index = text_of(article(built_page(built_site, "examples/index.md")))
    for example in worked.examples:
        assert example.title in index, example.id
    for title in EDGE_TITLES.values():
        assert title in index, title


# What to say


def script_anchors():
    return set(re.findall(r"\{ #([a-z-]+) \}", WHAT_TO_SAY.read_text(encoding="utf-8")))


def test_the_scripts_page_has_the_five_scripts():
    assert script_anchors() == {
        "telling-parents-about-a-referral",
        "asking-for-agreement-to-early-help",
        "sharing-without-agreement",
        "when-a-child-tells-you",
        "when-a-family-asks-what-you-shared",
    }


@pytest.mark.parametrize("chart_id", chart_ids())
def test_every_outcome_links_to_the_script_that_fits_it(chart_id):
    anchors = script_anchors()
    for outcome in load_chart(chart_id).outcomes:
        linked = re.findall(r'guidance/what-to-say/#([a-z-]+)"', outcome.body_html)
        assert linked, f"{chart_id}: outcome {outcome.id} links to no script"
        assert set(linked) <= anchors, f"{chart_id}: outcome {outcome.id} links to {linked}"


# For families


def readable_text(markdown):
    """The words a reader of the page reads: no front matter, markup, link targets or
    placeholders; each heading, list item and paragraph ends as a sentence does."""
    body = markdown.split("---", 2)[2]
    body = re.sub(r"<[^>]+>", " ", body)
    body = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", body).replace("**", "")
    blocks, current = [], []
    for line in body.splitlines():
        starts_block = re.match(r"^\s*(#+|[-*]|\d+\.)\s+", line)
        if (starts_block or not line.strip()) and current:
            blocks.append(" ".join(current))
            current = []
        line = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+", "", line).strip()
        if line:
            current.append(line)
    blocks.append(" ".join(current))
    return " ".join(block if block[-1] in ".?!:" else block + "." for block in blocks if block)


def test_the_page_for_families_reads_at_about_age_eleven(record_property):
    text = readable_text(FAMILIES.read_text(encoding="utf-8"))
    grade = textstat.flesch_kincaid_grade(text)
    ease = textstat.flesch_reading_ease(text)
    words = textstat.lexicon_count(text)
    record_property(
        "readability", f"for-families: Flesch-Kincaid grade {grade:.1f}, reading ease {ease:.1f}, {words} words"
    )
    assert words > 400, "the page has lost most of its text"
    assert grade <= MOST_GRADE and ease >= LEAST_EASE, (grade, ease)


def test_the_readability_measure_can_fail():
    hard = (
        "Notwithstanding the aforementioned considerations, organisational accountability "
        "necessitates comprehensive documentation of proportionality determinations."
    )
    assert textstat.flesch_kincaid_grade(hard) > MOST_GRADE


@pytest.mark.parametrize(
    "chart_id, outcome",
    [
        ("early-help-or-safeguarding", "safeguarding-tell-parents"),
        ("early-help-or-safeguarding", "safeguarding-ask-about-telling"),
        ("early-help-or-safeguarding", "family-help-share"),
        ("early-help-or-safeguarding", "family-help-talk-first"),
        ("when-and-how", "share-with-consent"),
    ],
)
def test_outcomes_where_the_family_is_told_link_the_page_for_families(chart_id, outcome):
    assert "for-families/" in load_chart(chart_id).node(outcome).body_html


# Quick reference


def test_the_quick_reference_holds_the_rules_the_questions_the_numbers_and_the_date(built_site):
    page = article(built_page(built_site, "guidance/quick-reference.md"))
    text = text_of(page)
    rules = re.search(r"The seven golden rules \(2024\).*?</ol>", page, re.S).group(0)
    assert rules.count("<li>") == 7
    for question in load_chart("when-and-how").questions:
        assert question.text in text
    settings = yaml.safe_load((DOCS.parent / "partnership.yml").read_text(encoding="utf-8"))
    for area in settings["areas"]:
        for number in (area["front_door"]["daytime"]["phone"], area["front_door"]["out_of_hours"]["phone"]):
            assert number in text, number
    assert f"Law and guidance as at {long_date(load_register().as_at)}" in text


# The disclosure record


def test_the_disclosure_record_is_reachable_from_recording_a_child_telling_and_every_outcome(built_site):
    for page in ("guidance/recording.md", "guidance/a-child-has-told-me.md", "guidance/what-to-say.md"):
        assert 'href="../disclosure-record/' in article(built_page(built_site, page)), page
    form_page = built_page(built_site, "guidance/disclosure-record.md")
    assert 'class="disclosure-record"' in form_page and "flowchart-engine-client" in form_page
    reply = json.loads(web.show("when-and-how", "chart=when-and-how&purpose=not-sure", "../../"))
    assert 'href="../../guidance/disclosure-record/"' in reply["html"]
