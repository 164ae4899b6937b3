"""The partnership's local details: one settings file, checked against a schema. The HTML
that shows them is sitebuild/partnership_html.py.

A Safeguarding Children Partnership adopts the site by editing one YAML file (`partnership.yml`
at the repository root, named by `extra.partnership_settings` in mkdocs.yml). Everything local —
the partnership's name and areas, each area's front door, police, LADO, data-protection advice,
local procedures, the content owner and the review period — comes from that file, so code never
needs to change. A missing or malformed setting stops the build with a message naming the key:

    partnership.yml: key 'areas[1].front_door.out_of_hours.phone' is missing

Three parts, kept apart: the schema (schemas/partnership.schema.json, data), the check against it
(sitebuild/schemas.py, through the jsonschema library, called from here) and the renderers
(partnership_html.py).
"""

import datetime
import os
from pathlib import Path

from . import schemas
from .errors import BuildError

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETTINGS = REPO_ROOT / "partnership.yml"
# Lets a build (the tests, or a partnership's preview) use another file without editing mkdocs.yml.
SETTINGS_ENV = "PARTNERSHIP_SETTINGS"
# What each key must hold: the one description of the file, which editors read too (the file names
# it in a `yaml-language-server` comment) and which is published with the site.
SCHEMA = "partnership.schema.json"


class SettingsError(BuildError):
    """The settings file is missing, unreadable or does not fit the schema. One message per problem."""

    def __init__(self, problems):
        super().__init__(problems, heading="Partnership settings are incomplete")


# Logic


def settings_path(configured=None, config_dir=REPO_ROOT):
    """The settings file to use: $PARTNERSHIP_SETTINGS, else the path mkdocs.yml names, else
    partnership.yml; relative paths are from the folder holding mkdocs.yml."""
    chosen = os.environ.get(SETTINGS_ENV) or configured or DEFAULT_SETTINGS.name
    path = Path(chosen)
    return path if path.is_absolute() else Path(config_dir) / path


def load_settings(path=DEFAULT_SETTINGS):
    """Read and check a settings file against schemas/partnership.schema.json; return the settings
    as a plain dict (contacts_last_checked as a date). Raises SettingsError naming the file and
    every key that is missing or malformed."""
    path = Path(path)
    if not path.is_file():
        raise SettingsError([f"{path.name}: the partnership settings file {path} does not exist"])
    try:
        data = schemas.read_yaml(path)
    except BuildError as error:
        raise SettingsError(error.problems) from None
    problems = schemas.problems(data, SCHEMA, path.name)
    if problems:
        raise SettingsError(problems)
    data["contacts_last_checked"] = datetime.date.fromisoformat(data["contacts_last_checked"])
    return data


def record_details(settings):
    """What the decision record may say about where it was made: the partnership and its
    procedures (nothing about the practitioner or the child)."""
    return {
        "partnership": settings["name"],
        "procedures_title": settings["local_procedures"]["title"],
        "procedures_url": settings["local_procedures"]["url"],
    }
