"""Shared helpers for the engine tests. Standard library only: these tests also run in Pyodide."""

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from flowchart import Journey

PATH_TABLES = Path(__file__).resolve().parent / "paths"


def all_paths(chart):
    """Every complete path through `chart`: [(answers tuple, outcome)], found by walking the engine."""
    found = []

    def walk(journey):
        node = journey.current
        if node.kind == "outcome":
            found.append((journey.answers, node))
            return
        for answer in node.answers:
            walk(journey.answer(answer))

    walk(Journey.start(chart))
    return found


@dataclass(frozen=True)
class PathRow:
    """One row of a reviewed path table: the answers it covers, the outcome and decision they
    reach, and the decision-record fields it says the outcome fills in."""

    line: str
    conditions: tuple  # ((question, frozenset of answers), ...)
    outcome: str
    decision: str
    fields: tuple  # ((record field, choice), ...)

    def matches(self, answers):
        given = dict(answers)
        return all(given.get(question) in wanted for question, wanted in self.conditions)


def covering_paths(chart, limit=25):
    """Every path of a small chart; for a large one (the lawful-basis chart has thousands), a
    few that between them give every answer to every question and reach every outcome and every
    part of an outcome, so the browser tests walk each piece of the chart at least once."""
    paths = all_paths(chart)
    if len(paths) <= limit:
        return paths

    def pieces(path):
        answers, outcome = path
        return (
            set(answers)
            | {("outcome", outcome.id)}
            | {("part", outcome.id, p.title) for p in outcome.parts_for(dict(answers))}
        )

    wanted = set().union(*(pieces(path) for path in paths))
    chosen = []
    while wanted:
        best = max(paths, key=lambda path: len(pieces(path) & wanted))
        chosen.append(best)
        wanted -= pieces(best)
    return chosen


def read_path_table(chart_id):
    """The reviewed table for a chart, as PathRows. A row lists answers as `question=answer`,
    or `question=a|b` for any of several; a path matches every row whose answers it gives, so a
    row may cover many paths (for a chart with many). The columns are separated by tabs (or by
    runs of two or more spaces, as in a table copied from the rendered chart-format page): answers,
    outcome, decision and, optionally, record fields as `field=choice` separated by spaces."""
    rows = []
    for line in (PATH_TABLES / f"{chart_id}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        columns = re.split(r"\t+| {2,}", line.strip())
        answers, outcome, decision = columns[:3]
        fields = columns[3].split() if len(columns) > 3 and columns[3] != "-" else []
        conditions = tuple(
            (question, frozenset(choices.split("|")))
            for question, choices in (pair.split("=", 1) for pair in answers.split())
        )
        rows.append(PathRow(line.strip(), conditions, outcome, decision, tuple(tuple(f.split("=", 1)) for f in fields)))
    return rows


def minimal_definition():
    """A small, valid chart definition to break in validator tests."""
    return copy.deepcopy(
        {
            "id": "sample",
            "title": "Sample chart",
            "version": "2026-01-01",
            "start": "first",
            "nodes": [
                {
                    "id": "first",
                    "type": "question",
                    "question": "Is it so?",
                    "hint": "A hint.",
                    "help": "Some help.",
                    "options": [
                        {"answer": "yes", "label": "Yes", "next": "second"},
                        {"answer": "no", "label": "No", "next": "stop"},
                    ],
                },
                {
                    "id": "second",
                    "type": "question",
                    "question": "And this?",
                    "hint": "Another hint.",
                    "help": "More help.",
                    "options": [
                        {"answer": "yes", "label": "Yes", "next": "go"},
                        {"answer": "no", "label": "No", "next": "stop"},
                    ],
                },
                {"id": "go", "type": "outcome", "decision": "share", "title": "Share", "body": "Go on."},
                {"id": "stop", "type": "outcome", "decision": "do-not-share", "title": "Stop", "body": "Stop."},
            ],
        }
    )


def node(definition, node_id):
    return next(n for n in definition["nodes"] if n.get("id") == node_id)
