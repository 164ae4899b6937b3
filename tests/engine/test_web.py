"""The page-facing interface: JSON in and out, state in the URL fragment, no state kept between calls."""

import json

from flowchart import web


def call(function, *args):
    return json.loads(function(*args))


def test_show_without_a_fragment_starts_at_the_first_question():
    reply = call(web.show, "when-and-how", "", "../../")
    assert reply["node"] == "purpose" and reply["kind"] == "question"
    assert reply["fragment"] == "chart=when-and-how"
    assert "<legend" in reply["html"] and 'type="radio"' in reply["html"]
    assert reply["notice"] is None


def test_answer_moves_on_and_records_the_answer_in_the_fragment():
    reply = call(web.answer, "when-and-how", "chart=when-and-how", "yes", "")
    assert reply["node"] == "consent"
    assert reply["fragment"] == "chart=when-and-how&purpose=yes"


def test_a_complete_path_reports_the_decision():
    fragment = "chart=when-and-how&purpose=yes&consent=no&identifiable=yes"
    reply = call(web.answer, "when-and-how", fragment, "no", "")
    assert reply["kind"] == "outcome"
    assert reply["decision"] == "do-not-share"
    assert 'data-decision="do-not-share"' in reply["html"]


def test_no_answer_reshows_the_question_with_an_error():
    reply = call(web.answer, "when-and-how", "chart=when-and-how", None, "")
    assert reply["node"] == "purpose"
    assert reply["error"] == web.NO_ANSWER_MESSAGE
    assert "There is a problem" in reply["html"]
    assert reply["fragment"] == "chart=when-and-how"


def test_back_and_restart():
    fragment = "chart=when-and-how&purpose=yes&consent=no"
    assert call(web.back, "when-and-how", fragment, "")["node"] == "consent"
    assert call(web.restart, "when-and-how", "")["node"] == "purpose"


def test_a_fragment_restores_the_journey():
    reply = call(web.show, "when-and-how", "#chart=when-and-how&purpose=yes&consent=yes", "")
    assert reply["node"] == "share-with-consent"
    assert reply["notice"] is None


def test_a_tampered_fragment_restarts_with_a_notice():
    reply = call(web.show, "when-and-how", "chart=when-and-how&purpose=<b>", "")
    assert reply["node"] == "purpose"
    assert reply["notice"] == web.RESTARTED_MESSAGE
    assert "<b>" not in reply["html"]


def test_a_fragment_for_something_else_is_ignored():
    reply = call(web.show, "when-and-how", "#the-principles", "")
    assert reply["node"] == "purpose" and reply["notice"] is None


def test_links_in_content_are_made_relative_to_the_page():
    html = call(web.show, "when-and-how", "", "../../")["html"]
    assert 'href="../../guidance/principles/"' in html
    assert 'href="~/' not in html
