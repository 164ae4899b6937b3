"""The page-facing interface: JSON in and out, state in the URL fragment, no state kept between calls."""

import json
import re
from html import unescape

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


def hrefs(html, css_class):
    return re.findall(rf'<a class="{css_class}" href="([^"]*)"', html)


def test_back_change_and_start_again_are_links_to_fragments_the_engine_understands():
    fragment = "chart=when-and-how&purpose=yes&consent=no"
    html = call(web.show, "when-and-how", fragment, "")["html"]
    (back,) = hrefs(html, "flowchart-back")
    assert back == "#chart=when-and-how&amp;purpose=yes&amp;consent=no&amp;at=consent"
    assert call(web.show, "when-and-how", unescape(back), "")["node"] == "consent"
    (restart,) = hrefs(html, "flowchart-restart")
    assert call(web.show, "when-and-how", unescape(restart), "")["node"] == "purpose"
    changes = re.findall(r'<dd class="flowchart-change"><a href="([^"]*)"', html)
    assert [call(web.show, "when-and-how", unescape(h), "")["node"] for h in changes] == ["purpose", "consent"]


def test_a_revisited_question_shows_its_remembered_answer_chosen():
    html = call(web.show, "when-and-how", "chart=when-and-how&purpose=yes&consent=no&at=consent", "")["html"]
    assert 'value="no" checked' in html
    assert 'value="yes" checked' not in html


def test_the_first_question_has_no_back_link_or_answers():
    html = call(web.show, "when-and-how", "", "")["html"]
    assert "flowchart-back" not in html and "Your answers" not in html


def test_the_reply_lists_the_path_for_the_diagram():
    reply = call(web.show, "when-and-how", "chart=when-and-how&purpose=yes&consent=yes", "")
    assert reply["path"] == [["purpose", "yes"], ["consent", "yes"]]
    assert reply["node"] == "share-with-consent"


def test_an_outcome_explains_why():
    html = call(web.show, "when-and-how", "chart=when-and-how&purpose=yes&consent=yes", "")["html"]
    assert "Decision: <strong>Share</strong>" in html
    assert "This is the outcome because you answered" in html
    assert "Do you have consent to share? <strong>Yes</strong>" in html


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


def test_each_reply_says_what_to_announce():
    assert call(web.show, "when-and-how", "", "")["announcement"] == (
        "Question: Is there a clear and legitimate purpose for sharing the information?"
    )
    outcome = call(web.show, "when-and-how", "chart=when-and-how&purpose=no", "")
    assert outcome["announcement"] == "Outcome: Do not share. Do not share"
    error = call(web.answer, "when-and-how", "chart=when-and-how", None, "")
    assert error["announcement"] == "There is a problem: Select an answer to continue"


def every_reachable_fragment(chart_id):
    """The fragment of every step of every path (of the covering paths, for a chart with
    thousands), found by answering through the engine itself."""
    from flowchart import load_chart

    from .helpers import covering_paths

    seen = set()
    for answers, _ in covering_paths(load_chart(chart_id)):
        fragment = call(web.show, chart_id, "", "")["fragment"]
        seen.add(fragment)
        for _, value in answers:
            fragment = call(web.answer, chart_id, fragment, value, "")["fragment"]
            seen.add(fragment)
    return seen


def test_answers_ahead_are_exactly_what_answer_replies_at_every_step():
    from flowchart import chart_ids, load_chart

    for chart_id in chart_ids():
        chart = load_chart(chart_id)
        fragments = every_reachable_fragment(chart_id)
        outcomes = {call(web.show, chart_id, f, "")["node"] for f in fragments} & {n.id for n in chart.outcomes}
        assert outcomes == {n.id for n in chart.outcomes}, chart_id  # the walk reached every outcome
        for fragment in fragments:
            shown = call(web.show, chart_id, fragment, "../../")
            ahead = call(web.answers_ahead, chart_id, fragment, "../../")
            if shown["kind"] == "outcome":
                assert ahead == {}
                continue
            assert set(ahead) == set(chart.node(shown["node"]).answers)
            for value, reply in ahead.items():
                assert reply == call(web.answer, chart_id, fragment, value, "../../"), (fragment, value)


def test_answers_ahead_of_a_tampered_fragment_are_those_of_the_restarted_chart():
    tampered = call(web.answers_ahead, "when-and-how", "chart=when-and-how&purpose=%3Cscript%3E", "")
    assert tampered == call(web.answers_ahead, "when-and-how", "", "")
    assert set(tampered) == {"yes", "no", "not-sure"}
