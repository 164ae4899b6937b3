"""Carrying lawful bases between charts through the URL fragment: from a `lawful-basis` outcome into
the `when-and-how` decision record, with and without a walk of `when-and-how` first; only choices
ever travel, and a fragment that does not fit restarts with a notice."""

import json
import re
from html import unescape

import pytest

from flowchart import Journey, load_chart, web
from flowchart.fragment import Place, place_from_fragment

ROOT = "../../"
WALKED = "chart=when-and-how&purpose=yes&consent=no&identifiable=yes&lawful-reason=yes"
CHARITY = ("voluntary", "no", "public-request", "yes", "yes", "yes", "unsafe")


def call(function, *args):
    return json.loads(function(*args))


def link(html, css_class):
    (href,) = re.findall(rf'class="[^"]*{css_class}[^"]*" href="([^"]*)"', html)
    page, _, fragment = unescape(href).partition("#")
    return page, fragment


def answer_all(chart_id, fragment, answers):
    for value in answers:
        reply = call(web.answer, chart_id, fragment, value, ROOT)
        assert reply["error"] is None, reply["error"]
        fragment = reply["fragment"]
    return reply


def selected(html):
    """{record field: chosen value} as the record form shows it."""
    chosen = {}
    for name, options in re.findall(r'<select id="[^"]*" name="([^"]*)"[^>]*>(.*?)</select>', html):
        value = re.findall(r'<option value="([^"]*)" selected>', options)
        if value:
            chosen[name] = value[0]
    return chosen


def test_the_record_links_to_the_lawful_basis_chart_with_the_way_back():
    html = call(web.show, "when-and-how", WALKED, ROOT)["html"]
    page, fragment = link(html, "flowchart-basis-link")
    assert page == ROOT + "flowchart/lawful-basis/"
    place = place_from_fragment(load_chart("lawful-basis"), fragment)
    assert place.journey.answers == () and place.back_to == WALKED.removeprefix("chart=when-and-how&")


def test_bases_come_back_into_the_record_of_the_walk_the_person_came_from():
    html = call(web.show, "when-and-how", WALKED, ROOT)["html"]
    _, fragment = link(html, "flowchart-basis-link")
    outcome = answer_all("lawful-basis", fragment, CHARITY)
    assert outcome["node"] == "bases"
    assert "Back to your decision record" in outcome["html"]
    page, back = link(outcome["html"], "flowchart-carry-link")
    assert page == ROOT + "flowchart/when-and-how/"
    record = call(web.show, "when-and-how", back, ROOT)
    assert record["notice"] is None
    assert record["node"] == "share-lawful-reason"  # the same answers as before
    assert selected(record["html"]) == {
        "lawful_basis": "recognised-legitimate-interests",
        "recognised_condition": "disclosure-response",
        "special_category_condition": "safeguarding-para-18",
        "criminal_offence_condition": "safeguarding-para-18",
        "confidentiality_basis": "public-interest",
    }
    assert "filled in from the lawful-basis flowchart" in record["html"]


def test_without_a_walk_the_bases_start_a_record_and_stay_through_every_answer():
    outcome = answer_all("lawful-basis", "chart=lawful-basis", ("council", "no", "own", "no", "no", "no", "unsafe"))
    assert "Start a decision record with these filled in" in outcome["html"]
    _, fragment = link(outcome["html"], "flowchart-carry-link")
    start = call(web.show, "when-and-how", fragment, ROOT)
    assert start["node"] == "purpose"
    reached = answer_all("when-and-how", start["fragment"], ("yes", "no", "yes", "yes"))
    assert reached["node"] == "share-lawful-reason"
    assert selected(reached["html"]) == {"lawful_basis": "public-task", "confidentiality_basis": "not-confidential"}
    # Back, Change and Start again keep the carried fields too.
    for css_class in ("flowchart-back", "flowchart-restart"):
        _, moved = link(reached["html"], css_class)
        assert "record.lawful_basis=public-task" in moved


def test_only_choices_can_be_carried_and_a_bad_one_restarts_with_a_notice():
    for bad in (
        "record.notes=typed+text",
        "record.lawful_basis=made-up",
        "record.lawful_basis=public-task&record.lawful_basis=consent",
        "return=purpose%3Dyes",  # when-and-how has nowhere to return to
    ):
        reply = call(web.show, "when-and-how", f"{WALKED}&{bad}", ROOT)
        assert reply["notice"] == web.RESTARTED_MESSAGE, bad
        assert reply["node"] == "purpose"


def test_a_way_back_that_does_not_fit_the_other_chart_restarts_with_a_notice():
    reply = call(web.show, "lawful-basis", "chart=lawful-basis&return=purpose%3Dmaybe", ROOT)
    assert reply["notice"] == web.RESTARTED_MESSAGE


@pytest.mark.parametrize("chart_id", ["when-and-how", "lawful-basis", "early-help-or-safeguarding"])
def test_a_place_reads_back_from_its_own_fragment(chart_id):
    chart = load_chart(chart_id)
    journey = Journey.start(chart).answer(chart.node(chart.start).options[0].answer)
    place = Place(journey, (("lawful_basis", "public-task"),), "")
    assert place_from_fragment(chart, place.fragment) == place
