"""The "Worked examples" pages, made from the examples (sitebuild/scenarios.py): an index, and one
page per group of roles with each role's examples. Markdown, so links are checked, register
references filled in and abbreviations explained as on every other page.

Each example shows the situation, the chart's questions with the answers given, the outcome, why
(with the register entries it rests on), what to record, and two links: one opens the chart at
its start for the reader to walk it, the other opens it at the outcome with these answers (the
URL fragment the engine reads; without JavaScript the chart opens at its start).
"""

from html import escape

import yaml

from flowchart import decision_label, load_chart
from flowchart.record import FIELDS_BY_KEY

from .markdown_text import markdown_text
from .scenarios import EDGE_TITLES, walk

SECTION = "examples"
INDEX_PAGE = f"{SECTION}/index.md"


def group_page(group):
    return f"{SECTION}/{group.id}.md"


def pages(worked):
    """{docs path: Markdown} for every page: the index, then each group that has examples."""
    found = {INDEX_PAGE: index_markdown(worked)}
    for group in worked.groups:
        if worked.in_group(group.id):
            found[group_page(group)] = group_markdown(worked, group)
    return found


def nav_entries(worked):
    return [group_page(group) for group in worked.groups if worked.in_group(group.id)]


def index_markdown(worked):
    lines = [
        _front_matter(
            worked,
            [{"title": "The worked examples in this section, each with its own sources"}],
            tags=["worked examples", "case studies", "scenarios", "examples for my role"],
        ),
        "# Worked examples",
        "",
        "Situations practitioners meet, each walked through one of the flowcharts: the answers a",
        "practitioner in that role would give, the outcome, why, and what to write down. Open any",
        "of them in the flowchart to see the path, or to walk it yourself with your own answers.",
        "",
        "They are examples, not rules: your situation will differ in ways that matter, and these pages",
        "are not legal advice. If a child is in immediate danger, call 999.",
        "",
    ]
    for group in worked.groups:
        in_group = worked.in_group(group.id)
        if not in_group:
            continue
        lines += [f"## [{markdown_text(group.title)}]({group.id}.md)", ""]
        for role, examples in in_group:
            lines += [f"**{markdown_text(role.title)}**", ""]
            lines += [f"- [{markdown_text(e.title)}]({group.id}.md#{e.id})" for e in examples]
            lines.append("")
    lines += ["## The hard cases { #hard-cases }", ""]
    for edge, title in EDGE_TITLES.items():
        examples = worked.with_edge(edge)
        if not examples:
            continue
        links = "; ".join(f"[{markdown_text(e.title)}]({_group_of(worked, e)}.md#{e.id})" for e in examples)
        lines.append(f"- **{markdown_text(title)}:** {links}")
    lines.append("")
    return "\n".join(lines)


def group_markdown(worked, group):
    in_group = worked.in_group(group.id)
    cited = [cite for _, examples in in_group for e in examples for cite in e.cites]
    sources = [{"law": law_id} for law_id in dict.fromkeys(cite["law"] for cite in cited)]
    lines = [
        _front_matter(worked, sources, tags=["worked examples", "case studies"] + [role.title for role, _ in in_group]),
        f"# Worked examples: {markdown_text(group.title).lower()}",
        "",
        "Each example is walked through a flowchart, with the outcome, why, and what to record. They",
        "are examples, not rules, and not legal advice. If a child is in immediate danger, call 999.",
        "[All the worked examples](index.md).",
        "",
    ]
    for role, examples in in_group:
        lines += [f"## {markdown_text(role.title)} {{ #{role.id} }}", ""]
        for example in examples:
            lines += example_markdown(example)
    return "\n".join(lines)


def example_markdown(example):
    journey = walk(example).journey
    chart = load_chart(example.chart)
    outcome = journey.outcome
    path_href = f"../../flowchart/{chart.id}/#{_fragment(example)}"
    start_href = f"../../flowchart/{chart.id}/"
    steps = [
        f"{n}. {markdown_text(step.question.text)} **{markdown_text(step.option.label)}**"
        for n, step in enumerate(journey.path, 1)
    ]
    cites = "; ".join(
        f'<span data-law="{cite["law"]}" data-law-part="short"></span>'
        + (f", {markdown_text(cite['part'])}" if cite.get("part") else "")
        for cite in example.cites
    )
    lines = [
        f"### {markdown_text(example.title)} {{ #{example.id} }}",
        "",
        example.situation.strip(),
        "",
        f"**The flowchart:** [{markdown_text(chart.title)}](../flowchart/{chart.id}.md). The answers given:",
        "",
        *steps,
        "",
        f'<p class="worked-example-outcome" data-decision="{outcome.decision}"><strong>Outcome: '
        f"{_html(decision_label(outcome.decision))}.</strong> {_html(outcome.title)}</p>",
        *_bases(outcome.record_for(dict(journey.answers))),
        f"**Why.** {example.why.strip()}",
        "",
        f"Resting on: {cites}.",
        "",
        f"**What to record.** {example.record.strip()}",
        "",
        '<p class="worked-example-links">'
        f'<a class="md-button md-button--primary" href="{_html(path_href)}">See this path in the flowchart'
        f'<span class="flowchart-visually-hidden">: {_html(example.title)}</span></a> '
        f'<a class="md-button" href="{start_href}">Walk it yourself from the start'
        f'<span class="flowchart-visually-hidden">: {_html(chart.title)}</span></a></p>',
        "",
    ]
    source = example.data.get("source")
    if source:
        dated = f", {markdown_text(source['date'])}" if source.get("date") else ""
        lines += [
            '??? note "Where this example comes from"',
            "",
            f"    Based on [{markdown_text(source['title'])}]({source['url']}), {markdown_text(source['publisher'])}{dated}:",
            f"    {_indent(source['says'])}",
            "",
            f"    **Our reading.** {_indent(example.inference)}",
            "",
        ]
    return lines


def _bases(filled):
    """What a lawful-basis outcome fills in, as the decision record will show it."""
    if not filled:
        return [""]
    items = [
        f"- {markdown_text(FIELDS_BY_KEY[key].label)}: **{markdown_text(FIELDS_BY_KEY[key].choice(value).label)}**"
        for key, value in filled.items()
    ]
    return ["", "The bases it names:", "", *items, ""]


def _fragment(example):
    return walk(example).fragment


def _group_of(worked, example):
    return worked.role(example.role).group


def _front_matter(worked, sources, tags):
    meta = {"last_reviewed": worked.last_reviewed, "tags": tags, "sources": sources}
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n"


def _html(text):
    return escape(str(text).strip())


def _indent(text):
    return str(text).strip().replace("\n", "\n    ")
