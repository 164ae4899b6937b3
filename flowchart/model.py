"""The loaded, read-only form of a chart: what the engine routes through.

Built from a compiled chart (Markdown already rendered to HTML at build time), so nothing here
needs more than the standard library.
"""

from dataclasses import dataclass, field
from types import MappingProxyType

from .errors import FlowchartError, UnknownNode

# Every decision an outcome can carry, with the words the site shows for it.
DECISION_LABELS = MappingProxyType(
    {
        "share": "Share",
        "do-not-share": "Do not share",
        "seek-advice": "Seek advice",
        "talk-first": "Talk to the family first",
        "bases": "Record these bases",
    }
)
DECISIONS = tuple(DECISION_LABELS)
# Decisions that share nothing: their record form leaves out the questions about what was shared.
NO_SHARING_DECISIONS = ("do-not-share", "talk-first")


def decision_label(decision):
    return DECISION_LABELS.get(decision, decision)


def _frozen(mapping):
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
    options: tuple

    kind = "question"

    @property
    def answers(self):
        return tuple(option.answer for option in self.options)

    def option(self, answer):
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
    when: tuple
    record: MappingProxyType = field(default_factory=lambda: _frozen({}))

    def applies(self, answers):
        """Does this part apply, given {question id: answer}?"""
        return all(answers.get(question) in wanted for question, wanted in self.when)


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    decision: str
    body_html: str
    parts: tuple = ()
    # Decision-record fields (record.RECORD_FIELDS keys) this outcome fills in, such as the
    # lawful basis a `lawful-basis` outcome names, carried into another chart's record.
    record: MappingProxyType = field(default_factory=lambda: _frozen({}))
    # Whether its record form asks what was shared: by default, unless its decision shares
    # nothing; an outcome can say otherwise (one that tells a worried person to refer anyway).
    record_what_was_shared: bool = None

    kind = "outcome"

    @property
    def asks_what_was_shared(self):
        if self.record_what_was_shared is not None:
            return self.record_what_was_shared
        return self.decision not in NO_SHARING_DECISIONS

    def parts_for(self, answers):
        return tuple(part for part in self.parts if part.applies(answers))

    def record_for(self, answers):
        """The record fields this outcome fills in after these answers (parts after the base)."""
        filled = dict(self.record)
        for part in self.parts_for(answers):
            filled.update(part.record)
        return filled


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    version: str
    description_html: str
    start: str
    nodes: MappingProxyType  # node id -> Question | Outcome, in definition order
    source: str = ""  # what the chart is based on, in words
    # The chart whose decision record this chart's outcomes fill in (see Outcome.record), if any.
    carries_record_to: str = ""
    # Where the site was built for: the partnership's name and procedures (record_details in
    # sitebuild/partnership.py), for the decision record. Empty for a chart built without them.
    local: MappingProxyType = field(default_factory=lambda: _frozen({}))

    def node(self, node_id):
        try:
            return self.nodes[node_id]
        except KeyError:
            raise UnknownNode(self.id, node_id) from None

    @property
    def questions(self):
        return tuple(n for n in self.nodes.values() if n.kind == "question")

    @property
    def outcomes(self):
        return tuple(n for n in self.nodes.values() if n.kind == "outcome")

    @classmethod
    def from_compiled(cls, data):
        """Build a Chart from the compiled JSON form written at build time."""
        try:
            nodes = {}
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


def _question(raw):
    return Question(
        id=raw["id"],
        text=raw["question"],
        hint_html=raw["hint_html"],
        help_html=raw["help_html"],
        options=tuple(Option(o["answer"], o["label"], o["next"]) for o in raw["options"]),
    )


def _outcome(raw):
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
