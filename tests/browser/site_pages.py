"""The pages of a built site, as site-relative URLs, for tests that visit every one."""


def site_pages(built_site):
    """Every HTML page in the built site (the 404 page included)."""
    pages = []
    for html in sorted(built_site.rglob("*.html")):
        relative = html.relative_to(built_site).as_posix()
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return pages


def one_page_of_each_kind(built_site):
    """The home page, the first page of each section, and the pages with components of their own
    (the contacts, glossary, print and register pages, the questions index and a question, every
    chart page):
    between them, every template and component the site has."""
    pages = site_pages(built_site)
    chosen = {
        "",
        "contacts/",
        "about/glossary/",
        "about/print/",
        "about/law-and-guidance/",
        "questions/",
        "questions/police-asking-for-information/",
    }
    for path in pages:
        section = path.split("/")[0]
        if path.startswith("flowchart/") or not any(p.split("/")[0] == section for p in chosen if "/" in p):
            chosen.add(path)
    return [path for path in pages if path in chosen]


def flowchart_states():
    """A URL (relative to the site) for every node of every chart (every piece of a large one),
    reached by a real path."""
    from flowchart import chart_ids, load_chart

    from ..engine.helpers import covering_paths

    states = []
    for chart_id in chart_ids():
        for answers, _ in covering_paths(load_chart(chart_id)):
            for depth in range(len(answers) + 1):
                fragment = "&".join(f"{q}={a}" for q, a in answers[:depth])
                url = f"flowchart/{chart_id}/#chart={chart_id}" + (f"&{fragment}" if fragment else "")
                if url not in states:
                    states.append(url)
    return states


def chart_pages():
    """The page of every chart, whose every state the flowchart-state tests check."""
    from flowchart import chart_ids

    return {f"flowchart/{chart_id}/" for chart_id in chart_ids()}


# The tests that visit every page split them into this many shares, so that a parallel test run
# (make test: pytest-xdist) can give the shares to different workers.
SHARES = 4


def share_of(pages, share):
    """Every SHARES-th page from `share`: the shares together are every page, each once."""
    return pages[share::SHARES]
