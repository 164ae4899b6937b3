"""Validation of chart definitions, before they are compiled or loaded.

A definition is the plain data parsed from one chart file (see docs/reference/chart-format.md).
Validation collects every problem it can find, each naming the file and the node, and raises
them together so that an author fixes a file in one pass rather than one build at a time.
Standard library only: the same checks run at build time and inside Pyodide.
"""

import re

from .errors import ChartDefinitionError, Problem

# Every decision an outcome can carry, with the words the site shows for it.
DECISION_LABELS = {"share": "Share", "do-not-share": "Do not share", "seek-advice": "Seek advice"}
DECISIONS = tuple(DECISION_LABELS)
NODE_TYPES = ("question", "outcome")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# Keys the URL fragment uses besides question ids (see web.CHART_KEY and journey.REVISIT_KEY).
RESERVED_IDS = frozenset({"at", "chart"})

CHART_FIELDS = {"id", "title", "version", "description", "source", "start", "nodes"}
CHART_REQUIRED = ("id", "title", "version", "start", "nodes")
QUESTION_FIELDS = {"id", "type", "question", "hint", "help", "options"}
QUESTION_CONTENT = ("question", "hint", "help")
OPTION_FIELDS = {"answer", "label", "next"}
OUTCOME_FIELDS = {"id", "type", "decision", "title", "body"}
OUTCOME_CONTENT = ("title", "body")


def validate_definition(definition, file, expected_id=None):
    """Raise ChartDefinitionError listing every problem in `definition`; return None if sound."""
    problems = list(_problems(definition, file, expected_id))
    if problems:
        raise ChartDefinitionError(problems)


def _problems(definition, file, expected_id):
    if not isinstance(definition, dict):
        yield Problem(file, None, "the file must hold a mapping with id, title, version, start and nodes")
        return
    for field in CHART_REQUIRED:
        if _blank(definition.get(field)):
            yield Problem(file, None, f"missing required field {field!r}")
        elif field != "nodes" and not isinstance(definition[field], str):
            yield Problem(file, None, f"{field!r} must be text (in YAML, quote dates and numbers)")
    for field in sorted(set(definition) - CHART_FIELDS):
        yield Problem(file, None, f"unknown field {field!r}")
    chart_id = definition.get("id")
    if isinstance(chart_id, str) and chart_id:
        if not ID_PATTERN.match(chart_id):
            yield Problem(file, None, f"chart id {chart_id!r} must be lower-case words joined by hyphens")
        if expected_id is not None and chart_id != expected_id:
            yield Problem(file, None, f"chart id {chart_id!r} does not match the file name {expected_id!r}")

    nodes = definition.get("nodes")
    if nodes is None:
        return
    if not isinstance(nodes, list):
        yield Problem(file, None, "'nodes' must be a list of nodes")
        return

    by_id = {}
    for index, node in enumerate(nodes):
        label = _node_label(node, index)
        if not isinstance(node, dict):
            yield Problem(file, label, "a node must be a mapping")
            continue
        node_id = node.get("id")
        if _blank(node_id) or not isinstance(node_id, str):
            yield Problem(file, label, "node has no 'id'")
            continue
        if not ID_PATTERN.match(node_id):
            yield Problem(file, node_id, "node id must be lower-case words joined by hyphens")
        if node_id in RESERVED_IDS:
            yield Problem(file, node_id, f"node id {node_id!r} is reserved; choose another")
        if node_id in by_id:
            yield Problem(file, node_id, "duplicate node id")
            continue
        by_id[node_id] = node
        yield from _node_problems(node, node_id, file)

    start = definition.get("start")
    if isinstance(start, str) and start:
        if start not in by_id:
            yield Problem(file, start, "'start' names a node that does not exist")
            return
        if by_id[start].get("type") != "question":
            yield Problem(file, start, "'start' must name a question")
    else:
        return

    edges = {node_id: _targets(node) for node_id, node in by_id.items()}
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


def _node_problems(node, node_id, file):
    kind = node.get("type")
    if kind not in NODE_TYPES:
        yield Problem(file, node_id, f"'type' must be one of {', '.join(NODE_TYPES)}, not {kind!r}")
        return
    allowed = QUESTION_FIELDS if kind == "question" else OUTCOME_FIELDS
    for field in sorted(set(node) - allowed):
        yield Problem(file, node_id, f"unknown field {field!r} for a {kind}")
    if kind == "question":
        yield from _question_problems(node, node_id, file)
    else:
        yield from _outcome_problems(node, node_id, file)


def _question_problems(node, node_id, file):
    yield from _content_problems(node, node_id, file, QUESTION_CONTENT)
    options = node.get("options")
    if not isinstance(options, list) or not options:
        yield Problem(file, node_id, "question has no options")
        return
    seen = set()
    for index, option in enumerate(options, start=1):
        if not isinstance(option, dict):
            yield Problem(file, node_id, f"option {index} must be a mapping with answer, label and next")
            continue
        for field in sorted(set(option) - OPTION_FIELDS):
            yield Problem(file, node_id, f"option {index} has unknown field {field!r}")
        for field in sorted(OPTION_FIELDS):
            if _blank(option.get(field)):
                yield Problem(file, node_id, f"option {index} is missing {field!r}")
            elif not isinstance(option[field], str):
                yield Problem(file, node_id, f"option {index}: {field!r} must be text (in YAML, quote values such as \"yes\" and \"no\")")
        answer = option.get("answer")
        if isinstance(answer, str) and answer:
            if not ID_PATTERN.match(answer):
                yield Problem(file, node_id, f"answer {answer!r} must be lower-case words joined by hyphens")
            if answer in seen:
                yield Problem(file, node_id, f"duplicate answer {answer!r}")
            seen.add(answer)


def _outcome_problems(node, node_id, file):
    decision = node.get("decision")
    if _blank(decision):
        yield Problem(file, node_id, "outcome has no decision")
    elif decision not in DECISIONS:
        yield Problem(file, node_id, f"decision {decision!r} must be one of {', '.join(DECISIONS)}")
    yield from _content_problems(node, node_id, file, OUTCOME_CONTENT)


def _content_problems(node, node_id, file, fields):
    for field in fields:
        if _blank(node.get(field)):
            yield Problem(file, node_id, f"missing content: {field!r}")
        elif not isinstance(node[field], str):
            yield Problem(file, node_id, f"{field!r} must be text")


def _targets(node):
    if node.get("type") != "question" or not isinstance(node.get("options"), list):
        return []
    return [
        (option.get("answer"), option["next"])
        for option in node["options"]
        if isinstance(option, dict) and isinstance(option.get("next"), str) and option["next"]
    ]


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
            return visiting[visiting.index(node_id):] + [node_id]
        visiting.append(node_id)
        for _, target in edges[node_id]:
            cycle = walk(target)
            if cycle:
                return cycle
        visiting.pop()
        done.add(node_id)
        return None

    return walk(start)


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}


def _node_label(node, index):
    if isinstance(node, dict) and isinstance(node.get("id"), str) and node["id"]:
        return node["id"]
    return f"#{index + 1}"
