"""Fixtures shared by the CPython test suite: compiled charts, a freshly built site served on
loopback, and headless Chromium."""

import os
from pathlib import Path

import pytest

from .harness import build_site, chromium_launch_options, serve


def pytest_configure(config):
    # The engine loads compiled charts from flowchart/compiled/, exactly as the wheel ships them.
    # Compile before collection, because tests are parametrised over the chart ids.
    from sitebuild.charts import compile_all

    compile_all()


# Fixtures that build a whole variant of the site: a test using one is slow by definition, and
# stays out of the fast tier (`make check`).
VARIANT_BUILDS = {"repo_copy", "variant"}


def pytest_collection_modifyitems(items):
    for item in items:
        if VARIANT_BUILDS & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def pytest_terminal_summary(terminalreporter):
    """Figures a test measured (record_property "readability"), printed at the end of the run so
    that each run reports them, under xdist too."""
    figures = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        for name, value in getattr(report, "user_properties", ())
        if name == "readability" and getattr(report, "when", "call") == "call"
    ]
    if figures:
        terminalreporter.section("measured")
        for figure in figures:
            terminalreporter.write_line(f"Readability, {figure}")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The whole site, built once per test run with `mkdocs build --strict` into a temporary dir;
    or, under `make test` and `make check`, the site `make build` has just built (BUILT_SITE),
    which the tests only read, so that each parallel worker does not build it again."""
    given = os.environ.get("BUILT_SITE")
    if given:
        return Path(given).resolve()
    site = tmp_path_factory.mktemp("site")
    result = build_site(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def site_wheel(built_site):
    """The engine's wheel, as the built site ships it."""
    (wheel,) = built_site.glob("assets/flowchart/*/flowchart-*.whl")
    return wheel


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served over HTTP on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_options())
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
