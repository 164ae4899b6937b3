"""Run the self-hosted axe-core (npm package, pinned in package-lock.json) against a page."""

from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# The parts of a page that are the same template on every page of a section: the header, the
# site navigation and the footer. A scan may leave them out where a page of the same kind is
# scanned whole (tests/browser/test_axe.py).
SHARED_TEMPLATE = [[".md-header"], [".md-sidebar--primary"], [".md-footer"]]


def axe_violations(page, whole=True):
    """WCAG 2.x A/AA violations on the page as it is now, as readable strings; with whole=False,
    on its own content only (SHARED_TEMPLATE left out).

    The page's context must be created with bypass_csp=True: axe is injected as an inline script,
    which the site's policy (rightly) refuses."""
    # Colours caught mid-transition (Material fades buttons and links) are not the page's colours.
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    # Only violations are wanted: axe then keeps one example of each pass instead of every node,
    # and only the violations come back to Python (a large page's full results took seconds).
    violations = page.evaluate(
        """([tags, exclude]) => axe
            .run(exclude ? {exclude} : document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then((result) => result.violations)""",
        [WCAG_TAGS, None if whole else SHARED_TEMPLATE],
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at " + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
    ]
