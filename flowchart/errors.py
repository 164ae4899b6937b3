"""Errors raised by the flowchart engine and by chart validation."""


class FlowchartError(Exception):
    """Base class: anything the engine refuses to do."""


class UnknownChart(FlowchartError, LookupError):
    def __init__(self, chart_id, known):
        self.chart_id = chart_id
        super().__init__(
            f"Unknown chart {chart_id!r}. Known charts: {', '.join(sorted(known)) or 'none'}."
        )


class UnknownNode(FlowchartError, LookupError):
    def __init__(self, chart_id, node_id):
        self.chart_id = chart_id
        self.node_id = node_id
        super().__init__(f"Chart {chart_id!r} has no node {node_id!r}.")


class InvalidAnswer(FlowchartError, ValueError):
    def __init__(self, chart_id, node_id, answer, allowed):
        self.chart_id = chart_id
        self.node_id = node_id
        self.answer = answer
        self.allowed = tuple(allowed)
        if allowed:
            choices = ", ".join(repr(a) for a in allowed)
            detail = f"expected one of {choices}"
        else:
            detail = "it is an outcome and takes no answer"
        super().__init__(
            f"Chart {chart_id!r}, node {node_id!r}: cannot answer {answer!r}; {detail}."
        )


class InvalidState(FlowchartError, ValueError):
    """A saved journey (for example from a URL fragment) does not fit the chart."""


class ChartDefinitionError(FlowchartError):
    """One or more problems in a chart definition file.

    Each problem names the file and, where there is one, the node, so that a failing build
    points the author straight at the line to fix.
    """

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__(
            "Invalid chart definition:\n" + "\n".join(f"  - {p}" for p in self.problems)
        )


class Problem:
    """One validation finding: where it is and what is wrong."""

    __slots__ = ("file", "node", "message")

    def __init__(self, file, node, message):
        self.file = file
        self.node = node
        self.message = message

    def __str__(self):
        where = f"{self.file}: node {self.node!r}" if self.node else f"{self.file}"
        return f"{where}: {self.message}"

    def __repr__(self):
        return f"Problem({self.file!r}, {self.node!r}, {self.message!r})"


class InvalidRecord(FlowchartError, ValueError):
    """A decision record cannot be made: the journey has no outcome yet, or a field is unusable.

    `field` is the key of the field at fault (or "created"), or None when the problem is not
    with one field, so that a page can put the message next to the right input.
    """

    def __init__(self, field, message):
        self.field = field
        super().__init__(f"Record field {field!r}: {message}" if field else message)
