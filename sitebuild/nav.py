"""The navigation as mkdocs.yml writes it (nested lists of pages and {title: pages} sections),
for hooks that list generated or added pages in it."""


def section_holding(items, target):
    """The list (section) holding the page `target`, or None."""
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if value == target:
            return items
        if isinstance(value, list):
            found = section_holding(value, target)
            if found is not None:
                return found
    return None


def nav_pages(items):
    """Every page named anywhere in the navigation."""
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from nav_pages(value)
        else:
            yield value
