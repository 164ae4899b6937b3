"""The engine's interface to the page's JavaScript.

Every call takes and returns plain strings (JSON out), so the JavaScript side only passes events
in and paints the HTML that comes back: it holds no decision logic of its own. The journey lives
in the page's URL fragment; Back, Change and Start again are ordinary links to fragments the
engine writes, so the browser's own history does the rest. No state is kept between calls.
"""

import json
from urllib.parse import urlencode

from .catalogue import load_chart
from .errors import InvalidAnswer, InvalidRecord, InvalidState
from .journey import Journey
from .record import build_record, record_as_json, record_as_text, record_filename
from .render import render_step
from .validate import DECISION_LABELS

CHART_KEY = "chart"
NO_ANSWER_MESSAGE = "Select an answer to continue"
RESTARTED_MESSAGE = "The link you followed held answers this chart cannot use, so it has started again."


def show(chart_id, fragment, site_root=""):
    """The step a URL fragment leads to. A fragment for another purpose (a heading link, say)
    starts the chart afresh; a fragment for this chart that does not fit restarts with a notice."""
    chart = load_chart(chart_id)
    state = state_from_fragment(chart_id, fragment)
    if state is None:
        return _reply(Journey.start(chart), site_root)
    try:
        return _reply(Journey.from_state(chart, state), site_root)
    except InvalidState:
        return _reply(Journey.start(chart), site_root, notice=RESTARTED_MESSAGE)


def answer(chart_id, fragment, value, site_root=""):
    """Answer the current question. No answer, or one the question does not offer, re-shows the
    question with an error message rather than moving on."""
    journey = _journey(chart_id, fragment)
    try:
        return _reply(journey.answer(value), site_root)
    except InvalidAnswer:
        return _reply(journey, site_root, error=NO_ANSWER_MESSAGE)


def answers_ahead(chart_id, fragment, site_root=""):
    """What `answer` would reply to each answer the current question offers (a JSON object keyed
    by answer; empty at an outcome). The page asks for it while the person reads the question, so
    the next step can be painted the moment they continue; it is the engine's own reply either way."""
    journey = _journey(chart_id, fragment)
    if journey.current.kind != "question":
        return json.dumps({})
    return json.dumps(
        {option.answer: _reply_data(journey.answer(option.answer), site_root) for option in journey.current.options}
    )


def record(chart_id, fragment, fields_json, created):
    """The decision record for the outcome a fragment leads to, from the record form's fields
    (a JSON object of strings) and the browser's local date and time. Returns the record as text
    and as JSON with file names, or the problem to show beside the form."""
    journey = _journey(chart_id, fragment)
    try:
        fields = json.loads(fields_json)
        made = build_record(journey, fields, created)
    except (ValueError, TypeError) as error:
        field = getattr(error, "field", None)
        message = str(error) if isinstance(error, InvalidRecord) else "The record form could not be read."
        return json.dumps({"error": message, "field": field})
    return json.dumps(
        {
            "error": None,
            "text": record_as_text(made),
            "json": record_as_json(made),
            "files": {"text": record_filename(made, "txt"), "json": record_filename(made, "json")},
        }
    )


def announcement(node, error=None):
    """What the page's live region says after each move, for screen-reader users."""
    if error:
        return f"There is a problem: {error}"
    if node.kind == "question":
        return f"Question: {node.text}"
    return f"Outcome: {DECISION_LABELS.get(node.decision, node.decision)}. {node.title}"


def fragment_for(journey):
    """The URL fragment (without '#') that restores `journey`."""
    head = urlencode(((CHART_KEY, journey.chart.id),))
    return head + ("&" + journey.state if journey.state else "")


def href_for(journey):
    return "#" + fragment_for(journey)


def state_from_fragment(chart_id, fragment):
    """The journey part of a fragment made by fragment_for, or None if it is not this chart's."""
    fragment = (fragment or "").lstrip("#")
    head = urlencode(((CHART_KEY, chart_id),))
    if fragment != head and not fragment.startswith(head + "&"):
        return None
    return fragment[len(head) + 1:]


def _journey(chart_id, fragment):
    chart = load_chart(chart_id)
    state = state_from_fragment(chart_id, fragment)
    try:
        return Journey.from_state(chart, state or "")
    except InvalidState:
        return Journey.start(chart)


def _reply(journey, site_root, error=None, notice=None):
    return json.dumps(_reply_data(journey, site_root, error, notice))


def _reply_data(journey, site_root, error=None, notice=None):
    node = journey.current
    return {
        "chart": journey.chart.id,
        "fragment": fragment_for(journey),
        "node": node.id,
        "kind": node.kind,
        "decision": getattr(node, "decision", None),
        "title": node.text if node.kind == "question" else node.title,
        "path": [[step.question.id, step.option.answer] for step in journey.path],
        "error": error,
        "notice": notice,
        "announcement": announcement(node, error),
        "html": render_step(journey, site_root, error=error, link=href_for),
    }
