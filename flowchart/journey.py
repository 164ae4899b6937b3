"""One person's way through a chart: the answers given so far, and where they lead.

A Journey is immutable. Every move returns a new Journey and an invalid move raises before
anything changes, so a caller's state is never left half-updated.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from .errors import InvalidAnswer, InvalidState
from .model import Chart

MAX_STATE_LENGTH = 2000


@dataclass(frozen=True)
class Step:
    """An answered question on the path: the question and the option chosen."""

    question: object
    option: object


@dataclass(frozen=True)
class Journey:
    chart: Chart
    answers: tuple = ()  # ((question id, answer), ...) along the path, in order

    @classmethod
    def start(cls, chart):
        return cls(chart)

    @classmethod
    def from_answers(cls, chart, answers):
        """Replay (question id, answer) pairs from the start; raise InvalidState if they stray."""
        journey = cls.start(chart)
        for question_id, answer in answers:
            current = journey.current
            if current.kind != "question" or current.id != question_id:
                raise InvalidState(
                    f"Chart {chart.id!r}: expected an answer to {current.id!r}, got one to {question_id!r}."
                )
            try:
                journey = journey.answer(answer)
            except InvalidAnswer as error:
                raise InvalidState(str(error)) from None
        return journey

    @classmethod
    def from_state(cls, chart, state):
        """Restore a journey from the text form made by `state`."""
        if not isinstance(state, str) or len(state) > MAX_STATE_LENGTH:
            raise InvalidState("The saved answers are not in a form this chart can read.")
        if not state:
            return cls.start(chart)
        try:
            pairs = parse_qsl(state, strict_parsing=True, max_num_fields=len(chart.nodes))
        except ValueError:
            raise InvalidState("The saved answers are not in a form this chart can read.") from None
        return cls.from_answers(chart, pairs)

    @property
    def state(self):
        """A compact text form of the answers, safe to put in a URL fragment."""
        return urlencode(self.answers)

    @property
    def path(self):
        """The answered questions, in order, as Steps."""
        steps = []
        for question_id, answer in self.answers:
            question = self.chart.node(question_id)
            steps.append(Step(question, question.option(answer)))
        return tuple(steps)

    @property
    def current(self):
        """The node the answers lead to: the next question, or the outcome."""
        node_id = self.chart.start
        for question_id, answer in self.answers:
            node_id = self.chart.node(question_id).option(answer).next
        return self.chart.node(node_id)

    @property
    def outcome(self):
        current = self.current
        return current if current.kind == "outcome" else None

    @property
    def is_complete(self):
        return self.outcome is not None

    def answer(self, answer):
        """Answer the current question; raise InvalidAnswer for anything it does not offer."""
        current = self.current
        if current.kind != "question":
            raise InvalidAnswer(self.chart.id, current.id, answer, ())
        if current.option(answer) is None:
            raise InvalidAnswer(self.chart.id, current.id, answer, current.answers)
        return Journey(self.chart, self.answers + ((current.id, answer),))

    def back(self):
        """Undo the last answer. At the first question there is nothing to undo."""
        return Journey(self.chart, self.answers[:-1])
