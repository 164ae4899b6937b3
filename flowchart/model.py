"""The loaded, read-only form of a chart: what the engine routes through.

Built from a compiled chart (Markdown already rendered to HTML at build time), so nothing here
needs more than the standard library.
"""

from dataclasses import dataclass, field
from types import MappingProxyType

from .errors import FlowchartError, UnknownNode


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
class Outcome:
    id: str
    title: str
    decision: str
    body_html: str

    kind = "outcome"


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    version: str
    description_html: str
    start: str
    nodes: MappingProxyType  # node id -> Question | Outcome, in definition order
    source: str = ""  # what the chart is based on, in words
    # Where the site was built for: the partnership's name and procedures (record_details in
    # sitebuild/partnership.py), for the decision record. Empty for a chart built without them.
    local: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

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
                if raw["type"] == "question":
                    node = Question(
                        id=raw["id"],
                        text=raw["question"],
                        hint_html=raw["hint_html"],
                        help_html=raw["help_html"],
                        options=tuple(
                            Option(o["answer"], o["label"], o["next"]) for o in raw["options"]
                        ),
                    )
                else:
                    node = Outcome(
                        id=raw["id"],
                        title=raw["title"],
                        decision=raw["decision"],
                        body_html=raw["body_html"],
                    )
                nodes[node.id] = node
            return cls(
                id=data["id"],
                title=data["title"],
                version=data["version"],
                description_html=data.get("description_html", ""),
                start=data["start"],
                nodes=MappingProxyType(nodes),
                source=data.get("source", ""),
                local=MappingProxyType(dict(data.get("local") or {})),
            )
        except (KeyError, TypeError) as error:
            chart = data.get("id", "?") if isinstance(data, dict) else "?"
            raise FlowchartError(f"Compiled chart {chart!r} is malformed: missing {error}") from None
