"""MkDocs hook: small accessibility repairs to Material's generated HTML.

Each repair names the exact markup it expects, and the build fails if that markup is missing,
so a Material upgrade that changes it is noticed instead of silently undoing the fix.
"""

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
