"""Every path of every chart, compared with its reviewed table (path -> outcome -> decision)."""

import pytest

from flowchart import DECISIONS, chart_ids, load_chart

from .helpers import PATH_TABLES, all_paths, read_path_table


def test_charts_are_installed():
    assert "when-and-how" in chart_ids()


@pytest.mark.parametrize("chart_id", chart_ids())
def test_every_chart_has_a_reviewed_path_table(chart_id):
    assert (PATH_TABLES / f"{chart_id}.tsv").is_file(), f"add tests/engine/paths/{chart_id}.tsv"


@pytest.mark.parametrize("chart_id", chart_ids())
def test_paths_match_the_reviewed_table(chart_id):
    """Every path is covered by the table, every row that covers it agrees on where it leads, the
    record fields the rows name are exactly those the outcome fills in, and no row is unused."""
    chart = load_chart(chart_id)
    rows = read_path_table(chart_id)
    used = set()
    problems = []
    for answers, outcome in all_paths(chart):
        path = " ".join(f"{q}={a}" for q, a in answers)
        matching = [row for row in rows if row.matches(answers)]
        used.update(row.line for row in matching)
        if not matching:
            problems.append(f"no row covers {path}")
            continue
        reached = {(row.outcome, row.decision) for row in matching}
        if reached != {(outcome.id, outcome.decision)}:
            problems.append(f"{path} reaches {outcome.id} ({outcome.decision}); the table says {sorted(reached)}")
        named = {field: value for row in matching for field, value in row.fields}
        if named != outcome.record_for(dict(answers)):
            problems.append(f"{path} fills in {dict(outcome.record_for(dict(answers)))}; the table says {named}")
    problems += [f"row covers no path: {row.line}" for row in rows if row.line not in used]
    assert problems == []


@pytest.mark.parametrize("chart_id", chart_ids())
def test_every_node_is_on_some_path(chart_id):
    chart = load_chart(chart_id)
    visited = set()
    for answers, outcome in all_paths(chart):
        visited.update(question for question, _ in answers)
        visited.add(outcome.id)
    assert visited == set(chart.nodes)


@pytest.mark.parametrize("chart_id", chart_ids())
def test_every_outcome_has_a_known_decision_and_content(chart_id):
    for outcome in load_chart(chart_id).outcomes:
        assert outcome.decision in DECISIONS
        assert outcome.title and outcome.body_html


def test_when_and_how_has_the_seeds_five_yes_no_paths_and_unsure_everywhere():
    chart = load_chart("when-and-how")
    assert [q.id for q in chart.questions] == ["purpose", "consent", "identifiable", "lawful-reason"]
    assert all(q.answers == ("yes", "no", "not-sure") for q in chart.questions)
    assert all([o.label for o in q.options] == ["Yes", "No", "I'm not sure"] for q in chart.questions)
    paths = all_paths(chart)
    yes_no = sorted(o.decision for answers, o in paths if all(a in ("yes", "no") for _, a in answers))
    assert yes_no == ["do-not-share", "do-not-share", "share", "share", "share"]
    # "I'm not sure" about purpose or a lawful reason seeks advice; about consent or
    # identifiability it carries on towards a lawful reason.
    for question in ("purpose", "lawful-reason"):
        assert chart.node(question).option("not-sure").next == "seek-advice"


def test_when_and_how_content_carries_the_seeds_how_steps_and_footnote():
    chart = load_chart("when-and-how")
    assert "may be withdrawn at any time" in chart.node("consent").hint_html
    for outcome in chart.outcomes:
        assert "Who to ask for advice" in outcome.body_html
        if outcome.decision == "share":
            assert "Remember (2024 golden rules)" in outcome.body_html
            assert "may be withdrawn at any time" in outcome.body_html
            assert "Keep facts separate from opinions" in outcome.body_html
            assert "unless telling them could create or increase a risk of harm" in outcome.body_html
