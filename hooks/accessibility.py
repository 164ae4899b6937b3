"""MkDocs hook: small repairs to Material's generated HTML, for accessibility and for valid markup
(the Nu HTML Checker, tests/building/test_html_validity.py).

Each repair names the exact markup it expects, and the build fails if that markup is missing,
so a Material upgrade that changes it is noticed instead of silently undoing the fix.
"""

import re

from mkdocs.exceptions import PluginError

# axe "aria-dialog-name": Material's search dialog has no accessible name.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">'

# Nu HTML Checker: `autocomplete` is not allowed on a checkbox. Material puts it on its drawer and
# search toggles so that Firefox does not restore them ticked when a page is reloaded. Without it,
# a phone user who reloads with the menu open in Firefox sees it still open (Material closes it at
# the next link); that is the whole cost of valid markup here, accepted (docs/about/publish.md).
DRAWER_TOGGLE = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
SEARCH_TOGGLE = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'

REPAIRS = (
    (SEARCH_DIALOG, NAMED_SEARCH_DIALOG),
    (DRAWER_TOGGLE, DRAWER_TOGGLE.replace(' autocomplete="off"', "")),
    (SEARCH_TOGGLE, SEARCH_TOGGLE.replace(' autocomplete="off"', "")),
)

# Nu HTML Checker: `tabindex=""` is not a number. Material writes it on a navigation section's
# label, which is not meant to be a tab stop. "-1" is valid and keeps it out of the tab order as
# before; the attribute has to stay, since Material's script finds the labels whose clicks update
# the menu's aria-expanded by `label[tabindex]`. Only some navigation layouts have such labels.
EMPTY_TABINDEX_LABEL = re.compile(r'(<label class="md-nav__link[^"]*" for="[^"]*" id="[^"]*") tabindex=""')


def repaired(output, where):
    for expected, repair in REPAIRS:
        if expected not in output:
            raise PluginError(
                f"hooks/accessibility.py: expected Material markup not found on {where}: "
                f"{expected!r}. Check the repair against the installed Material version."
            )
        output = output.replace(expected, repair)
    return EMPTY_TABINDEX_LABEL.sub(r'\1 tabindex="-1"', output)


def on_post_page(output, page, config):
    return repaired(output, page.file.src_uri)


def on_post_template(output, template_name, config):
    # The 404 page is a whole page built from a theme template, not from a Markdown page.
    return repaired(output, template_name) if template_name == "404.html" else output


# Abbreviation tooltips (Material's content.tooltips) open on hover and on focus, but <abbr> is
# not focusable, so keyboard users could never read the expansion. The first use of each
# abbreviation on a page outside a link becomes a tab stop (every use would bury the page's links
# under dozens of stops; inside a link it would be a tab stop within a tab stop, which HTML
# forbids); every expansion is also on the glossary page.
ABBREVIATION_OR_LINK = re.compile(r"<abbr(?P<attrs>[^>]*)>(?P<term>[^<]*)</abbr>|<a\b[^>]*>|</a>")


def on_page_content(html, page, config, files):
    seen = set()
    in_link = False

    def first_use_focusable(match):
        nonlocal in_link
        if match["term"] is None:
            in_link = not match[0].startswith("</")
            return match[0]
        if in_link or match["term"] in seen or "tabindex=" in match["attrs"]:
            return match[0]
        seen.add(match["term"])
        return f'<abbr tabindex="0"{match["attrs"]}>{match["term"]}</abbr>'

    return ABBREVIATION_OR_LINK.sub(first_use_focusable, html)
