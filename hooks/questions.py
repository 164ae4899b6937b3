"""MkDocs hook: the index of the question-led section (docs/questions/index.md holds
`<div data-questions-index></div>`), made from the question pages (sitebuild/questions.py), and
every question page listed in the navigation under "Questions"."""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


from sitebuild import questions  # noqa: E402
from sitebuild.errors import reported_to_mkdocs  # noqa: E402
from sitebuild.nav import nav_pages, section_holding  # noqa: E402

INDEX = "questions/index.md"


def on_config(config):
    """The question pages join the navigation after the index, so a new page needs no nav edit."""
    with reported_to_mkdocs():
        found = questions.read_questions(Path(config["docs_dir"]) / "questions")
    config["extra"]["questions"] = found
    section = section_holding(config["nav"] or [], INDEX)
    if section is not None:
        listed = set(nav_pages(section))
        section += [
            f"questions/{q.url.rstrip('/')}.md" for q in found if f"questions/{q.url.rstrip('/')}.md" not in listed
        ]
    return config


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != INDEX:
        return markdown
    with reported_to_mkdocs():
        return questions.PLACEHOLDER.sub(
            lambda _: questions.index_markdown(config["extra"]["questions"], page.meta.get("themes") or []), markdown
        )
