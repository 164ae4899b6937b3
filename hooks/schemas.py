"""MkDocs hook: the JSON Schemas of the files a partnership edits (schemas/*.schema.json) are
published with the site, at schemas/NAME, so that an editor or a check in another repository can
use the same description the build checks against (docs/about/publish.md)."""

from pathlib import Path

from mkdocs.structure.files import File

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def on_files(files, config):
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        files.append(File.generated(config, f"schemas/{schema.name}", content=schema.read_bytes()))
    return files
