"""Validation of chart definitions, before they are compiled or loaded.

A definition is the plain data parsed from one chart file (see docs/reference/chart-format.md).
Validation collects every problem it can find, each naming the file and the node, and raises
them together so that an author fixes a file in one pass rather than one build at a time.
Standard library only: the same checks run at build time and inside Pyodide.
"""

import re

from .errors import ChartDefinitionError, Problem
from .model import DECISIONS
from .record import FIELDS_BY_KEY, PREFILLABLE

NODE_TYPES = ("question", "outcome")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# Keys the URL fragment uses besides question ids (see web.py and journey.REVISIT_KEY).
RESERVED_IDS = frozenset({"at", "chart", "return"})

CHART_FIELDS = {"id", "title", "version", "description", "source", "start", "nodes", "carries_record_to"}
CHART_REQUIRED = ("id", "title", "version", "start", "nodes")
QUESTION_FIELDS = {"id", "type", "question", "hint", "help", "options"}
QUESTION_CONTENT = ("question", "hint", "help")
OPTION_FIELDS = {"answer", "label", "next"}
OUTCOME_FIELDS = {"id", "type", "decision", "title", "body", "parts", "record", "record_what_was_shared"}
OUTCOME_CONTENT = ("title", "body")
PART_FIELDS = {"title", "when", "body", "record"}


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
    carries = definition.get("carries_record_to")
    if carries is not None and (not isinstance(carries, str) or not ID_PATTERN.match(carries)):
        yield Problem(file, None, "'carries_record_to' must be the id of another chart")
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
        return
    yield from _parts_problems(file, start, by_id)


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
    if "record_what_was_shared" in node and not isinstance(node["record_what_was_shared"], bool):
        yield Problem(file, node_id, "'record_what_was_shared' must be true or false")
    yield from _record_problems(node.get("record"), node_id, file, "record")
    parts = node.get("parts")
    if parts is None:
        return
    if not isinstance(parts, list):
        yield Problem(file, node_id, "'parts' must be a list of parts, each with title, when and body")
        return
    for number, part in enumerate(parts, start=1):
        where = f"part {number}"
        if not isinstance(part, dict):
            yield Problem(file, node_id, f"{where} must be a mapping with title, when and body")
            continue
        for field in sorted(set(part) - PART_FIELDS):
            yield Problem(file, node_id, f"{where} has unknown field {field!r}")
        for field in ("title", "body"):
            if _blank(part.get(field)) or not isinstance(part.get(field), str):
                yield Problem(file, node_id, f"{where} is missing {field!r} (text)")
        when = part.get("when")
        if not isinstance(when, dict) or not when:
            yield Problem(file, node_id, f"{where}: 'when' must map question ids to an answer or a list of answers")
        yield from _record_problems(part.get("record"), node_id, file, f"{where}: record")


def _record_problems(record, node_id, file, where):
    """An outcome's (or part's) record: decision-record choice fields and one of their choices."""
    if record is None:
        return
    if not isinstance(record, dict):
        yield Problem(file, node_id, f"{where} must map decision-record fields to choices")
        return
    for key, value in record.items():
        if key not in PREFILLABLE:
            yield Problem(file, node_id, f"{where}: {key!r} is not a decision-record field that can be filled in ({', '.join(PREFILLABLE)})")
        elif FIELDS_BY_KEY[key].choice(value) is None:
            allowed = ", ".join(c.value for c in FIELDS_BY_KEY[key].choices)
            yield Problem(file, node_id, f"{where}: {value!r} is not a choice of {key!r} ({allowed})")


def _parts_problems(file, start, by_id):
    """Each part's condition names questions and answers that can lead to its outcome; a part
    that no path to its outcome can satisfy would never show, which is always a mistake."""
    paths = _paths_to_outcomes(start, by_id)
    for node_id, node in by_id.items():
        parts = node.get("parts") if node.get("type") == "outcome" else None
        if not isinstance(parts, list):
            continue
        for number, part in enumerate(parts, start=1):
            when = part.get("when") if isinstance(part, dict) else None
            if not isinstance(when, dict) or not when:
                continue
            wanted = {}
            for question, answers in when.items():
                answers = [answers] if isinstance(answers, str) else answers
                target = by_id.get(question)
                if not isinstance(target, dict) or target.get("type") != "question":
                    yield Problem(file, node_id, f"part {number}: 'when' names {question!r}, which is not a question")
                    continue
                listed = target.get("options")
                offered = {o.get("answer") for o in (listed if isinstance(listed, list) else ()) if isinstance(o, dict)}
                if not isinstance(answers, list) or not answers or not all(isinstance(a, str) for a in answers):
                    yield Problem(file, node_id, f"part {number}: 'when' for {question!r} must be an answer or a list of answers")
                    continue
                unknown = [a for a in answers if a not in offered]
                if unknown:
                    yield Problem(file, node_id, f"part {number}: {question!r} has no answer {unknown[0]!r}")
                    continue
                wanted[question] = set(answers)
            if wanted and len(wanted) == len(when) and not any(
                all(path.get(q) in a for q, a in wanted.items()) for path in paths.get(node_id, ())
            ):
                yield Problem(file, node_id, f"part {number} ({part.get('title')!r}) can never apply: no way to this outcome gives those answers")


def _paths_to_outcomes(start, by_id):
    """{outcome id: [{question: answer}, ...]}: every way from the start to each outcome."""
    found = {}

    def walk(node_id, answers):
        node = by_id.get(node_id)
        if not isinstance(node, dict):
            return
        if node.get("type") == "outcome":
            found.setdefault(node_id, []).append(answers)
            return
        options = node.get("options")
        for option in options if isinstance(options, list) else ():
            if isinstance(option, dict) and isinstance(option.get("next"), str):
                walk(option["next"], {**answers, node_id: option.get("answer")})

    walk(start, {})
    return found


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
