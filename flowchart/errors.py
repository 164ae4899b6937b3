"""Errors raised by the flowchart engine and by chart validation."""

from collections.abc import Iterable, Sequence


class FlowchartError(Exception):
    """Base class: anything the engine refuses to do."""


class UnknownChart(FlowchartError, LookupError):
    def __init__(self, chart_id: object, known: Iterable[str]) -> None:
        self.chart_id = chart_id
        super().__init__(f"Unknown chart {chart_id!r}. Known charts: {', '.join(sorted(known)) or 'none'}.")


class UnknownNode(FlowchartError, LookupError):
    def __init__(self, chart_id: str, node_id: str) -> None:
        self.chart_id = chart_id
        self.node_id = node_id
        super().__init__(f"Chart {chart_id!r} has no node {node_id!r}.")


class InvalidAnswer(FlowchartError, ValueError):
    def __init__(self, chart_id: str, node_id: str, answer: object, allowed: Sequence[str]) -> None:
        self.chart_id = chart_id
        self.node_id = node_id
        self.answer = answer
        self.allowed = tuple(allowed)
        if allowed:
            choices = ", ".join(repr(a) for a in allowed)
            detail = f"expected one of {choices}"
        else:
            detail = "it is an outcome and takes no answer"
        super().__init__(f"Chart {chart_id!r}, node {node_id!r}: cannot answer {answer!r}; {detail}.")


class InvalidState(FlowchartError, ValueError):
    """A saved journey (for example from a URL fragment) does not fit the chart."""


class InvalidRecord(FlowchartError, ValueError):
    """A decision record cannot be made: the journey has no outcome yet, or a field is unusable.

    `field` is the key of the field at fault (or "created"), or None when the problem is not
    with one field, so that a page can put the message next to the right input.
    """

    def __init__(self, field: str | None, message: str) -> None:
        self.field = field
        super().__init__(f"Record field {field!r}: {message}" if field else message)
