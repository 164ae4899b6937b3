"""The engine API, node by node: start, answer, back, current step, path so far, outcome, errors."""

import pytest

from flowchart import (
    InvalidAnswer,
    InvalidState,
    Journey,
    UnknownChart,
    UnknownNode,
    load_chart,
)


@pytest.fixture
def chart():
    return load_chart("when-and-how")


def test_start_is_the_first_question(chart):
    journey = Journey.start(chart)
    assert journey.current.id == "purpose"
    assert journey.current.kind == "question"
    assert journey.path == ()
    assert journey.outcome is None
    assert not journey.is_complete


@pytest.mark.parametrize(
    "given, answer, expected",
    [
        ((), "yes", "consent"),
        ((), "no", "no-purpose"),
        (("yes",), "yes", "share-with-consent"),
        (("yes",), "no", "identifiable"),
        (("yes", "no"), "yes", "lawful-reason"),
        (("yes", "no"), "no", "share-not-identifiable"),
        (("yes", "no", "yes"), "yes", "share-lawful-reason"),
        (("yes", "no", "yes"), "no", "no-lawful-reason"),
    ],
)
def test_each_answer_leads_to_the_next_node(chart, given, answer, expected):
    journey = Journey.start(chart)
    for earlier in given:
        journey = journey.answer(earlier)
    assert journey.answer(answer).current.id == expected


def test_path_lists_questions_and_chosen_options(chart):
    journey = Journey.start(chart).answer("yes").answer("no")
    assert [(s.question.id, s.option.answer, s.option.label) for s in journey.path] == [
        ("purpose", "yes", "Yes"),
        ("consent", "no", "No"),
    ]


def test_outcome_is_reported_when_complete(chart):
    journey = Journey.start(chart).answer("yes").answer("yes")
    assert journey.is_complete
    assert journey.outcome.id == "share-with-consent"
    assert journey.outcome.decision == "share"


def test_back_returns_to_the_previous_question_with_its_answer_kept(chart):
    journey = Journey.start(chart).answer("yes").answer("no")
    back = journey.back()
    assert back.current.id == "consent"
    assert back.answer_to("consent") == "no"
    assert back.back().current.id == "purpose"
    assert back.back().answer_to("purpose") == "yes"


def test_change_keeps_later_answers_that_are_still_on_the_path(chart):
    journey = Journey.start(chart).answer("yes").answer("no").answer("yes").answer("no")
    assert journey.outcome.id == "no-lawful-reason"
    changed = journey.change("consent")
    assert changed.current.id == "consent"
    assert changed.answer("no") == Journey(chart, journey.answers)  # same answer: straight back
    assert changed.answer("yes").outcome.id == "share-with-consent"


def test_answers_off_the_new_path_are_remembered_for_changing_back(chart):
    journey = Journey.start(chart).answer("yes").answer("no").answer("yes")
    shortcut = journey.change("consent").answer("yes")
    assert shortcut.outcome.id == "share-with-consent"
    assert [s.question.id for s in shortcut.path] == ["purpose", "consent"]
    assert shortcut.change("consent").answer("no").current.id == "lawful-reason"


def test_change_refuses_questions_off_the_path(chart):
    journey = Journey.start(chart).answer("no")
    with pytest.raises(InvalidState):
        journey.change("consent")
    with pytest.raises(UnknownNode):
        journey.change("nowhere")


def test_restart_forgets_everything(chart):
    assert Journey.start(chart).answer("yes").restart() == Journey.start(chart)


def test_remembered_answers_to_later_questions_wait_until_reached(chart):
    journey = Journey.from_state(chart, "consent=yes")
    assert journey.current.id == "purpose"
    assert journey.answer("yes").outcome.id == "share-with-consent"


def test_back_at_the_start_stays_at_the_start(chart):
    assert Journey.start(chart).back() == Journey.start(chart)


def test_journeys_are_immutable(chart):
    journey = Journey.start(chart)
    journey.answer("yes")
    assert journey.current.id == "purpose"


def test_unknown_answer_raises_and_leaves_state(chart):
    journey = Journey.start(chart).answer("yes")
    with pytest.raises(InvalidAnswer) as error:
        journey.answer("maybe")
    assert "'consent'" in str(error.value) and "'maybe'" in str(error.value)
    assert journey.current.id == "consent"
    assert journey.answers == (("purpose", "yes"),)


@pytest.mark.parametrize("bad", [None, "", "Yes", 1, True, ["yes"]])
def test_answers_must_be_offered_values(chart, bad):
    with pytest.raises(InvalidAnswer):
        Journey.start(chart).answer(bad)


def test_an_outcome_takes_no_answer(chart):
    journey = Journey.start(chart).answer("no")
    with pytest.raises(InvalidAnswer, match="outcome"):
        journey.answer("yes")


def test_unknown_chart_raises():
    with pytest.raises(UnknownChart, match="no-such-chart"):
        load_chart("no-such-chart")


def test_unknown_node_raises(chart):
    with pytest.raises(UnknownNode, match="nowhere"):
        chart.node("nowhere")


def test_state_round_trips(chart):
    journey = Journey.start(chart).answer("yes").answer("no").answer("yes")
    assert journey.state == "purpose=yes&consent=no&identifiable=yes"
    assert Journey.from_state(chart, journey.state) == journey
    revisit = journey.change("consent")
    assert revisit.state == "purpose=yes&consent=no&identifiable=yes&at=consent"
    assert Journey.from_state(chart, revisit.state) == revisit


@pytest.mark.parametrize(
    "state",
    [
        "purpose=maybe",  # an answer the question does not offer
        "purpose=yes&purpose=yes",  # answers a question twice
        "purpose=yes&nowhere=yes",  # a question the chart does not have
        "no-purpose=yes",  # an outcome is not a question
        "purpose=yes&at=identifiable",  # revisits a question off the path
        "purpose=yes&at=purpose&at=purpose",
        "nonsense",
        "purpose=yes&" * 50,
        "x" * 5000,
        "<script>alert(1)</script>=yes",
    ],
)
def test_states_that_do_not_fit_the_chart_are_refused(chart, state):
    with pytest.raises(InvalidState):
        Journey.from_state(chart, state)


def test_empty_state_is_the_start(chart):
    assert Journey.from_state(chart, "") == Journey.start(chart)
