"""The worked examples (scenarios/, one file per situation) walked through the engine: each must
still reach its outcome, and the bases its source supports, so a chart change that contradicts
one fails here (and the build refuses it, naming the file)."""

import pytest

from sitebuild import schemas
from sitebuild.errors import BuildError
from sitebuild.register import load_register
from sitebuild.scenarios import EDGE_TITLES, SCENARIO_DIR, Example, read_worked_examples, walk_problems

FILES = sorted(path for path in SCENARIO_DIR.glob("*.yaml") if path.name != "roles.yaml")
# The roles and hard cases the toolkit promises practitioners (issue 16).
PROMISED_ROLES = {
    "teacher-or-dsl",
    "early-years",
    "health-visitor",
    "school-nurse",
    "gp",
    "hospital",
    "adult-services",
    "police",
    "youth-worker",
    "housing",
    "social-worker",
}


@pytest.fixture(scope="module")
def register_ids():
    return set(load_register().entries)


@pytest.fixture(scope="module")
def worked(register_ids):
    return read_worked_examples(register_ids=register_ids)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_example_still_reaches_its_outcome_and_bases(path):
    example = Example(path.stem, f"scenarios/{path.name}", schemas.read_yaml(path))
    assert walk_problems(example) == []


def test_every_example_is_well_formed_and_cites_the_register(worked):
    assert len(worked.examples) == len(FILES)


def test_there_are_at_least_sixteen_covering_every_promised_role_hard_case_and_chart(worked):
    assert len(worked.examples) >= 16
    assert PROMISED_ROLES <= {example.role for example in worked.examples}
    covered = {edge for example in worked.examples for edge in example.data.get("edges") or ()}
    assert covered == set(EDGE_TITLES)
    assert {example.chart for example in worked.examples} == {
        "when-and-how",
        "early-help-or-safeguarding",
        "lawful-basis",
    }


def copy_examples(tmp_path, change):
    """The real roles and one real example, with `change(text)` applied to the example."""
    (tmp_path / "roles.yaml").write_text((SCENARIO_DIR / "roles.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    source = SCENARIO_DIR / "gp-parent-on-methadone.yaml"
    (tmp_path / source.name).write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda text: text.replace('confidence: "yes", ', ""),
            "scenarios/gp-parent-on-methadone.yaml: key 'answers.confidence' is missing",
        ),
        (lambda text: text.replace("agreement: refused", "agreement: maybe"), "key 'answers.agreement' must be one of"),
        (
            lambda text: text.replace('criminal: "no", ', 'criminal: "no", unasked: "yes", '),
            "key 'answers.unasked': the chart never asks",
        ),
        (lambda text: text.replace("\noutcome: ", "\noutcome: x-"), "the answers lead to outcome"),
        (lambda text: text.replace("lawful_basis: public-task", "lawful_basis: consent"), "key 'bases.lawful_basis'"),
        (lambda text: text.replace("role: gp", "role: astronaut"), "key 'role' must be one of"),
        (
            lambda text: text.replace("- law: gmc-protecting-children", "- law: no-such-guidance"),
            "'no-such-guidance' is not in the register",
        ),
        (lambda text: text.replace("id: gp-parent-on-methadone", "id: another"), "key 'id' must be the file's name"),
        (lambda text: text.replace("\nwhy:", "\nwhy_not:"), "key 'why' is missing"),
    ],
    ids=[
        "unanswered",
        "unknown-answer",
        "unasked",
        "wrong-outcome",
        "wrong-basis",
        "role",
        "register",
        "id",
        "missing-key",
    ],
)
def test_a_broken_example_stops_the_build_naming_the_file_and_key(tmp_path, register_ids, change, expected):
    copy_examples(tmp_path, change)
    with pytest.raises(BuildError) as raised:
        read_worked_examples(tmp_path, register_ids=register_ids)
    assert any(expected in problem and "gp-parent-on-methadone.yaml" in problem for problem in raised.value.problems), (
        raised.value.problems
    )
