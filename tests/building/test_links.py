"""Every link inside the built site leads somewhere: the page or file exists, and an anchor
(#id) names an element on it. Checked offline on the built files, so it runs in the fast tier;
links to other sites are checked by the weekly link-check workflow instead."""

import functools
import re
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag in ("a", "link", "area") and attrs.get("href") is not None:
            self.hrefs.append(attrs["href"])


@functools.cache
def parsed(path):
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def target_of(site, page, href):
    """The built file a same-site link leads to, and its fragment; None for another site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
        return None
    here = PurePosixPath(page.relative_to(site).as_posix())
    if not parts.path:
        resolved = site / here
    elif parts.path.startswith("/"):  # the 404 page links from the site's root, wherever it is shown
        resolved = site / unquote(parts.path).lstrip("/")
    else:
        resolved = site / here.parent / unquote(parts.path)
    resolved = resolved.resolve()
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved, unquote(parts.fragment)


# Fragments the flowchart's engine reads (the journey), not element ids.
JOURNEY = re.compile(r"^chart=")


def test_every_link_inside_the_site_leads_to_a_file_and_an_anchor_on_it(built_site):
    broken = []
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        for href in parsed(page).hrefs:
            found = target_of(built_site, page, href)
            if found is None:
                continue
            target, fragment = found
            where = f"{page.relative_to(built_site)}: {href}"
            if not target.is_file() or built_site.resolve() not in target.parents:
                broken.append(f"{where} (no such file)")
            elif (
                fragment
                and not JOURNEY.match(fragment)
                and target.suffix == ".html"
                and fragment not in parsed(target).ids
            ):
                broken.append(f"{where} (no #{fragment} there)")
    assert broken == []


def test_the_check_finds_a_broken_link_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a>', encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<a href="a/">ok</a><a href="a/#gone">anchor</a><a href="b/">file</a>', encoding="utf-8")
    targets = [target_of(tmp_path, page, href) for href in parsed(page).hrefs]
    assert targets[0][0].is_file()
    assert targets[1][1] == "gone" and "gone" not in parsed(targets[1][0]).ids
    assert not targets[2][0].is_file()
