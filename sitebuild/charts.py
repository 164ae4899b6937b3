"""Compile chart definitions (YAML with Markdown content) into the JSON the engine loads.

Each definition is checked first (sitebuild/chart_checks.py), so a broken chart stops the build with messages naming the
file and the node. Markdown is rendered here, at build time, so the engine in the browser needs
only the standard library.
"""

import json
import os
import re
from pathlib import Path

import markdown
import yaml

from flowchart.render import SITE_ROOT_MARKER

from . import partnership as local_settings
from . import partnership_html
from . import register as law_register
from .chart_checks import ChartDefinitionError, Problem, validate_definition
from .register_pages import UnknownReference, fill_references
from .schemas import TextDatesLoader
from .urls import page_url

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = REPO_ROOT / "flowchart" / "charts"
COMPILED_DIR = REPO_ROOT / "flowchart" / "compiled"
INCLUDES_DIR = REPO_ROOT / "includes"
DOCS_DIR = REPO_ROOT / "docs"

MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.snippets"]
SITE_LINK = re.compile(r'href="' + re.escape(SITE_ROOT_MARKER) + r'([^"#]*)(#[^"]*)?"')


def source_files(source_dir=SOURCE_DIR):
    return sorted(Path(source_dir).glob("*.yaml"))


def read_definition(path):
    """Parse one chart file; a YAML syntax error becomes a ChartDefinitionError naming the line."""
    path = Path(path)
    try:
        # Dates stay text, as the schema expects: a version need not be quoted to be read right.
        return yaml.load(path.read_text(encoding="utf-8"), Loader=TextDatesLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ChartDefinitionError([Problem(_display(path), None, f"YAML error, {where}{problem}")]) from None


def compile_chart(path, docs_dir=DOCS_DIR, settings=None, register=None):
    """Validate and compile one chart file into the engine's JSON form (a dict).

    `settings` are the partnership's (sitebuild/partnership.py; the repository's partnership.yml
    if not given): chart content may ask for local details with a partnership placeholder, and
    the decision record names the partnership and its procedures."""
    if settings is None:
        settings = local_settings.load_settings()
    if register is None:
        register = law_register.load_register()
    path = Path(path)
    file = _display(path)
    definition = read_definition(path)
    validate_definition(definition, file, expected_id=path.stem)
    render = _Renderer(file, docs_dir, settings, register)
    nodes = []
    for node in definition["nodes"]:
        if node["type"] == "question":
            nodes.append(
                {
                    "id": node["id"],
                    "type": "question",
                    "question": node["question"].strip(),
                    "hint_html": render(node["hint"], node["id"]),
                    "help_html": render(node["help"], node["id"]),
                    "options": [
                        {"answer": o["answer"], "label": o["label"], "next": o["next"]} for o in node["options"]
                    ],
                }
            )
        else:
            nodes.append(
                {
                    "id": node["id"],
                    "type": "outcome",
                    "decision": node["decision"],
                    "title": node["title"].strip(),
                    "body_html": render(node["body"], node["id"]),
                    "parts": [
                        {
                            "title": part["title"].strip(),
                            "body_html": render(part["body"], node["id"]),
                            # Always a list of answers, in the order the question offers them.
                            "when": [
                                [question, [answers] if isinstance(answers, str) else list(answers)]
                                for question, answers in part["when"].items()
                            ],
                            "record": dict(part.get("record") or {}),
                        }
                        for part in node.get("parts") or ()
                    ],
                    "record": dict(node.get("record") or {}),
                    **(
                        {"record_what_was_shared": node["record_what_was_shared"]}
                        if "record_what_was_shared" in node
                        else {}
                    ),
                }
            )
    if render.problems:
        raise ChartDefinitionError(render.problems)
    return {
        "id": definition["id"],
        "title": definition["title"].strip(),
        "version": definition["version"],
        "source": (definition.get("source") or "").strip(),
        "description_html": render(definition.get("description") or "", None),
        "start": definition["start"],
        "carries_record_to": definition.get("carries_record_to") or "",
        "nodes": nodes,
        # The register entries the chart's content names (its page lists them as sources).
        "law": sorted(set(render.law_used)),
        "local": local_settings.record_details(settings),
    }


def compile_all(source_dir=SOURCE_DIR, out_dir=COMPILED_DIR, docs_dir=DOCS_DIR, settings=None, register=None):
    """Compile every chart, collecting the problems of all files before failing.
    Returns {chart id: compiled dict} and leaves out_dir holding exactly those charts."""
    if settings is None:
        settings = local_settings.load_settings()
    if register is None:
        register = law_register.load_register()
    compiled, problems = {}, []
    for path in source_files(source_dir):
        try:
            chart = compile_chart(path, docs_dir, settings, register)
        except ChartDefinitionError as error:
            problems.extend(error.problems)
            continue
        compiled[chart["id"]] = chart
    problems += _cross_chart_problems(compiled)
    if problems:
        raise ChartDefinitionError(problems)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.json"):
        if stale.stem not in compiled:
            stale.unlink()
    for chart_id, chart in compiled.items():
        target = out_dir / f"{chart_id}.json"
        text = json.dumps(chart, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            # Written beside its name and renamed, so a build or a test running at the same time
            # (the test suite runs in parallel) never reads half a chart.
            partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
    return compiled


def _cross_chart_problems(compiled):
    """What one file cannot check alone: a chart that carries record fields names a chart that
    exists and keeps a decision record."""
    for chart in compiled.values():
        target = chart["carries_record_to"]
        if target and (target not in compiled or target == chart["id"]):
            yield Problem(
                f"flowchart/charts/{chart['id']}.yaml",
                None,
                f"'carries_record_to' names {target!r}, which is not another chart",
            )


class _Renderer:
    """Markdown to HTML for one chart file, checking its links to guidance pages as it goes."""

    def __init__(self, file, docs_dir, settings, register):
        self.file = file
        self.docs_dir = Path(docs_dir)
        self.settings = settings
        self.register = register
        self.law_used = []
        self.problems = []
        self.markdown = markdown.Markdown(
            extensions=MARKDOWN_EXTENSIONS,
            extension_configs={"pymdownx.snippets": {"base_path": [str(INCLUDES_DIR)], "check_paths": True}},
        )

    def __call__(self, text, node_id):
        self.markdown.reset()
        try:
            html = self.markdown.convert(text)
        except Exception as error:  # snippets raises a bare SnippetMissingError, among others
            self.problems.append(Problem(self.file, node_id, f"cannot render Markdown: {error}"))
            return ""
        html = SITE_LINK.sub(lambda m: self._site_link(m, node_id), html)
        # Local details and register references go in after the link check: their links are
        # already site URLs.
        try:
            html = fill_references(html, self.register, SITE_ROOT_MARKER, used=self.law_used)
        except UnknownReference as error:
            self.problems.append(Problem(self.file, node_id, str(error)))
        for entry, name in law_register.superseded_mentions(html, self.register):
            self.problems.append(
                Problem(
                    self.file,
                    node_id,
                    f"names {name!r} ({entry.id}), which the register marks "
                    f"{entry.status}: name the current entry, or put it in a history block",
                )
            )
        try:
            return partnership_html.fill_placeholders(html, self.settings, SITE_ROOT_MARKER)
        except partnership_html.UnknownBlock as error:
            self.problems.append(Problem(self.file, node_id, str(error)))
            return html

    def _site_link(self, match, node_id):
        path, anchor = match.group(1), match.group(2) or ""
        if not path.endswith(".md") or not (self.docs_dir / path).is_file():
            self.problems.append(Problem(self.file, node_id, f"link to {path!r}: no such page in docs/"))
            return match.group(0)
        return f'href="{SITE_ROOT_MARKER}{page_url(path)}{anchor}"'


def _display(path):
    path = Path(path).resolve()
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)
