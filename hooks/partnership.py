"""MkDocs hook: load the partnership's settings file, fail the build if it is incomplete, and
put the local details where pages ask for them.

The file is named in mkdocs.yml (`extra.partnership_settings`), or by $PARTNERSHIP_SETTINGS for a
one-off build. The checked settings are exposed to templates as `config.extra.partnership`, and
`<div data-partnership="NAME"></div>` in a page becomes that fragment (sitebuild/partnership.py,
BLOCKS). The partnership's logo, if set, becomes the theme's logo."""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from sitebuild import partnership, partnership_html  # noqa: E402
from sitebuild.errors import reported_to_mkdocs  # noqa: E402
from sitebuild.urls import site_root_for  # noqa: E402


def settings_for(config):
    """The checked settings for this build (loaded once per build, by whichever hook asks first)."""
    settings = config["extra"].get("partnership")
    if settings is not None:
        return settings
    path = partnership.settings_path(
        config["extra"].get("partnership_settings"), Path(config["config_file_path"]).parent
    )
    with reported_to_mkdocs():
        settings = partnership.load_settings(path)
    config["extra"]["partnership"] = settings
    return settings


def on_config(config):
    config["extra"]["partnership"] = None  # a fresh load on every build, including `mkdocs serve`
    settings = settings_for(config)
    if settings.get("site_name"):
        config["site_name"] = settings["site_name"]
    logo = settings.get("logo")
    if logo:
        if not (Path(config["docs_dir"]) / logo).is_file():
            raise PluginError(f"Partnership settings: key 'logo' names {logo!r}, which is not a file in docs/")
        config["theme"]["logo"] = logo
    return config


def on_page_content(html, page, config, files):
    if "data-partnership=" not in html:
        return html
    with reported_to_mkdocs(page.file.src_uri):
        return partnership_html.fill_placeholders(html, settings_for(config), site_root_for(page.url))
