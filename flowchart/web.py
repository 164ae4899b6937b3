"""The engine's interface to the page's JavaScript.

Every call takes and returns plain strings (JSON out), so the JavaScript side only passes events
in and paints the HTML that comes back: it holds no decision logic of its own. The answers live
in the page's URL fragment, so these calls keep no state between them.
"""

import json
from urllib.parse import urlencode

from .catalogue import load_chart
from .errors import InvalidAnswer, InvalidState
from .journey import Journey
from .render import render_step

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


def back(chart_id, fragment, site_root=""):
    return _reply(_journey(chart_id, fragment).back(), site_root)


def restart(chart_id, site_root=""):
    return _reply(Journey.start(load_chart(chart_id)), site_root)


def fragment_for(journey):
    """The URL fragment (without '#') that restores `journey`."""
    return urlencode(((CHART_KEY, journey.chart.id),)) + ("&" + journey.state if journey.answers else "")


def state_from_fragment(chart_id, fragment):
    """The answers part of a fragment made by fragment_for, or None if it is not this chart's."""
    fragment = (fragment or "").lstrip("#")
    prefix = urlencode(((CHART_KEY, chart_id),))
    if fragment != prefix and not fragment.startswith(prefix + "&"):
        return None
    return fragment[len(prefix) + 1:]


def _journey(chart_id, fragment):
    chart = load_chart(chart_id)
    state = state_from_fragment(chart_id, fragment)
    if state is None:
        return Journey.start(chart)
    try:
        return Journey.from_state(chart, state)
    except InvalidState:
        return Journey.start(chart)


def _reply(journey, site_root, error=None, notice=None):
    node = journey.current
    return json.dumps(
        {
            "chart": journey.chart.id,
            "fragment": fragment_for(journey),
            "node": node.id,
            "kind": node.kind,
            "decision": getattr(node, "decision", None),
            "title": node.text if node.kind == "question" else node.title,
            "error": error,
            "notice": notice,
            "html": render_step(journey, site_root, error=error),
        }
    )

