"""Worked examples from public guidance, walked through the lawful-basis chart: each must still
lead to the bases its source supports (tests/scenarios/lawful-basis/, one file per example)."""

from pathlib import Path

import pytest
import yaml

from flowchart import Journey, load_chart

SCENARIOS = Path(__file__).resolve().parent / "lawful-basis"
FILES = sorted(SCENARIOS.glob("*.yaml"))


def walk(chart, answers):
    """Answer the chart's questions in the order it asks them, from the scenario's answers."""
    journey = Journey.start(chart)
    while journey.current.kind == "question":
        question = journey.current
        assert question.id in answers, f"the scenario does not answer {question.id!r}"
        journey = journey.answer(answers[question.id])
    unused = set(answers) - {step.question.id for step in journey.path}
    assert not unused, f"the chart never asks {sorted(unused)}"
    return journey


def test_there_are_at_least_fifteen_worked_examples_each_with_a_source():
    assert len(FILES) >= 15
    for path in FILES:
        scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert scenario["id"] == path.stem
        source = scenario["source"]
        assert source["title"] and source["publisher"] and source["says"]
        assert source["url"].startswith("https://")
        assert scenario["situation"] and scenario["inference"]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_chart_names_the_bases_the_source_supports(path):
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    journey = walk(load_chart("lawful-basis"), scenario["answers"])
    outcome = journey.outcome
    if "expect_outcome" in scenario:
        assert outcome.id == scenario["expect_outcome"]
    filled = outcome.record_for(dict(journey.answers))
    for field, choice in scenario["bases"].items():
        assert filled.get(field) == choice, f"{field}: expected {choice!r}, the chart gives {filled.get(field)!r}"
    for field, choices in (scenario.get("must_not") or {}).items():
        assert filled.get(field) not in choices, f"{field}: the chart gives {filled.get(field)!r}, which the source rules out"
