"""The chart checks (schema, then routes) reject each kind of malformed chart with a message
naming the file, the node and the key."""

import pytest

from sitebuild.chart_checks import ChartDefinitionError, validate_definition

from ..engine.helpers import minimal_definition, node

FILE = "flowchart/charts/sample.yaml"


def problems_of(definition, expected_id="sample"):
    with pytest.raises(ChartDefinitionError) as error:
        validate_definition(definition, FILE, expected_id=expected_id)
    return [str(p) for p in error.value.problems]


def test_the_minimal_definition_is_valid():
    validate_definition(minimal_definition(), FILE, expected_id="sample")


def unknown_target(d):
    node(d, "second")["options"][0]["next"] = "missing"


def duplicate_id(d):
    d["nodes"].append(dict(node(d, "go")))


def unreachable_node(d):
    d["nodes"].append({"id": "orphan", "type": "outcome", "decision": "share", "title": "T", "body": "B"})


def cycle(d):
    node(d, "second")["options"][1]["next"] = "first"


def question_without_options(d):
    node(d, "second")["options"] = []


def options_that_are_not_a_list(d):
    # Found by tests/properties: the path checks once crashed on this instead of reporting it.
    node(d, "second")["options"] = True


def outcome_without_decision(d):
    del node(d, "go")["decision"]


def unknown_decision(d):
    node(d, "go")["decision"] = "maybe"


def missing_question_content(d):
    node(d, "first")["hint"] = "   "


def missing_outcome_content(d):
    del node(d, "stop")["body"]


def unknown_field(d):
    node(d, "first")["nxt"] = "second"


def duplicate_answer(d):
    node(d, "first")["options"][1]["answer"] = "yes"


def unquoted_yaml_boolean(d):
    node(d, "first")["options"][0]["answer"] = True


def start_is_missing(d):
    d["start"] = "nowhere"


def start_is_an_outcome(d):
    d["start"] = "go"
    d["nodes"] = [n for n in d["nodes"] if n["id"] == "go"]


def missing_chart_field(d):
    del d["title"]


def bad_node_type(d):
    node(d, "go")["type"] = "ending"


def node_without_id(d):
    del node(d, "go")["id"]


def id_does_not_match_file(d):
    d["id"] = "other"


def part(d, **changes):
    node(d, "go")["parts"] = [{"title": "A part", "when": {"first": "yes"}, "body": "Some text.", **changes}]


def part_naming_an_unknown_question(d):
    part(d, when={"third": "yes"})


def part_naming_an_unknown_answer(d):
    part(d, when={"second": "maybe"})


def part_that_can_never_apply(d):
    part(d, when={"first": "no"})  # "go" is reached only after first=yes


def part_without_body(d):
    part(d, body="")


def record_field_that_cannot_be_filled_in(d):
    node(d, "go")["record"] = {"notes": "typed text"}


def record_choice_that_does_not_exist(d):
    node(d, "go")["record"] = {"lawful_basis": "public-interest"}


def part_record_choice_that_does_not_exist(d):
    part(d, record={"confidentiality_basis": "because"})


def reserved_return_id(d):
    node(d, "second")["id"] = "return"
    node(d, "first")["options"][0]["next"] = "return"


@pytest.mark.parametrize(
    "break_it, expected",
    [
        (unknown_target, f"{FILE}: node 'second': answer 'yes' leads to unknown node 'missing'"),
        (duplicate_id, f"{FILE}: node 'go': duplicate node id"),
        (unreachable_node, f"{FILE}: node 'orphan': node is unreachable from the start node 'first'"),
        (cycle, f"{FILE}: node 'first': cycle: first -> second -> first"),
        (question_without_options, f"{FILE}: node 'second': key 'options' is empty"),
        (options_that_are_not_a_list, f"{FILE}: node 'second': key 'options' must be a list of the answers"),
        (outcome_without_decision, f"{FILE}: node 'go': key 'decision' is missing"),
        (
            unknown_decision,
            f"{FILE}: node 'go': key 'decision' must be one of share, do-not-share, seek-advice, talk-first, bases, not 'maybe'",
        ),
        (missing_question_content, f"{FILE}: node 'first': key 'hint' is empty"),
        (missing_outcome_content, f"{FILE}: node 'stop': key 'body' is missing"),
        (unknown_field, f"{FILE}: node 'first': key 'nxt' is not a known key (check the spelling)"),
        (duplicate_answer, f"{FILE}: node 'first': duplicate answer 'yes'"),
        (
            unquoted_yaml_boolean,
            f"{FILE}: node 'first': key 'options[0].answer' must be lower-case words joined by hyphens (text, in quotes if it is \"yes\" or \"no\"). Found True.",
        ),
        (start_is_missing, f"{FILE}: node 'nowhere': 'start' names a node that does not exist"),
        (start_is_an_outcome, f"{FILE}: node 'go': 'start' must name a question"),
        (missing_chart_field, f"{FILE}: key 'title' is missing"),
        (bad_node_type, f"{FILE}: node 'go': key 'type' must be one of question, outcome, not 'ending'"),
        (node_without_id, f"{FILE}: node '#3': key 'id' is missing"),
        (id_does_not_match_file, f"{FILE}: chart id 'other' does not match the file name 'sample'"),
        (part_naming_an_unknown_question, f"{FILE}: node 'go': part 1: 'when' names 'third', which is not a question"),
        (part_naming_an_unknown_answer, f"{FILE}: node 'go': part 1: 'second' has no answer 'maybe'"),
        (part_that_can_never_apply, f"{FILE}: node 'go': part 1 ('A part') can never apply"),
        (part_without_body, f"{FILE}: node 'go': key 'parts[0].body' is empty"),
        (record_field_that_cannot_be_filled_in, f"{FILE}: node 'go': key 'record.notes' is not a known key"),
        (
            record_choice_that_does_not_exist,
            f"{FILE}: node 'go': key 'record.lawful_basis' must be one of public-task, legal-obligation, vital-interests, recognised-legitimate-interests, legitimate-interests, consent, contract, law-enforcement, other, not-applicable, not 'public-interest'",
        ),
        (
            part_record_choice_that_does_not_exist,
            f"{FILE}: node 'go': key 'parts[0].record.confidentiality_basis' must be one of not-confidential, consent, public-interest, legal-requirement, not 'because'",
        ),
        (reserved_return_id, f"{FILE}: node 'return': node id 'return' is reserved"),
    ],
    ids=lambda value: getattr(value, "__name__", None) or "",
)
def test_malformed_charts_are_rejected_with_file_and_node(break_it, expected):
    definition = minimal_definition()
    break_it(definition)
    messages = problems_of(definition)
    assert any(m.startswith(expected) for m in messages), messages


def test_a_part_that_applies_on_some_path_is_valid():
    definition = minimal_definition()
    part(definition, when={"first": "yes", "second": ["yes", "no"]}, record={"lawful_basis": "public-task"})
    validate_definition(definition, FILE, expected_id="sample")


def test_every_problem_of_a_kind_is_reported_at_once():
    """Every problem of shape at once; the routes are checked once the shape is sound."""
    definition = minimal_definition()
    unknown_field(definition)
    missing_outcome_content(definition)
    assert len(problems_of(definition)) == 2
    definition = minimal_definition()
    unknown_target(definition)
    node_without_id(definition)
    assert len(problems_of(definition)) == 1  # the id first: a node without one has no routes
    definition = minimal_definition()
    unknown_target(definition)
    cycle(definition)
    reserved_return_id(definition)
    messages = problems_of(definition)
    assert any("leads to unknown node 'missing'" in m for m in messages), messages
    assert any("is reserved" in m for m in messages), messages


@pytest.mark.parametrize("not_a_chart", [None, [], "text", 3])
def test_a_file_that_is_not_a_mapping_is_rejected(not_a_chart):
    assert problems_of(not_a_chart) == [
        f"{FILE}: the file must hold a mapping with id, title, version, start and nodes"
    ]
