"""Put charts into pages.

An author places `<div data-chart="CHART-ID"></div>` in a Markdown page. At build time that
element is filled with: the urgent panel; the chart's first question, rendered by the engine's
own renderer so it can be read and answered before Python has started; the whole chart as linked
sections for browsers where the engine cannot run; a diagram of the chart with a text version;
and a status line and live region for the page's script. `<div data-chart-index></div>` becomes
a list of every chart, `<div data-chart-questions="CHART-ID"></div>` a list of its questions,
and `<div data-disclosure-record></div>` the disclosure record's form. A page with a chart or the
disclosure record also starts the engine from its head (engine_start).
"""

import re
from html import escape

from flowchart.fragment import chart_page_url
from flowchart.journey import Journey
from flowchart.render import render_disclosure_form, render_static_chart, render_step, with_site_root

from .diagram import render_diagram, render_text_alternative
from .errors import BuildError
from .urls import site_root_for

CHART_PLACEHOLDER = re.compile(r'<div data-chart="([^"]*)"\s*>\s*</div>')
INDEX_PLACEHOLDER = re.compile(r"<div data-chart-index\s*>\s*</div>")
QUESTIONS_PLACEHOLDER = re.compile(r'<div data-chart-questions="([^"]*)"\s*>\s*</div>')
DISCLOSURE_PLACEHOLDER = re.compile(r"<div data-disclosure-record\s*>\s*</div>")

# The urgent message comes first on every chart page; on a phone it takes three lines, and the
# front door numbers are one tap away (in `contacts`, which puts `lead` before them).
URGENT_PANEL = (
    '<div class="admonition danger flowchart-urgent">'
    '<p class="admonition-title">If a child is in immediate danger, <a href="tel:999">call 999</a></p>'
    "{contacts}"
    "</div>"
)
URGENT_SUMMARY = "Worried, but not in immediate danger? Contact the front door now"
URGENT_LEAD = (
    "<p>Contact {front_door} or your designated safeguarding lead now. Do not wait to finish this flowchart.</p>"
)
DEFAULT_FRONT_DOOR = "your local children's social care front door"
# How long the page waits with nothing arriving before it gives up on the engine and keeps the
# static chart: a time limit on a stall, not on a slow download (which reports its progress).
ENGINE_STALL_MS = 20000
# The slowest connection the engine waits for (256 kbit/s): while files are still due, the page
# allows as long as the rest would take at this rate before calling the download stalled, because
# some proxies (virus scanners on council and NHS networks) hand a file over only when it is whole.
ENGINE_SLOWEST_BYTES_PER_SECOND = 32000


class UnknownChartPlaceholder(BuildError):
    pass


def embed_charts(html, page_url, charts, front_door=DEFAULT_FRONT_DOOR, contacts=None):
    """Replace every chart placeholder in a page's HTML. `charts` maps chart id to Chart.
    `contacts(site_root, summary, lead)`, if given, is HTML with the local numbers for the urgent
    panel, behind `summary`, after `lead`."""
    root = site_root_for(page_url)

    def known(chart_id):
        if chart_id not in charts:
            raise UnknownChartPlaceholder(
                f"page {page_url or '/'} asks for chart {chart_id!r}, which does not exist "
                f"(charts: {', '.join(sorted(charts))})"
            )
        return charts[chart_id]

    def chart(match):
        lead = URGENT_LEAD.format(front_door=escape(front_door))
        local = contacts(root, URGENT_SUMMARY, lead) if contacts else lead
        return chart_element(known(match.group(1)), root, local)

    html = CHART_PLACEHOLDER.sub(chart, html)
    html = QUESTIONS_PLACEHOLDER.sub(lambda match: chart_questions(known(match.group(1))), html)
    html = DISCLOSURE_PLACEHOLDER.sub(lambda _: disclosure_element(), html)
    return INDEX_PLACEHOLDER.sub(lambda _: chart_index(charts, root), html)


def chart_questions(chart):
    """A chart's questions in the order its definition gives them, as a numbered list: the
    printed quick reference's "four questions"."""
    items = "".join(f"<li>{escape(question.text)}</li>" for question in chart.questions)
    return f'<ol class="chart-questions">{items}</ol>'


def disclosure_element():
    """The disclosure record's form, for the page's script to hand to the engine (web.disclosure_record)."""
    return (
        '<section class="disclosure-record" aria-label="Record what a child told you">'
        f"{render_disclosure_form()}</section>"
    )


DEFAULT_CONTACTS = URGENT_LEAD.format(front_door=DEFAULT_FRONT_DOOR)


def chart_element(chart, root, contacts=DEFAULT_CONTACTS):
    return (
        URGENT_PANEL.format(contacts=contacts) + f'<div class="flowchart" data-chart="{escape(chart.id)}" '
        f'data-site-root="{escape(root)}" data-engine-stall="{ENGINE_STALL_MS}" '
        f'data-engine-slowest="{ENGINE_SLOWEST_BYTES_PER_SECOND}">'
        '<p class="flowchart-status" role="status" aria-live="polite"></p>'
        '<p class="flowchart-announcer flowchart-visually-hidden" aria-live="polite"></p>'
        f'<div class="flowchart-live">{render_step(Journey.start(chart), root)}</div>'
        f"{render_static_chart(chart, root)}"
        '<details class="flowchart-whole"><summary>The whole chart, as a diagram and in words</summary>'
        f"{render_diagram(chart)}{render_text_alternative(chart, heading_level=3)}</details>"
        "</div>"
    )


def engine_start(page_url, assets):
    """What a page with a chart gives the script that starts the engine from its head
    (overrides/partials/flowchart-engine.html): URLs relative to the page, the integrity hash
    of each file Pyodide fetches, and the engine's memory snapshot."""
    root = site_root_for(page_url)
    return {
        "pyodide": root + assets.pyodide_dir,
        "lockfile": root + assets.lockfile,
        "stdlib": root + assets.stdlib,
        "integrity": {root + url: value for url, value in assets.integrity.items()},
        "sizes": {root + url: size for url, size in assets.sizes.items()},
        "snapshot": {
            "url": root + assets.snapshot.url,
            "integrity": assets.snapshot.integrity,
            "madeFrom": assets.snapshot.made_from,
        }
        if assets.snapshot
        else None,
    }


def chart_index(charts, root):
    items = "".join(
        f'<li><a href="{escape(root + chart_page_url(chart.id))}">{escape(chart.title)}</a>'
        f'<div class="flowchart-index-description">{with_site_root(chart.description_html, root)}</div></li>'
        for chart in sorted(charts.values(), key=lambda c: c.title)
    )
    return f'<ul class="flowchart-index">{items}</ul>'


def generated_chart_page(chart):
    """Markdown for the page of a chart that has no page in docs/flowchart/: its title, its
    description, the chart, and where it comes from."""
    source = f"\n## About this flowchart\n\n{escape(chart.source)}\n" if chart.source else ""
    description = with_site_root(chart.description_html, site_root_for(chart_page_url(chart.id)))
    return (
        f'# {escape(chart.title)}\n\n<div markdown="0">{description}</div>\n\n'
        f'<div data-chart="{escape(chart.id)}"></div>\n{source}'
    )
