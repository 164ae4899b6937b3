"""Put charts into pages.

An author places `<div data-chart="CHART-ID"></div>` in a Markdown page. At build time that
element is filled with the chart's first question, rendered by the engine's own renderer so it
can be read (and answered) before Python has started, and given the URLs the page's script needs
to start the engine.
"""

import re
from html import escape

from flowchart.journey import Journey
from flowchart.render import render_step

PLACEHOLDER = re.compile(r'<div data-chart="([^"]*)"\s*>\s*</div>')

NO_SCRIPT_MESSAGE = (
    "This interactive flowchart needs JavaScript. The same questions are set out in the "
    "guidance on <a href=\"{root}guidance/principles/\">the principles of sharing</a>."
)


class UnknownChartPlaceholder(ValueError):
    pass


def site_root_for(page_url):
    """The relative path from a page to the site's root ('' for the home page)."""
    return "../" * page_url.count("/")


def embed_charts(html, page_url, charts, assets):
    """Replace every chart placeholder in a page's HTML. `charts` maps chart id to Chart."""

    def replace(match):
        chart_id = match.group(1)
        if chart_id not in charts:
            raise UnknownChartPlaceholder(
                f"page {page_url or '/'} asks for chart {chart_id!r}, which does not exist "
                f"(charts: {', '.join(sorted(charts))})"
            )
        return chart_element(charts[chart_id], site_root_for(page_url), assets)

    return PLACEHOLDER.sub(replace, html)


def chart_element(chart, root, assets):
    first_step = render_step(Journey.start(chart), root)
    return (
        f'<div class="flowchart" data-chart="{escape(chart.id)}" '
        f'data-pyodide="{escape(root + assets.pyodide_dir)}" '
        f'data-lockfile="{escape(root + assets.lockfile)}" '
        f'data-site-root="{escape(root)}">'
        '<p class="flowchart-status" role="status" aria-live="polite"></p>'
        f'<div class="flowchart-live">{first_step}</div>'
        f'<noscript><p class="flowchart-noscript">{NO_SCRIPT_MESSAGE.format(root=escape(root))}</p></noscript>'
        "</div>"
    )
