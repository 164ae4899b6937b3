"""One person's way through a chart: the answers they have given, and where those lead.

The state is every answer given so far, keyed by question, plus an optional question being
revisited. The path is never stored: it is replayed from the start on each read, following the
remembered answers (as GOV.UK Smart Answers do). So changing an early answer keeps later answers
wherever the new path still passes through their questions, and drops none that might be needed
if the person changes their mind back.

A Journey is immutable. Every move returns a new Journey, and an invalid move raises before
anything changes, so a caller's state is never left half-updated.
"""

from dataclasses import dataclass
from typing import Self
from urllib.parse import parse_qsl, urlencode

from .errors import InvalidAnswer, InvalidState, UnknownNode
from .model import Chart, Node, Option, Outcome, Question

MAX_STATE_LENGTH = 2000
REVISIT_KEY = "at"  # reserved: no question may have this id (see sitebuild/chart_checks.py, RESERVED_IDS)


@dataclass(frozen=True)
class Step:
    """An answered question on the path: the question and the option chosen."""

    question: Question
    option: Option


@dataclass(frozen=True)
class Journey:
    chart: Chart
    answers: tuple[tuple[str, str], ...] = ()  # ((question id, answer), ...) in the order first given
    revisiting: str | None = None  # a question on the path being looked at again, or None

    @classmethod
    def start(cls, chart: Chart) -> Self:
        return cls(chart)

    # -- reading ------------------------------------------------------------------------------

    def answer_to(self, question_id: str) -> str | None:
        """The remembered answer to a question, or None."""
        return dict(self.answers).get(question_id)

    @property
    def path(self) -> tuple[Step, ...]:
        """The answered questions from the start to the current node, as Steps."""
        return self._walk()[0]

    @property
    def current(self) -> Node:
        """The node the answers lead to: the next question, a question being revisited, or the outcome."""
        return self._walk()[1]

    @property
    def outcome(self) -> Outcome | None:
        current = self.current
        return current if current.kind == "outcome" else None

    @property
    def is_complete(self) -> bool:
        return self.outcome is not None

    def _walk(self) -> tuple[tuple[Step, ...], Node]:
        remembered = dict(self.answers)
        steps = []
        node = self.chart.node(self.chart.start)
        while node.kind == "question" and node.id != self.revisiting and node.id in remembered:
            option = node.option(remembered[node.id])
            # answer and from_state let in only answers the question offers.
            assert option is not None
            steps.append(Step(node, option))
            node = self.chart.node(option.next)
        return tuple(steps), node

    # -- moving -------------------------------------------------------------------------------

    def answer(self, answer: object) -> "Journey":
        """Answer the current question; raise InvalidAnswer for anything it does not offer.
        Later remembered answers are kept, so the path runs on through any still on it."""
        current = self.current
        if current.kind != "question":
            raise InvalidAnswer(self.chart.id, current.id, answer, ())
        if not isinstance(answer, str) or current.option(answer) is None:
            raise InvalidAnswer(self.chart.id, current.id, answer, current.answers)
        others = tuple(pair for pair in self.answers if pair[0] != current.id)
        if len(others) == len(self.answers):
            answers = self.answers + ((current.id, answer),)
        else:
            answers = tuple((q, answer if q == current.id else a) for q, a in self.answers)
        return Journey(self.chart, answers, None)

    def back(self) -> "Journey":
        """Return to the previous question on the path, its answer still chosen. At the first
        question there is nowhere to go back to."""
        steps = self.path
        if not steps:
            return self
        return Journey(self.chart, self.answers, steps[-1].question.id)

    def change(self, question_id: str) -> "Journey":
        """Revisit a question on the path, keeping every answer."""
        if question_id not in {step.question.id for step in self.path}:
            if question_id not in self.chart.nodes:
                raise UnknownNode(self.chart.id, question_id)
            raise InvalidState(f"Chart {self.chart.id!r}: {question_id!r} is not on the path answered so far.")
        return Journey(self.chart, self.answers, question_id)

    def restart(self) -> "Journey":
        return Journey(self.chart)

    # -- saving and restoring -----------------------------------------------------------------

    @property
    def state(self) -> str:
        """A compact text form of the journey, safe to put in a URL fragment."""
        pairs = self.answers + (((REVISIT_KEY, self.revisiting),) if self.revisiting else ())
        return urlencode(pairs)

    @classmethod
    def from_state(cls, chart: Chart, state: str) -> Self:
        """Restore a journey from the text form made by `state`; raise InvalidState if it does
        not fit the chart (unknown questions or answers, repeats, a revisit off the path)."""
        unreadable = InvalidState("The saved answers are not in a form this chart can read.")
        if not isinstance(state, str) or len(state) > MAX_STATE_LENGTH:
            raise unreadable
        if not state:
            return cls.start(chart)
        try:
            pairs = parse_qsl(state, strict_parsing=True, max_num_fields=len(chart.nodes) + 1)
        except ValueError:
            raise unreadable from None
        revisiting = None
        answers: list[tuple[str, str]] = []
        seen: set[str] = set()
        for key, value in pairs:
            if key in seen:
                raise InvalidState(f"Chart {chart.id!r}: {key!r} is given twice.")
            seen.add(key)
            if key == REVISIT_KEY:
                revisiting = value
                continue
            question = chart.nodes.get(key)
            if question is None or question.kind != "question":
                raise InvalidState(f"Chart {chart.id!r} has no question {key!r}.")
            if question.option(value) is None:
                raise InvalidState(f"Chart {chart.id!r}: {value!r} is not an answer to {key!r}.")
            answers.append((key, value))
        journey = cls(chart, tuple(answers))
        if revisiting is not None:
            if revisiting not in {step.question.id for step in journey.path}:
                raise InvalidState(f"Chart {chart.id!r}: cannot revisit {revisiting!r}.")
            journey = cls(chart, tuple(answers), revisiting)
        return journey
