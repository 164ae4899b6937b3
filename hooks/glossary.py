"""MkDocs hook: build the glossary page from includes/abbreviations.md, the same file that
pymdownx.snippets appends to every page for abbreviation tooltips, so the two cannot disagree.

A page asks for the table with a line holding only `<!-- glossary:abbreviations -->`."""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

MARKER = "<!-- glossary:abbreviations -->"
ABBREVIATIONS = Path(__file__).resolve().parent.parent / "includes" / "abbreviations.md"
LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+?)\s*$")


def read_abbreviations(path=ABBREVIATIONS):
    """(abbreviation, meaning) pairs in file order; fails on a line that is neither an
    abbreviation, a blank line nor part of the leading HTML comment."""
    pairs, in_comment = [], False
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            continue
        match = LINE.match(stripped)
        if not match:
            raise PluginError(f"hooks/glossary.py: {path}:{number} is not an abbreviation line: {line!r}")
        pairs.append((match["term"], match["meaning"]))
    return pairs


def glossary_table(pairs):
    """The table, left out of the site's search index: as a search result, a block of table
    cells would push the pages that explain each term down the list."""
    rows = ["| Abbreviation | Meaning |", "| --- | --- |"]
    rows += [f"| {term} | {meaning} |" for term, meaning in sorted(pairs, key=lambda p: p[0].lower())]
    return "<div data-search-exclude markdown>\n\n" + "\n".join(rows) + "\n\n</div>"


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, glossary_table(read_abbreviations()))
