"""Share to Safeguard's decision engine.

The same code runs under CPython (tests, build-time rendering) and under Pyodide in the browser,
and needs only the standard library at run time:

    chart = load_chart("when-and-how")
    journey = Journey.start(chart).answer("yes").answer("no")
    journey.current, journey.path, journey.outcome, journey.back()
"""

from .catalogue import chart_ids, load_chart
from .errors import (
    FlowchartError,
    InvalidAnswer,
    InvalidRecord,
    InvalidState,
    UnknownChart,
    UnknownNode,
)
from .journey import Journey, Step
from .model import DECISION_LABELS, DECISIONS, Chart, Option, Outcome, Part, Question, decision_label
from .record import (
    RECORD_FIELDS,
    build_record,
    field_descriptions,
    record_as_json,
    record_as_text,
    record_filename,
)

__all__ = [
    "DECISIONS",
    "DECISION_LABELS",
    "RECORD_FIELDS",
    "Chart",
    "FlowchartError",
    "InvalidAnswer",
    "InvalidRecord",
    "InvalidState",
    "Journey",
    "Option",
    "Outcome",
    "Part",
    "Question",
    "Step",
    "UnknownChart",
    "UnknownNode",
    "build_record",
    "chart_ids",
    "decision_label",
    "field_descriptions",
    "load_chart",
    "record_as_json",
    "record_as_text",
    "record_filename",
]
