"""The question-led section (docs/questions/): one page per question a practitioner asks, each
with a short answer first. Its index is made from the pages themselves, grouped by the `theme`
each page's front matter names, in the order of the themes listed in the index page's front
matter, so a new question needs only its page."""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BuildError
from .markdown_text import markdown_text

PLACEHOLDER = re.compile(r"^<div data-questions-index\s*>\s*</div>$", re.M)
SHORT_ANSWER = re.compile(r'^!!! answer "Short answer: ([^"]+)"', re.M)
HEADING = re.compile(r"^# (.+)$", re.M)


@dataclass(frozen=True)
class Question:
    url: str  # relative to the questions index
    question: str
    short_answer: str
    theme: str


def front_matter(text):
    parts = text.split("---", 2)
    return yaml.safe_load(parts[1]) if text.startswith("---") and len(parts) == 3 else {}


def read_questions(folder):
    """Every question page in `folder` (docs/questions), with what the index shows of it. A page
    without a question heading, a short answer or a theme is a BuildError naming the file."""
    questions, problems = [], []
    for path in sorted(Path(folder).glob("*.md")):
        if path.name == "index.md":
            continue
        text = path.read_text(encoding="utf-8")
        heading, answer, theme = HEADING.search(text), SHORT_ANSWER.search(text), front_matter(text).get("theme")
        if not (heading and answer and theme):
            missing = [
                name
                for name, found in (
                    ("a '# question' heading", heading),
                    ('a !!! answer "Short answer: …" box', answer),
                    ("a theme", theme),
                )
                if not found
            ]
            problems.append(f"docs/questions/{path.name}: has no {', no '.join(missing)}")
            continue
        questions.append(Question(f"{path.stem}/", heading.group(1).strip(), answer.group(1).strip(), theme))
    if problems:
        raise BuildError(problems, heading="Question pages are incomplete")
    return questions


def index_markdown(questions, themes):
    """The questions grouped by theme, in the themes' order, each with its short answer: Markdown,
    so that links are checked and abbreviations explained as on every other page."""
    known = [theme["id"] for theme in themes]
    stray = sorted({q.theme for q in questions} - set(known))
    if stray:
        raise BuildError(
            [f"docs/questions: theme {theme!r} is not listed in docs/questions/index.md" for theme in stray]
        )
    lines = []
    for theme in themes:
        items = [q for q in questions if q.theme == theme["id"]]
        if not items:
            continue
        lines += [f"## {theme['title']} {{ #{theme['id']} }}", "", '<div class="questions-index" markdown>', ""]
        for q in items:
            answer = q.short_answer[:1].upper() + q.short_answer[1:]
            lines += [f"- [{markdown_text(q.question)}]({q.url.rstrip('/')}.md)  ", f"  {markdown_text(answer)}."]
        lines += ["", "</div>", ""]
    return "\n".join(lines)
