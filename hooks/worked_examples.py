"""MkDocs hook: the "Worked examples" pages (sitebuild/scenario_pages.py), made from the files in
scenarios/ and listed in the navigation after examples/index.md. A broken example, or one its
chart no longer leads to its outcome, stops the build naming the file and the key."""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from mkdocs.structure.files import File  # noqa: E402

from sitebuild import register as law  # noqa: E402
from sitebuild import scenario_pages  # noqa: E402
from sitebuild.errors import reported_to_mkdocs  # noqa: E402
from sitebuild.nav import nav_pages, section_holding  # noqa: E402
from sitebuild.scenarios import read_worked_examples  # noqa: E402


def on_config(config):
    with reported_to_mkdocs():
        worked = read_worked_examples(register_ids=set(law.register_for(config).entries))
        config["extra"]["worked_example_pages"] = scenario_pages.pages(worked)
    section = section_holding(config["nav"] or [], scenario_pages.INDEX_PAGE)
    if section is not None:
        listed = set(nav_pages(section))
        section += [page for page in scenario_pages.nav_entries(worked) if page not in listed]
    return config


def on_files(files, config):
    for path, markdown in config["extra"]["worked_example_pages"].items():
        files.append(File.generated(config, path, content=markdown))
    return files
