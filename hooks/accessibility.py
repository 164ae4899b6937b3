"""MkDocs hook: small accessibility repairs to Material's generated HTML.

Each repair names the exact markup it expects, and the build fails if that markup is missing,
so a Material upgrade that changes it is noticed instead of silently undoing the fix.
"""

import re

from mkdocs.exceptions import PluginError

# axe "aria-dialog-name": Material's search dialog has no accessible name.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">'

REPAIRS = ((SEARCH_DIALOG, NAMED_SEARCH_DIALOG),)


def on_post_page(output, page, config):
    for expected, repaired in REPAIRS:
        if expected not in output:
            raise PluginError(
                f"hooks/accessibility.py: expected Material markup not found on {page.file.src_uri}: "
                f"{expected!r}. Check the repair against the installed Material version."
            )
        output = output.replace(expected, repaired)
    return output


# Abbreviation tooltips (Material's content.tooltips) open on hover and on focus, but <abbr> is
# not focusable, so keyboard users could never read the expansion. The first use of each
# abbreviation on a page becomes a tab stop (every use would bury the page's links under dozens
# of stops); every expansion is also on the glossary page.
ABBREVIATION = re.compile(r"<abbr(?P<attrs>[^>]*)>(?P<term>[^<]*)</abbr>")


def on_page_content(html, page, config, files):
    seen = set()

    def first_use_focusable(match):
        if match["term"] in seen or "tabindex=" in match["attrs"]:
            return match[0]
        seen.add(match["term"])
        return f'<abbr tabindex="0"{match["attrs"]}>{match["term"]}</abbr>'

    return ABBREVIATION.sub(first_use_focusable, html)
