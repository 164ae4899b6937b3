"""Addresses: where a chart's page is, and the URL fragment that holds where a person is in it.

A fragment is `chart=ID`, then the journey's answers (`question=answer`, and `at=question` while
one is being looked at again), then any decision-record fields carried in from another chart
(`record.FIELD=choice`), then `return=STATE`: the journey, in the chart the record belongs to,
that the person came from. Nothing a person types ever goes in: carried fields are choices only.
This is the one place that writes or reads a fragment, for the engine and the build alike.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from .catalogue import load_chart
from .errors import FlowchartError, InvalidState
from .journey import Journey
from .model import Chart
from .record import FIELDS_BY_KEY, PREFILLABLE

CHART_KEY = "chart"
RECORD_PREFIX = "record."
RETURN_KEY = "return"
MAX_FRAGMENT_LENGTH = 6000


def chart_page_url(chart_id: str) -> str:
    """The site-relative address of a chart's page."""
    return f"flowchart/{chart_id}/"


@dataclass(frozen=True)
class Place:
    """Everything a fragment holds: the journey, record fields carried in, and where to return."""

    journey: Journey
    prefill: tuple[tuple[str, str], ...] = ()  # ((record field, choice), ...) in RECORD_FIELDS order
    back_to: str = ""  # a journey state in the chart named by journey.chart.carries_record_to

    def moved(self, journey: Journey) -> "Place":
        """The same place with another journey (an answer, Back, Change or Start again)."""
        return Place(journey, self.prefill, self.back_to)

    @property
    def fragment(self) -> str:
        pairs = [(CHART_KEY, self.journey.chart.id)]
        pairs += [(RECORD_PREFIX + key, value) for key, value in self.prefill]
        if self.back_to:
            pairs.append((RETURN_KEY, self.back_to))
        head = urlencode(pairs[:1])
        state = self.journey.state
        tail = urlencode(pairs[1:])
        return "&".join(part for part in (head, state, tail) if part)

    @property
    def href(self) -> str:
        return "#" + self.fragment


def place_from_fragment(chart: Chart, fragment: str | None) -> Place | None:
    """The Place a fragment made by Place.fragment describes; None if the fragment is not this
    chart's (a heading's anchor, say). Raises InvalidState if it is this chart's but does not fit."""
    fragment = (fragment or "").lstrip("#")
    head = urlencode(((CHART_KEY, chart.id),))
    if fragment != head and not fragment.startswith(head + "&"):
        return None
    if len(fragment) > MAX_FRAGMENT_LENGTH:
        raise InvalidState("The saved answers are too long to be this chart's.")
    try:
        pairs = parse_qsl(
            fragment[len(head) + 1 :], strict_parsing=True, max_num_fields=len(chart.nodes) + len(PREFILLABLE) + 2
        )
    except ValueError:
        raise InvalidState("The saved answers are not in a form this chart can read.") from None
    answers: list[tuple[str, str]] = []
    carried: dict[str, str] = {}
    back_to = ""
    for key, value in pairs:
        if key.startswith(RECORD_PREFIX):
            field = key[len(RECORD_PREFIX) :]
            if field not in PREFILLABLE or FIELDS_BY_KEY[field].choice(value) is None or field in carried:
                raise InvalidState(f"Chart {chart.id!r}: {key!r} cannot be filled in with {value!r}.")
            carried[field] = value
        elif key == RETURN_KEY:
            if back_to or not chart.carries_record_to:
                raise InvalidState(f"Chart {chart.id!r} has nowhere to return to.")
            back_to = value
            _check_return(chart, value)
        else:
            answers.append((key, value))
    journey = Journey.from_state(chart, urlencode(answers))
    prefill = tuple((key, carried[key]) for key in PREFILLABLE if key in carried)
    return Place(journey, prefill, back_to)


def _check_return(chart: Chart, state: str) -> None:
    try:
        Journey.from_state(load_chart(chart.carries_record_to), state)
    except FlowchartError:
        raise InvalidState(f"Chart {chart.id!r}: the chart to return to cannot read {state!r}.") from None


def record_href(place: Place, site_root: str) -> str:
    """From an outcome that names record fields: the address of the chart they are for, at the
    journey the person came from (or its start), with the fields filled in."""
    chart = place.journey.chart
    target = load_chart(chart.carries_record_to)
    answers = dict(place.journey.answers)
    outcome = place.journey.outcome
    assert outcome is not None, "only an outcome names record fields"
    filled = outcome.record_for(answers)
    journey = Journey.from_state(target, place.back_to) if place.back_to else Journey.start(target)
    prefill = tuple((key, filled[key]) for key in PREFILLABLE if key in filled)
    return site_root + chart_page_url(target.id) + Place(journey, prefill).href


def basis_chart_href(basis_chart: Chart, place: Place, site_root: str) -> str:
    """From a record: the address of a chart that works out some of its fields, which will bring
    the person back to this journey."""
    return site_root + chart_page_url(basis_chart.id) + Place(Journey.start(basis_chart), (), place.journey.state).href
