"""Shared helpers for the engine tests. Standard library only: these tests also run in Pyodide."""

import copy
import re
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


def read_path_table(chart_id):
    """The reviewed table for a chart: {answers tuple: (outcome id, decision)}."""
    table = {}
    for line in (PATH_TABLES / f"{chart_id}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        # Tabs separate the columns; runs of two or more spaces do too (a table copied from the
        # rendered chart-format page has its tabs expanded).
        answers, outcome, decision = re.split(r"\t+| {2,}", line.strip())
        key = tuple(tuple(pair.split("=", 1)) for pair in answers.split())
        assert key not in table, f"{chart_id}.tsv lists {answers} twice"
        table[key] = (outcome, decision)
    return table


def minimal_definition():
    """A small, valid chart definition to break in validator tests."""
    return copy.deepcopy(
        {
            "id": "sample",
            "title": "Sample chart",
            "version": "1",
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
