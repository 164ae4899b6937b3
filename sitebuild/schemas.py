"""Checking the files a partnership edits against their JSON Schemas (schemas/*.schema.json).

The schemas are the one description of each file: editors read them (each file names its schema
in a `yaml-language-server` comment, so VS Code underlines a wrong key while it is typed) and the
build checks with them here, through the `jsonschema` library. A problem comes back as one line
naming the file and the key, e.g. "law-and-guidance.yml: key 'entries[3].status' must be one of …".
"""

import json
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from .errors import BuildError

REPO_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = REPO_ROOT / "schemas"


class TextDatesLoader(yaml.SafeLoader):
    """YAML as JSON Schema sees it: dates stay text (YYYY-MM-DD), so the schema checks them."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path):
    """Parse a YAML file, dates as text; a syntax error is a BuildError naming the line."""
    path = Path(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=TextDatesLoader)
    except FileNotFoundError:
        raise BuildError([f"{path.name}: the file {path} does not exist"]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise BuildError([f"{path.name}: not valid YAML{where}: {getattr(error, 'problem', error)}"]) from None


@cache
def validator(schema_name):
    schema = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def problems(data, schema_name, file_name, label=None):
    """Every way `data` breaks the schema, as messages naming the file and the key.
    `label(path)` may add words to a key, such as an entry's id after its index."""
    return [f"{file_name}: {describe(error, label)}" for error in errors(data, schema_name)]


def errors(data, schema_name):
    """The schema's findings on `data`, in the order of the keys they concern."""
    return sorted(validator(schema_name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))


def key_name(path):
    """['entries', 3, 'status'] -> 'entries[3].status'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe(error, label=None, whole="the file"):
    """One finding in words: "key 'entries[3].status' must be one of …". `label(path)` names a
    key (key_name by default); `whole` names the thing itself when the path is empty."""
    name = label or key_name

    def subject(path):
        named = name(path)
        return f"key '{named}'" if named else whole

    path = list(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f"{subject(path + [missing])} is missing"
    if error.validator == "additionalProperties":
        extras = [key for key in error.instance if key not in error.schema.get("properties", {})]
        return f"{subject(path + extras[:1])} is not a known key (check the spelling)"
    expected = error.schema.get("description")
    if error.validator in ("minItems", "minProperties") or (
        isinstance(error.instance, str) and not error.instance.strip()
    ):
        return f"{subject(path)} is empty" + (f"; it must be {_lower_first(expected)}" if expected else "")
    if error.validator == "enum":
        allowed = ", ".join(str(choice) for choice in error.validator_value)
        return f"{subject(path)} must be one of {allowed}, not {error.instance!r}"
    if error.validator == "format":
        wanted = (
            "a real date written YYYY-MM-DD" if error.validator_value == "date" else f"a valid {error.validator_value}"
        )
        return f"{subject(path)} must be {wanted}, not {error.instance!r}"
    if expected:
        return f"{subject(path)} must be {_lower_first(expected)} Found {error.instance!r}."
    return f"{subject(path)}: {error.message}"


def _lower_first(text):
    text = text.rstrip(".") + "."
    return text[:1].lower() + text[1:]
