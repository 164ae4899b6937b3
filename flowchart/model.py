"""The loaded, read-only form of a chart: what the engine routes through.

Built from a compiled chart (Markdown already rendered to HTML at build time), so nothing here
needs more than the standard library.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar, Literal, Self, TypeVar

from .errors import FlowchartError, UnknownNode

# Every decision an outcome can carry, with the words the site shows for it.
DECISION_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "share": "Share",
        "do-not-share": "Do not share",
        "seek-advice": "Seek advice",
        "talk-first": "Talk to the family first",
        "bases": "Record these bases",
    }
)
DECISIONS: tuple[str, ...] = tuple(DECISION_LABELS)
# Decisions that share nothing: their record form leaves out the questions about what was shared.
NO_SHARING_DECISIONS: tuple[str, ...] = ("do-not-share", "talk-first")


def decision_label(decision: str) -> str:
    return DECISION_LABELS.get(decision, decision)


_V = TypeVar("_V")


def _frozen(mapping: Mapping[str, _V] | None) -> MappingProxyType[str, _V]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Option:
    answer: str
    label: str
    next: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    hint_html: str
    help_html: str
    options: tuple[Option, ...]

    kind: ClassVar[Literal["question"]] = "question"

    @property
    def answers(self) -> tuple[str, ...]:
        return tuple(option.answer for option in self.options)

    def option(self, answer: str) -> Option | None:
        for option in self.options:
            if option.answer == answer:
                return option
        return None


@dataclass(frozen=True)
class Part:
    """A section of an outcome that applies only after certain answers: `when` is
    ((question id, (answers…)), …), all of which must hold. `record` adds to the outcome's."""

    title: str
    body_html: str
    when: tuple[tuple[str, tuple[str, ...]], ...]
    record: Mapping[str, str] = field(default_factory=lambda: _frozen({}))

    def applies(self, answers: Mapping[str, str]) -> bool:
        """Does this part apply, given {question id: answer}?"""
        return all(answers.get(question) in wanted for question, wanted in self.when)


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    decision: str
    body_html: str
    parts: tuple[Part, ...] = ()
    # Decision-record fields (record.RECORD_FIELDS keys) this outcome fills in, such as the
    # lawful basis a `lawful-basis` outcome names, carried into another chart's record.
    record: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    # Whether its record form asks what was shared: by default, unless its decision shares
    # nothing; an outcome can say otherwise (one that tells a worried person to refer anyway).
    record_what_was_shared: bool | None = None

    kind: ClassVar[Literal["outcome"]] = "outcome"

    @property
    def asks_what_was_shared(self) -> bool:
        if self.record_what_was_shared is not None:
            return self.record_what_was_shared
        return self.decision not in NO_SHARING_DECISIONS

    def parts_for(self, answers: Mapping[str, str]) -> tuple[Part, ...]:
        return tuple(part for part in self.parts if part.applies(answers))

    def record_for(self, answers: Mapping[str, str]) -> dict[str, str]:
        """The record fields this outcome fills in after these answers (parts after the base)."""
        filled = dict(self.record)
        for part in self.parts_for(answers):
            filled.update(part.record)
        return filled


# A chart's node; comparing `kind` tells which, and narrows the type for mypy.
Node = Question | Outcome


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    version: str
    description_html: str
    start: str
    nodes: Mapping[str, Node]  # node id -> Question | Outcome, in definition order
    source: str = ""  # what the chart is based on, in words
    # The chart whose decision record this chart's outcomes fill in (see Outcome.record), if any.
    carries_record_to: str = ""
    # Where the site was built for: the partnership's name and procedures (record_details in
    # sitebuild/partnership.py), for the decision record. Empty for a chart built without them.
    local: Mapping[str, str] = field(default_factory=lambda: _frozen({}))

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise UnknownNode(self.id, node_id) from None

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(n for n in self.nodes.values() if n.kind == "question")

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(n for n in self.nodes.values() if n.kind == "outcome")

    @classmethod
    def from_compiled(cls, data: Mapping[str, Any]) -> Self:
        """Build a Chart from the compiled JSON form written at build time."""
        try:
            nodes: dict[str, Node] = {}
            for raw in data["nodes"]:
                node = _question(raw) if raw["type"] == "question" else _outcome(raw)
                nodes[node.id] = node
            return cls(
                id=data["id"],
                title=data["title"],
                version=data["version"],
                description_html=data.get("description_html", ""),
                start=data["start"],
                nodes=MappingProxyType(nodes),
                source=data.get("source", ""),
                carries_record_to=data.get("carries_record_to", ""),
                local=_frozen(data.get("local")),
            )
        except (KeyError, TypeError) as error:
            chart = data.get("id", "?") if isinstance(data, dict) else "?"
            raise FlowchartError(f"Compiled chart {chart!r} is malformed: missing {error}") from None


def _question(raw: Mapping[str, Any]) -> Question:
    return Question(
        id=raw["id"],
        text=raw["question"],
        hint_html=raw["hint_html"],
        help_html=raw["help_html"],
        options=tuple(Option(o["answer"], o["label"], o["next"]) for o in raw["options"]),
    )


def _outcome(raw: Mapping[str, Any]) -> Outcome:
    return Outcome(
        id=raw["id"],
        title=raw["title"],
        decision=raw["decision"],
        body_html=raw["body_html"],
        parts=tuple(
            Part(
                title=part["title"],
                body_html=part["body_html"],
                when=tuple((question, tuple(answers)) for question, answers in part["when"]),
                record=_frozen(part.get("record")),
            )
            for part in raw.get("parts", ())
        ),
        record=_frozen(raw.get("record")),
        record_what_was_shared=raw.get("record_what_was_shared"),
    )
