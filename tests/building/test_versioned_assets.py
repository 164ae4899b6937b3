"""The site's own scripts and stylesheets are published only under names carrying a hash of their
content, and every page asks for them by those names, so a new deploy never runs with files the
browser cached from the previous one (hooks/versioned_assets.py)."""

import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from ..harness import REPO_ROOT, build_site

FOLDERS = ("javascripts", "stylesheets")
HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{8,})(?P<suffix>\.[^.]+)$")
PRINT_PAGE = "about/print/index.html"


def our_files(docs_dir):
    """Site-relative path -> bytes of every file in docs/javascripts and docs/stylesheets."""
    return {
        path.relative_to(docs_dir).as_posix(): path.read_bytes()
        for folder in FOLDERS
        for path in sorted((docs_dir / folder).rglob("*"))
        if path.is_file()
    }


def published(site):
    """Source name (as in docs/) -> published name, for every file in the site's folders of ours;
    fails on any file there that does not carry a hash."""
    names = {}
    for folder in FOLDERS:
        for path in (site / folder).rglob("*"):
            if path.is_file():
                name = path.relative_to(site).as_posix()
                match = HASHED.match(name)
                assert match, f"{name} is published without a hash"
                names[match["stem"] + match["suffix"]] = name
    return names


def html_pages(site):
    return {page.relative_to(site).as_posix(): page.read_text(encoding="utf-8") for page in site.rglob("*.html")}


def unhashed_references(html, names):
    """Attribute values in `html` naming one of `names` as it is in docs/ (relative or from the root)."""
    alternatives = "|".join(re.escape(name) for name in names)
    return re.findall(rf'"(?:[^"\s]*/)?(?:{alternatives})"', html)


def test_each_of_our_files_is_published_only_under_the_hash_of_its_content(built_site):
    sources = our_files(REPO_ROOT / "docs")
    names = published(built_site)
    assert set(names) == set(sources)
    for source, name in names.items():
        content = (built_site / name).read_bytes()
        assert content == sources[source], name
        assert hashlib.sha256(content).hexdigest().startswith(HASHED.match(name)["hash"]), name
        assert not (built_site / source).exists(), f"{source} is also published under its own name"


def test_no_page_names_one_of_our_files_without_its_hash(built_site):
    names = published(built_site)
    pages = html_pages(built_site)
    assert {"404.html", PRINT_PAGE, "index.html"} <= set(pages)
    offenders = {page: found for page, html in pages.items() if (found := unhashed_references(html, names))}
    assert offenders == {}
    # ...and they do name them, hashed: the site's root, its print page and its error page too.
    for page in ("404.html", PRINT_PAGE, "index.html", "flowchart/when-and-how/index.html"):
        assert names["javascripts/offline.js"] in pages[page], page
        assert names["stylesheets/site.css"] in pages[page], page
    assert (
        f'data-worker="../../{names["javascripts/flowchart-engine.mjs"]}"' in pages["flowchart/when-and-how/index.html"]
    )


class _ScriptAndStyleURLs(HTMLParser):
    """Every src, href and data-* value that is a URL of a script or a stylesheet on this site."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if (name in ("src", "href") or name.startswith("data-")) and value and _is_local_script_or_style(value):
                self.urls.append(value)


def _is_local_script_or_style(value):
    url = urlsplit(value)
    return not url.scheme and not url.netloc and url.path.endswith((".js", ".mjs", ".css"))


def test_every_script_and_stylesheet_a_page_names_exists(built_site):
    site = "http://site.invalid/"  # the default site_url's path is /, as in the error page's URLs
    checked, missing = set(), {}
    for page, html in html_pages(built_site).items():
        parser = _ScriptAndStyleURLs()
        parser.feed(html)
        for url in parser.urls:
            path = urlsplit(urljoin(site + page, url)).path.removeprefix("/")
            checked.add(path)
            if not (built_site / path).is_file():
                missing.setdefault(page, []).append(url)
    assert missing == {}
    assert set(published(built_site).values()) <= checked, "every file of ours is named by some page"


def test_the_service_worker_precaches_the_hashed_names_only(built_site):
    sw = (built_site / "sw.js").read_text(encoding="utf-8")
    for source, name in published(built_site).items():
        assert f'url:"{name}"' in sw, name
        assert f'url:"{source}"' not in sw, source


def test_changing_one_byte_of_a_script_renames_it_alone_and_every_page_follows(built_site, repo_copy):
    changed = "javascripts/flowchart-engine.mjs"
    script = repo_copy / "docs" / changed
    script.write_bytes(script.read_bytes() + b"\n")
    site = repo_copy / "out"
    result = build_site(site, cwd=repo_copy)
    assert result.returncode == 0, result.stdout + result.stderr

    before, after = published(built_site), published(site)
    assert after[changed] != before[changed]
    assert {k: v for k, v in after.items() if k != changed} == {k: v for k, v in before.items() if k != changed}
    chart_page = html_pages(site)["flowchart/when-and-how/index.html"]
    assert f'data-worker="../../{after[changed]}"' in chart_page
    assert not any(before[changed] in html for html in html_pages(site).values())
