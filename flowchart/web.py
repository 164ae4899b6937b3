"""The engine's interface to the page's JavaScript.

Every call takes and returns plain strings (JSON out), so the JavaScript side only passes events
in and paints the HTML that comes back: it holds no decision logic of its own. The journey lives
in the page's URL fragment (flowchart/fragment.py); Back, Change and Start again are ordinary
links to fragments the engine writes, so the browser's own history does the rest. No state is
kept between calls.
"""

import json
from collections.abc import Callable, Mapping
from typing import Any

from .catalogue import chart_ids, load_chart
from .disclosure import build_disclosure_record, disclosure_as_text, disclosure_filename
from .errors import InvalidAnswer, InvalidRecord, InvalidState
from .fragment import Place, place_from_fragment
from .journey import Journey
from .model import Node, decision_label
from .record import build_record, record_as_json, record_as_text, record_filename
from .render import render_step

NO_ANSWER_MESSAGE = "Select an answer to continue"
RESTARTED_MESSAGE = "The link you followed held answers this chart cannot use, so it has started again."


def show(chart_id: str, fragment: str | None, site_root: str = "") -> str:
    """The step a URL fragment leads to. A fragment for another purpose (a heading link, say)
    starts the chart afresh; a fragment for this chart that does not fit restarts with a notice."""
    chart = load_chart(chart_id)
    try:
        place = place_from_fragment(chart, fragment)
    except InvalidState:
        return _reply(Place(Journey.start(chart)), site_root, notice=RESTARTED_MESSAGE)
    return _reply(place or Place(Journey.start(chart)), site_root)


def answer(chart_id: str, fragment: str | None, value: str | None, site_root: str = "") -> str:
    """Answer the current question. No answer, or one the question does not offer, re-shows the
    question with an error message rather than moving on."""
    place = _place(chart_id, fragment)
    try:
        return _reply(place.moved(place.journey.answer(value)), site_root)
    except InvalidAnswer:
        return _reply(place, site_root, error=NO_ANSWER_MESSAGE)


def answers_ahead(chart_id: str, fragment: str | None, site_root: str = "") -> str:
    """What `answer` would reply to each answer the current question offers (a JSON object keyed
    by answer; empty at an outcome). The page asks for it while the person reads the question, so
    the next step can be painted the moment they continue; it is the engine's own reply either way."""
    place = _place(chart_id, fragment)
    current = place.journey.current
    if current.kind != "question":
        return json.dumps({})
    return json.dumps(
        {
            option.answer: _reply_data(place.moved(place.journey.answer(option.answer)), site_root)
            for option in current.options
        }
    )


def replay(chart_id: str, answers_json: str, site_root: str = "") -> str:
    """The step reached by giving these answers from the start, in order: a JSON list of
    [question, answer] pairs, as a person gave them on the static chart while the engine loaded.
    The engine then takes over where they are. Answers that do not fit restart with a notice."""
    chart = load_chart(chart_id)
    journey = Journey.start(chart)
    try:
        for question, value in json.loads(answers_json):
            if journey.current.id != question:
                raise InvalidState(f"Chart {chart_id!r}: {question!r} is not the next question.")
            journey = journey.answer(value)
    except (ValueError, TypeError, InvalidAnswer, InvalidState):
        return _reply(Place(Journey.start(chart)), site_root, notice=RESTARTED_MESSAGE)
    return _reply(Place(journey), site_root)


def record(chart_id: str, fragment: str | None, fields_json: str, created: str) -> str:
    """The decision record for the outcome a fragment leads to, from the record form's fields
    (a JSON object of strings) and the browser's local date and time. Returns the record as text
    and as JSON with file names, or the problem to show beside the form."""
    journey = _place(chart_id, fragment).journey
    try:
        fields = json.loads(fields_json)
        made = build_record(journey, fields, created)
    except (ValueError, TypeError) as error:
        return _record_problem(error)
    return _delivered(made, record_as_text, record_filename)


def disclosure_record(fields_json: str, created: str) -> str:
    """The record of what a child told a practitioner, from its form's fields (a JSON object of
    strings) and the browser's local date and time; the reply has the same shape as `record`."""
    local = load_chart(chart_ids()[0]).local
    try:
        made = build_disclosure_record(json.loads(fields_json), created, local)
    except (ValueError, TypeError) as error:
        return _record_problem(error)
    return _delivered(made, disclosure_as_text, disclosure_filename)


def _delivered(
    made: dict[str, Any],
    as_text: Callable[[Mapping[str, Any]], str],
    filename: Callable[[Mapping[str, Any], str], str],
) -> str:
    """A record as the page delivers it: its text, its JSON, and a file name for each."""
    return json.dumps(
        {
            "error": None,
            "text": as_text(made),
            "json": record_as_json(made),
            "files": {"text": filename(made, "txt"), "json": filename(made, "json")},
        }
    )


def _record_problem(error: Exception) -> str:
    field = getattr(error, "field", None)
    message = str(error) if isinstance(error, InvalidRecord) else "The record form could not be read."
    return json.dumps({"error": message, "field": field})


def announcement(node: Node, error: str | None = None) -> str:
    """What the page's live region says after each move, for screen-reader users."""
    if error:
        return f"There is a problem: {error}"
    if node.kind == "question":
        return f"Question: {node.text}"
    return f"Outcome: {decision_label(node.decision)}. {node.title}"


def _place(chart_id: str, fragment: str | None) -> Place:
    """Where a fragment puts a person, or the chart's start if it does not fit."""
    chart = load_chart(chart_id)
    try:
        return place_from_fragment(chart, fragment) or Place(Journey.start(chart))
    except InvalidState:
        return Place(Journey.start(chart))


def _reply(place: Place, site_root: str, error: str | None = None, notice: str | None = None) -> str:
    return json.dumps(_reply_data(place, site_root, error, notice))


def _reply_data(place: Place, site_root: str, error: str | None = None, notice: str | None = None) -> dict[str, object]:
    journey = place.journey
    node = journey.current
    return {
        "chart": journey.chart.id,
        "fragment": place.fragment,
        "node": node.id,
        "kind": node.kind,
        "decision": getattr(node, "decision", None),
        "title": node.text if node.kind == "question" else node.title,
        "path": [[step.question.id, step.option.answer] for step in journey.path],
        "error": error,
        "notice": notice,
        "announcement": announcement(node, error),
        "html": render_step(place, site_root, error=error, linked=True),
    }
