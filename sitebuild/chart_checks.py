"""Checking a chart definition before it is compiled: its shape against the JSON Schema
(schemas/chart.schema.json, which editors read too), then what a schema cannot say: that ids and
answers are unique, that every `next` names a node, that every node can be reached and no path goes
round in a circle, and that each part of an outcome can apply.

A definition is the plain data parsed from one chart file (docs/reference/chart-format.md). Every
problem found names the file and the node, and all of them are raised together, so that an author
fixes a file in one pass rather than one build at a time.
"""

from flowchart.fragment import CHART_KEY, RETURN_KEY
from flowchart.journey import REVISIT_KEY

from . import schemas
from .errors import BuildError

SCHEMA = "chart.schema.json"
# Keys the page address (URL fragment) uses besides question ids, so no node may take them.
RESERVED_IDS = frozenset({CHART_KEY, RETURN_KEY, REVISIT_KEY})


class Problem:
    """One finding: the file, the node (None for the chart as a whole) and what is wrong."""

    __slots__ = ("file", "message", "node")

    def __init__(self, file, node, message):
        self.file = file
        self.node = node
        self.message = message

    def __str__(self):
        where = f"{self.file}: node {self.node!r}" if self.node else f"{self.file}"
        return f"{where}: {self.message}"

    def __repr__(self):
        return f"Problem({self.file!r}, {self.node!r}, {self.message!r})"


class ChartDefinitionError(BuildError):
    """One or more problems in chart definition files; `problems` keeps each Problem."""

    def __init__(self, problems):
        super().__init__(problems, heading="Invalid chart definition")
        self.problems = tuple(problems)


def validate_definition(definition, file, expected_id=None):
    """Raise ChartDefinitionError listing every problem in `definition`; return None if sound."""
    problems = list(shape_problems(definition, file))
    if not problems:
        problems = list(route_problems(definition, file, expected_id))
    if problems:
        raise ChartDefinitionError(problems)


def shape_problems(definition, file):
    """What the schema finds, each naming the node it is in (by id, or by place if it has none)."""
    if not isinstance(definition, dict):
        yield Problem(file, None, "the file must hold a mapping with id, title, version, start and nodes")
        return
    seen = set()
    for error in schemas.errors(definition, SCHEMA):
        path = list(error.absolute_path)
        if len(path) >= 2 and path[0] == "nodes" and isinstance(path[1], int):
            node = _node_label(definition["nodes"][path[1]], path[1])
            message = schemas.describe(error, lambda p: schemas.key_name(p[2:]), whole="the node")
        else:
            node, message = None, schemas.describe(error)
        if (node, message) not in seen:  # a node's own rules and its kind's may say the same thing
            seen.add((node, message))
            yield Problem(file, node, message)


def route_problems(definition, file, expected_id):
    """What the schema cannot check, on a definition whose shape is sound."""
    if expected_id is not None and definition["id"] != expected_id:
        yield Problem(file, None, f"chart id {definition['id']!r} does not match the file name {expected_id!r}")
    if definition.get("carries_record_to") == definition["id"]:
        yield Problem(file, None, "'carries_record_to' must be the id of another chart")
    by_id = {}
    for node in definition["nodes"]:
        node_id = node["id"]
        if node_id in RESERVED_IDS:
            yield Problem(file, node_id, f"node id {node_id!r} is reserved; choose another")
        if node_id in by_id:
            yield Problem(file, node_id, "duplicate node id")
            continue
        by_id[node_id] = node
        answers = [option["answer"] for option in node.get("options", ())]
        for answer in sorted({a for a in answers if answers.count(a) > 1}):
            yield Problem(file, node_id, f"duplicate answer {answer!r}")

    start = definition["start"]
    if start not in by_id:
        yield Problem(file, start, "'start' names a node that does not exist")
        return
    if by_id[start]["type"] != "question":
        yield Problem(file, start, "'start' must name a question")
    edges = {node_id: [(o["answer"], o["next"]) for o in node.get("options", ())] for node_id, node in by_id.items()}
    for node_id, targets in edges.items():
        for answer, target in targets:
            if target not in by_id:
                yield Problem(file, node_id, f"answer {answer!r} leads to unknown node {target!r}")
    reachable = _reachable(start, edges, by_id)
    for node_id in by_id:
        if node_id not in reachable:
            yield Problem(file, node_id, f"node is unreachable from the start node {start!r}")
    cycle = _find_cycle(start, edges, by_id)
    if cycle:
        yield Problem(file, cycle[0], "cycle: " + " -> ".join(cycle))
        return
    yield from _parts_problems(file, start, by_id, edges)


def _parts_problems(file, start, by_id, edges):
    """Each part's condition names questions and answers that can lead to its outcome; a part
    that no path to its outcome can satisfy would never show, which is always a mistake."""
    paths = _paths_to_outcomes(start, by_id, edges)
    for node_id, node in by_id.items():
        for number, part in enumerate(node.get("parts", ()), start=1):
            wanted = {}
            for question, answers in part["when"].items():
                answers = [answers] if isinstance(answers, str) else answers
                target = by_id.get(question)
                if target is None or target["type"] != "question":
                    yield Problem(file, node_id, f"part {number}: 'when' names {question!r}, which is not a question")
                    continue
                offered = {option["answer"] for option in target["options"]}
                unknown = [a for a in answers if a not in offered]
                if unknown:
                    yield Problem(file, node_id, f"part {number}: {question!r} has no answer {unknown[0]!r}")
                    continue
                wanted[question] = set(answers)
            if len(wanted) == len(part["when"]) and not any(
                all(path.get(q) in a for q, a in wanted.items()) for path in paths.get(node_id, ())
            ):
                yield Problem(
                    file,
                    node_id,
                    f"part {number} ({part['title']!r}) can never apply: no way to this outcome gives those answers",
                )


def _paths_to_outcomes(start, by_id, edges):
    """{outcome id: [{question: answer}, ...]}: every way from the start to each outcome."""
    found = {}

    def walk(node_id, answers):
        if node_id not in by_id:
            return
        if by_id[node_id]["type"] == "outcome":
            found.setdefault(node_id, []).append(answers)
            return
        for answer, target in edges[node_id]:
            walk(target, {**answers, node_id: answer})

    walk(start, {})
    return found


def _reachable(start, edges, by_id):
    seen, stack = set(), [start]
    while stack:
        node_id = stack.pop()
        if node_id in seen or node_id not in by_id:
            continue
        seen.add(node_id)
        stack.extend(target for _, target in edges[node_id])
    return seen


def _find_cycle(start, edges, by_id):
    """Return the first cycle met walking from `start` as a list of ids, or None."""
    visiting, done = [], set()

    def walk(node_id):
        if node_id in done or node_id not in by_id:
            return None
        if node_id in visiting:
            return visiting[visiting.index(node_id) :] + [node_id]
        visiting.append(node_id)
        for _, target in edges[node_id]:
            cycle = walk(target)
            if cycle:
                return cycle
        visiting.pop()
        done.add(node_id)
        return None

    return walk(start)


def _node_label(node, index):
    if isinstance(node, dict) and isinstance(node.get("id"), str) and node["id"]:
        return node["id"]
    return f"#{index + 1}"
