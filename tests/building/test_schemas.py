"""The files a partnership edits are described by JSON Schemas (schemas/): each file names its
schema where an editor finds it, the schema accepts the file as shipped, and the site publishes
the schemas as they are."""

import re

import pytest

from sitebuild import schemas

from ..harness import REPO_ROOT

EDITED = sorted(
    [
        REPO_ROOT / "partnership.yml",
        REPO_ROOT / "law-and-guidance.yml",
        REPO_ROOT / "tests" / "fixtures" / "partnership-test.yml",
    ]
    + [path for path in (REPO_ROOT / "scenarios").glob("*.yaml") if path.name != "roles.yaml"]
    + list((REPO_ROOT / "flowchart" / "charts").glob("*.yaml"))
    + [REPO_ROOT / "includes" / "reference" / "example-chart.yaml"]
)
NAMED = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.mark.parametrize("path", EDITED, ids=[p.relative_to(REPO_ROOT).as_posix() for p in EDITED])
def test_each_edited_file_names_its_schema_on_its_first_line_and_fits_it(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    named = NAMED.match(first)
    assert named, f"{path.name}: first line is {first!r}"
    schema = (path.parent / named.group(1)).resolve()
    assert schema.parent == REPO_ROOT / "schemas" and schema.is_file(), schema
    assert schemas.problems(schemas.read_yaml(path), schema.name, path.name) == []


def test_a_schema_describes_every_key_an_editor_may_type():
    """Editors show a key's description as help: every property of every schema has one."""
    import json

    def undescribed(node, where):
        if isinstance(node, dict):
            for key, value in (node.get("properties") or {}).items():
                if isinstance(value, dict) and "description" not in value and "$ref" not in value:
                    yield f"{where}.{key}"
            for key, value in node.items():
                if key != "if":  # a condition on what was typed, not a key to type
                    yield from undescribed(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from undescribed(value, f"{where}[{index}]")

    for schema in (REPO_ROOT / "schemas").glob("*.schema.json"):
        assert list(undescribed(json.loads(schema.read_text(encoding="utf-8")), schema.name)) == []


def test_the_site_publishes_every_schema_unchanged(built_site):
    for schema in (REPO_ROOT / "schemas").glob("*.schema.json"):
        assert (built_site / "schemas" / schema.name).read_bytes() == schema.read_bytes()


def test_the_chart_schema_offers_exactly_the_engines_decisions_and_record_choices():
    """The schema lists them for editors; the engine's model is their home. They must agree."""
    import json

    from flowchart.model import DECISIONS
    from flowchart.record import FIELDS_BY_KEY, PREFILLABLE

    schema = json.loads((REPO_ROOT / "schemas" / "chart.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["outcome"]["properties"]["decision"]["enum"] == list(DECISIONS)
    record = schema["$defs"]["record"]["properties"]
    assert list(record) == list(PREFILLABLE)
    for key, described in record.items():
        assert described["enum"] == [choice.value for choice in FIELDS_BY_KEY[key].choices], key
