"""Property-based tests (Hypothesis): random answer sequences and random fragments never crash
the engine or route silently wrong; random malformed definitions are always refused cleanly,
with every problem naming the file and, where there is one, the node."""

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowchart import FlowchartError, Journey, chart_ids, load_chart, web
from flowchart.model import Chart
from sitebuild.chart_checks import ChartDefinitionError, validate_definition

from ..engine.helpers import minimal_definition, read_path_table

CHARTS = {chart_id: load_chart(chart_id) for chart_id in chart_ids()}
FILE = "flowchart/charts/random.yaml"
junk = st.text(max_size=12) | st.none() | st.integers() | st.booleans()


@st.composite
def moves(draw, chart):
    answers = sorted({a for q in chart.questions for a in q.answers})
    question_ids = [q.id for q in chart.questions]
    move = st.one_of(
        st.tuples(st.just("answer"), st.sampled_from(answers) | junk),
        st.tuples(st.just("back"), st.none()),
        st.tuples(st.just("change"), st.sampled_from(question_ids) | st.text(max_size=8)),
        st.tuples(st.just("restart"), st.none()),
    )
    return draw(st.lists(move, max_size=25))


def expected_next(chart, node_id, answer):
    """An oracle independent of the engine: the option table as written in the chart."""
    for option in chart.node(node_id).options:
        if option.answer == answer:
            return option.next
    return None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data(), chart_id=st.sampled_from(sorted(CHARTS)))
def test_random_moves_never_crash_or_route_wrongly(data, chart_id):
    chart = CHARTS[chart_id]
    table = read_path_table(chart_id)
    journey = Journey.start(chart)
    for name, argument in data.draw(moves(chart)):
        before = journey
        try:
            if name == "answer":
                journey = journey.answer(argument)
            elif name == "back":
                journey = journey.back()
            elif name == "change":
                journey = journey.change(argument)
            else:
                journey = journey.restart()
        except FlowchartError:
            assert journey == before  # a refused move changes nothing
            continue
        if name == "answer":
            # The answered question is on the path with the chosen answer; the path may run on
            # through answers remembered from before (checked as a chain below).
            chosen = {s.question.id: s.option.answer for s in journey.path}
            assert chosen[before.current.id] == argument
        # The path is always a chain from the start that follows the chart's own options.
        node = chart.start
        for step in journey.path:
            assert step.question.id == node
            node = expected_next(chart, node, step.option.answer)
        assert journey.current.id == node or journey.revisiting == journey.current.id
        assert Journey.from_state(chart, journey.state) == journey
        if journey.is_complete:
            key = tuple((s.question.id, s.option.answer) for s in journey.path)
            reached = {(row.outcome, row.decision) for row in table if row.matches(key)}
            assert reached == {(journey.outcome.id, journey.outcome.decision)}


@settings(max_examples=300, deadline=None)
@given(fragment=st.text(max_size=300), chart_id=st.sampled_from(sorted(CHARTS)))
def test_any_fragment_gives_a_step_built_only_from_a_valid_state(fragment, chart_id):
    """Whatever the address holds, the page shows exactly what the canonical, valid state shows:
    nothing from the raw fragment can reach the HTML."""
    for candidate in (fragment, f"chart={chart_id}&{fragment}"):
        reply = json.loads(web.show(chart_id, candidate, "../../"))
        assert reply["node"] in CHARTS[chart_id].nodes
        assert reply["fragment"].startswith(f"chart={chart_id}")
        canonical = json.loads(web.show(chart_id, reply["fragment"], "../../"))
        assert reply["html"] == canonical["html"]
        assert canonical["notice"] is None
        # The replies the page may paint without asking again are the engine's own.
        for value, ahead in json.loads(web.answers_ahead(chart_id, candidate, "../../")).items():
            assert ahead == json.loads(web.answer(chart_id, candidate, value, "../../"))


@settings(max_examples=200, deadline=None)
@given(value=junk | st.text(max_size=50), chart_id=st.sampled_from(sorted(CHARTS)))
def test_any_answer_is_either_taken_or_refused_with_an_error(value, chart_id):
    reply = json.loads(web.answer(chart_id, f"chart={chart_id}", value, ""))
    chart = CHARTS[chart_id]
    if isinstance(value, str) and value in chart.node(chart.start).answers:
        assert reply["error"] is None
        assert reply["node"] == expected_next(chart, chart.start, value)
    else:
        assert reply["error"] == web.NO_ANSWER_MESSAGE
        assert reply["node"] == chart.start


# -- malformed definitions --------------------------------------------------------------------

PATHS_INTO_DEFINITION = [
    ("id",),
    ("title",),
    ("version",),
    ("start",),
    ("nodes",),
    ("nodes", 0, "id"),
    ("nodes", 0, "type"),
    ("nodes", 0, "question"),
    ("nodes", 0, "hint"),
    ("nodes", 0, "help"),
    ("nodes", 0, "options"),
    ("nodes", 0, "options", 0, "next"),
    ("nodes", 0, "options", 1, "answer"),
    ("nodes", 0, "options", 0, "label"),
    ("nodes", 1, "options", 0, "next"),
    ("nodes", 1, "id"),
    ("nodes", 2, "decision"),
    ("nodes", 2, "title"),
    ("nodes", 2, "body"),
    ("nodes", 3, "id"),
]
any_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=10)
    | st.sampled_from(["first", "second", "go", "stop", "share"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["id", "type", "next", "answer", "label"]), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def mutated_definitions(draw):
    definition = minimal_definition()
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS_INTO_DEFINITION))
        action = draw(st.sampled_from(["delete", "replace", "duplicate-node"]))
        if action == "duplicate-node":
            nodes = definition.get("nodes")
            if isinstance(nodes, list) and nodes:
                nodes.append(copy.deepcopy(draw(st.sampled_from(nodes))))
            continue
        parent = definition
        try:
            for key in path[:-1]:
                parent = parent[key]
            if action == "delete":
                del parent[path[-1]]
            else:
                parent[path[-1]] = draw(any_value)
        except (KeyError, IndexError, TypeError):
            continue
    return definition


def walks_to_outcomes(definition):
    """Compile a valid raw definition the simple way and check every path ends in an outcome."""
    compiled = {
        "id": definition["id"],
        "title": definition["title"],
        "version": definition["version"],
        "start": definition["start"],
        "nodes": [
            {**n, "hint_html": n.get("hint", ""), "help_html": n.get("help", ""), "body_html": n.get("body", "")}
            for n in definition["nodes"]
        ],
    }
    chart = Chart.from_compiled(compiled)

    def walk(journey, depth):
        assert depth <= len(chart.nodes)
        if journey.current.kind == "outcome":
            return
        for answer in journey.current.answers:
            walk(journey.answer(answer), depth + 1)

    walk(Journey.start(chart), 0)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(definition=mutated_definitions())
def test_malformed_definitions_are_refused_cleanly_naming_file_and_node(definition):
    try:
        validate_definition(definition, FILE, expected_id="sample")
    except ChartDefinitionError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith(FILE + ": ")
            if problem.node is not None:
                assert f"node {problem.node!r}" in str(problem)
        return
    walks_to_outcomes(definition)  # whatever passes validation is routable
