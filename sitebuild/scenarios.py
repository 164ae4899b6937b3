"""Worked examples (scenarios/*.yaml, one situation per file; format in scenarios/README.md).

Each example is walked through its chart by the engine itself: the build refuses an example
whose answers no longer fit the chart or no longer reach its outcome, naming the file and the
question, so a change to a chart that contradicts a worked example cannot be published. The
test suite walks them too (tests/scenarios/). sitebuild/scenario_pages.py turns them into pages.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from flowchart import Journey, load_chart
from flowchart.fragment import Place

from . import schemas
from .errors import BuildError

REPO_ROOT = Path(__file__).resolve().parent.parent
SCENARIO_DIR = REPO_ROOT / "scenarios"
SCHEMA = "scenario.schema.json"

EDGE_TITLES = {
    "below-threshold": "Below the threshold for significant harm",
    "asks-not-to-tell": "A young person asks you not to tell",
    "parent-refuses": "A parent refuses",
    "telling-raises-risk": "Telling the parents would raise the risk",
    "anonymised": "Asking for advice without names",
    "request-from-agency": "A request from another agency",
    "adult-connected": "Information about an adult connected to the child",
    "turning-18": "A young person turning 18",
    "emergency": "An emergency",
}


@dataclass(frozen=True)
class Group:
    id: str
    title: str


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    group: str


@dataclass(frozen=True)
class Example:
    id: str
    file: str  # e.g. scenarios/gp-parent-on-methadone.yaml, for messages
    data: dict  # the file as read (checked against the schema)

    def __getattr__(self, key):
        try:
            return self.data[key]
        except KeyError:
            raise AttributeError(key) from None


@dataclass(frozen=True)
class Walk:
    """An example walked through its chart: the steps taken and the fragment that shows them."""

    journey: Journey

    @property
    def fragment(self):
        return Place(self.journey).fragment


@dataclass(frozen=True)
class WorkedExamples:
    groups: tuple
    roles: tuple
    examples: tuple
    last_reviewed: datetime.date

    def role(self, role_id):
        return next(role for role in self.roles if role.id == role_id)

    def in_group(self, group_id):
        """(role, examples) for each role of a group that has examples, in the roles' order."""
        found = []
        for role in self.roles:
            if role.group == group_id:
                examples = [e for e in self.examples if e.role == role.id]
                if examples:
                    found.append((role, examples))
        return found

    def with_edge(self, edge):
        return [e for e in self.examples if edge in (e.data.get("edges") or ())]


def read_worked_examples(folder=SCENARIO_DIR, register_ids=None):
    """Every example in `folder` with the roles they are grouped by. Any problem (a file that
    breaks the schema, an unknown role or register entry, answers that do not reach the outcome)
    is a BuildError listing each, naming the file and the key."""
    folder = Path(folder)
    groups, roles, last_reviewed = _read_roles(folder / "roles.yaml")
    role_ids = {role.id for role in roles}
    examples, problems = [], []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "roles.yaml":
            continue
        name = f"scenarios/{path.name}"
        try:
            data = schemas.read_yaml(path)
        except BuildError as error:
            problems += [f"scenarios/{p}" for p in error.problems]
            continue
        found = schemas.problems(data, SCHEMA, name)
        if found:
            problems += found
            continue
        if data["id"] != path.stem:
            problems.append(f"{name}: key 'id' must be the file's name, {path.stem!r}, not {data['id']!r}")
        if data["role"] not in role_ids:
            problems.append(f"{name}: key 'role' must be one of {', '.join(sorted(role_ids))}, not {data['role']!r}")
        for index, cite in enumerate(data["cites"]):
            if register_ids is not None and cite["law"] not in register_ids:
                problems.append(
                    f"{name}: key 'cites[{index}].law': {cite['law']!r} is not in the register (law-and-guidance.yml)"
                )
        example = Example(path.stem, name, data)
        problems += walk_problems(example)
        examples.append(example)
    if problems:
        raise BuildError(problems, heading="Worked examples (scenarios/) have problems")
    return WorkedExamples(tuple(groups), tuple(roles), tuple(examples), last_reviewed)


def walk(example):
    """The example's answers given to its chart in the order it asks. Raises BuildError if the
    chart asks a question the example does not answer, or the answer is not one it offers."""
    chart = load_chart(example.chart)
    journey = Journey.start(chart)
    answers = example.answers
    while journey.current.kind == "question":
        question = journey.current
        if question.id not in answers:
            raise BuildError(
                [f"{example.file}: key 'answers.{question.id}' is missing: the chart asks “{question.text}”"]
            )
        if question.option(str(answers[question.id])) is None:
            offered = ", ".join(question.answers)
            raise BuildError(
                [f"{example.file}: key 'answers.{question.id}' must be one of {offered}, not {answers[question.id]!r}"]
            )
        journey = journey.answer(str(answers[question.id]))
    return Walk(journey)


def walk_problems(example):
    """Why an example no longer fits its chart, if it does not: each as a message naming the file."""
    try:
        journey = walk(example).journey
    except BuildError as error:
        return error.problems
    problems = []
    asked = {step.question.id for step in journey.path}
    for question_id in sorted(set(example.answers) - asked):
        problems.append(
            f"{example.file}: key 'answers.{question_id}': the chart never asks this on the way to its outcome"
        )
    outcome = journey.outcome
    if outcome.id != example.outcome:
        problems.append(
            f"{example.file}: the answers lead to outcome {outcome.id!r} (“{outcome.title}”), not {example.outcome!r}"
        )
        return problems
    filled = outcome.record_for(dict(journey.answers))
    for field, choice in (example.data.get("bases") or {}).items():
        if filled.get(field) != choice:
            problems.append(
                f"{example.file}: key 'bases.{field}': the chart gives {filled.get(field)!r}, not {choice!r}"
            )
    for field, choices in (example.data.get("must_not") or {}).items():
        if filled.get(field) in choices:
            problems.append(
                f"{example.file}: key 'must_not.{field}': the chart gives {filled.get(field)!r}, which the example rules out"
            )
    return problems


def _read_roles(path):
    data = schemas.read_yaml(path) or {}
    problems = []
    groups = [
        Group(g["id"], g["title"])
        for g in data.get("groups") or []
        if isinstance(g, dict) and {"id", "title"} <= set(g)
    ]
    group_ids = {group.id for group in groups}
    roles = []
    for index, raw in enumerate(data.get("roles") or []):
        if not isinstance(raw, dict) or not {"id", "title", "group"} <= set(raw):
            problems.append(f"scenarios/roles.yaml: key 'roles[{index}]' needs an id, a title and a group")
        elif raw["group"] not in group_ids:
            problems.append(
                f"scenarios/roles.yaml: key 'roles[{index}].group': {raw['group']!r} is not one of the groups"
            )
        else:
            roles.append(Role(raw["id"], raw["title"], raw["group"]))
    if not groups or not roles:
        problems.append("scenarios/roles.yaml: needs a list of 'groups' and a list of 'roles'")
    try:
        last_reviewed = datetime.date.fromisoformat(str(data.get("last_reviewed")))
    except ValueError:
        problems.append("scenarios/roles.yaml: key 'last_reviewed' must be a date written YYYY-MM-DD")
    if problems:
        raise BuildError(problems, heading="Worked examples (scenarios/) have problems")
    return groups, roles, last_reviewed
