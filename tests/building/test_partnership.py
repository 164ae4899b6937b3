"""A partnership adopts the site through its settings file and chart files alone.

One variant of the site is built from a copy of the repository with a second, test-only settings
file (tests/fixtures/partnership-test.yml), the example chart from the chart-format page added
as a plain definition file, and one page whose review is long overdue. The tests then check that
every place the local details appear follows the settings, that the added chart is listed and
walks in a browser, and that the overdue page says so. Other tests check the settings checker,
the default build's review dates and print pages, and the Pages workflow."""

import copy
import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from flowchart import Chart, Journey, build_record, load_chart, record_as_text
from flowchart.dates import long_date
from flowchart.render import static_anchor
from sitebuild import partnership, review
from sitebuild.charts import compile_chart

from ..engine.helpers import all_paths
from ..harness import build_site, copy_repo, serve

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_SETTINGS = REPO_ROOT / "tests" / "fixtures" / "partnership-test.yml"
EXAMPLE_CHART = REPO_ROOT / "includes" / "reference" / "example-chart.yaml"
EXAMPLE_PATHS = REPO_ROOT / "includes" / "reference" / "example-chart.tsv"
OVERDUE_PAGE = "about/licence.md"


def shipped():
    return partnership.load_settings(REPO_ROOT / "partnership.yml")


def phones(settings):
    """Every telephone number in a settings dict."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                found.append(item) if key == "phone" else walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(settings)
    return found


# The settings file and its checker.


def test_the_shipped_settings_are_complete_and_marked_as_examples():
    settings = shipped()
    assert settings["status"] == "example"
    assert "(example)" in settings["name"]
    # Ofcom's drama ranges, which are never allocated, or the national 101.
    fictional = re.compile(r"^(0151 496 0\d\d\d|0161 496 0\d\d\d|0113 496 0\d\d\d|0306 999 0\d\d\d|101)$")
    assert phones(settings) and all(fictional.match(number) for number in phones(settings))


def test_the_test_settings_differ_from_the_shipped_ones_everywhere():
    test, default = partnership.load_settings(TEST_SETTINGS), shipped()
    assert not set(phones(test)) & set(phones(default))
    assert test["name"] != default["name"]


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda s: s["areas"][1]["front_door"].pop("out_of_hours"),
            "key 'areas[1].front_door.out_of_hours' is missing",
        ),
        (lambda s: s.pop("lado"), "key 'lado' is missing"),
        (
            lambda s: s["local_procedures"].update(url="www.example.org"),
            "key 'local_procedures.url' must be a web address",
        ),
        (
            lambda s: s["areas"][0]["front_door"]["daytime"].update(phone="call ChECS"),
            "key 'areas[0].front_door.daytime.phone' must be a telephone number",
        ),
        (
            lambda s: s.update(review_period_months="a year"),
            "key 'review_period_months' must be a whole number of months from 1 to 60",
        ),
        (
            lambda s: s.update(contacts_last_checked="last week"),
            "key 'contacts_last_checked' must be a real date written YYYY-MM-DD",
        ),
        (lambda s: s.update(areas=[]), "key 'areas' is empty; it must be a non-empty list, one entry per member area"),
        (lambda s: s.update(stauts="published"), "key 'stauts' is not a known key (check the spelling)"),
        (lambda s: s["areas"][2].pop("family_help"), "key 'areas[2].family_help' is missing"),
        (
            lambda s: s["areas"][0]["family_help"].update(phone="ring the hub"),
            "key 'areas[0].family_help.phone' must be a telephone number",
        ),
        (lambda s: s["source"].update(repository="github.com/x/y"), "key 'source.repository' must be a web address"),
    ],
    ids=[
        "missing-nested",
        "missing-top",
        "bad-url",
        "bad-phone",
        "bad-months",
        "bad-date",
        "no-areas",
        "misspelt",
        "no-family-help",
        "bad-family-help-phone",
        "bad-repository",
    ],
)
def test_the_checker_names_the_key(tmp_path, change, message):
    settings = copy.deepcopy(shipped())
    change(settings)
    path = tmp_path / "partnership.yml"
    path.write_text(yaml.safe_dump(settings), encoding="utf-8")
    with pytest.raises(partnership.SettingsError) as error:
        partnership.load_settings(path)
    assert f"partnership.yml: {message}" in str(error.value)


def test_review_due_adds_whole_months():
    due = review.review_due
    assert due(datetime.date(2026, 11, 21), 12) == datetime.date(2027, 11, 21)
    assert due(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert due(datetime.date(2026, 1, 15), 1) == datetime.date(2026, 2, 15)


def test_a_missing_setting_fails_the_build_naming_the_key(tmp_path):
    settings = copy.deepcopy(shipped())
    del settings["areas"][1]["front_door"]["out_of_hours"]
    broken = tmp_path / "partnership.yml"
    broken.write_text(yaml.safe_dump(settings), encoding="utf-8")
    result = build_site(tmp_path / "site", env={"PARTNERSHIP_SETTINGS": str(broken)})
    assert result.returncode != 0
    assert "partnership.yml: key 'areas[1].front_door.out_of_hours' is missing" in result.stdout + result.stderr


# The example chart on the chart-format page is a working chart, with a matching path table.


def test_the_example_chart_compiles_and_matches_its_path_table():
    chart = Chart.from_compiled(compile_chart(EXAMPLE_CHART))
    walked = {tuple(f"{q}={a}" for q, a in answers): (o.id, o.decision) for answers, o in all_paths(chart)}
    table = {}
    for line in EXAMPLE_PATHS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            answers, outcome, decision = line.split("\t")
            table[tuple(answers.split())] = (outcome, decision)
    assert walked == table


# The variant: second settings file, an added chart, an overdue page.


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    root = tmp_path_factory.mktemp("variant")
    repo = copy_repo(root / "repo")
    # A chart added the way the chart-format page says: a definition file and its path table.
    shutil.copy(EXAMPLE_CHART, repo / "flowchart" / "charts" / "example-chart.yaml")
    shutil.copy(EXAMPLE_PATHS, repo / "tests" / "engine" / "paths" / "example-chart.tsv")
    page = repo / "docs" / OVERDUE_PAGE
    page.write_text(
        re.sub(r"last_reviewed: \S+", "last_reviewed: 2020-01-31", page.read_text(encoding="utf-8"), count=1),
        encoding="utf-8",
    )
    site = root / "site"
    result = build_site(site, cwd=repo, env={"PARTNERSHIP_SETTINGS": str(TEST_SETTINGS)})
    assert result.returncode == 0, result.stdout + result.stderr
    return repo, site


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_no_page_of_the_variant_shows_the_shipped_details(variant):
    _, site = variant
    default = shipped()
    leftovers = [
        default["name"],
        default["content_owner"]["name"],
        default["local_procedures"]["url"],
        *phones(default),
    ]
    leftovers.remove("101")  # the national number is not a local detail
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        found = [text for text in leftovers if text in html]
        assert not found, f"{page.relative_to(site)} still shows {found}"


def test_the_variant_shows_its_own_details_in_every_place(variant):
    repo, site = variant
    name = "Testshire and Sampleton Children&#x27;s Partnership"
    home, contacts = read(site, "index.html"), read(site, "contacts/index.html")
    for number in ("0113 496 0111", "0113 496 0112", "0113 496 0221", "0113 496 0222"):
        assert number in home and number in contacts
    assert name in home and "Testshire child protection procedures" in home
    # The site's own title, from the settings, in the header and the browser tab.
    assert "<title>Testshire Share to Safeguard</title>" in home
    for text in (
        "Testshire LADO service",
        "0113 496 0444",
        "0113 496 0229",
        "0113 496 0333",
        "the Testshire information governance helpdesk",
        "ig@testshire.example",
        "1 October 2026",
        "Testshire site editors",
    ):
        assert text in contacts, text
    # No example warning once a partnership has published its own details.
    assert "check before publishing" not in home + contacts
    chart_page = read(site, "flowchart/when-and-how/index.html")
    urgent = chart_page[chart_page.index("flowchart-urgent") : chart_page.index('class="flowchart"')]
    assert "0113 496 0111" in urgent and "0113 496 0222" in urgent and name in urgent
    # Outcomes (the static chart holds every outcome's content) and the compiled chart the engine loads.
    outcome = chart_page[chart_page.index(f'id="{static_anchor(load_chart("when-and-how"), "seek-advice")}"') :]
    assert f"In {name}:" in outcome and "0113 496 0444" in outcome
    compiled = json.loads((repo / "flowchart" / "compiled" / "when-and-how.json").read_text(encoding="utf-8"))
    assert compiled["local"]["partnership"] == "Testshire and Sampleton Children's Partnership"
    assert "Testshire LADO service" not in json.dumps(compiled["local"])  # names the partnership, not people
    # The decision record, as the engine in the page writes it.
    chart = Chart.from_compiled(compiled)
    text = record_as_text(build_record(Journey.start(chart).answer("not-sure"), {}, "2026-11-21T10:00"))
    assert "Site: Share to Safeguard for Testshire and Sampleton Children's Partnership" in text
    assert (
        "Follow your local procedures: Testshire child protection procedures, https://procedures.testshire.example/"
        in text
    )
    # Owner on every page with a review date.
    assert "Owner: Testshire site editors" in read(site, "guidance/consent/index.html")


def test_the_added_chart_has_a_page_and_is_in_the_index_and_navigation(variant):
    _, site = variant
    index = read(site, "flowchart/index.html")
    assert 'href="../flowchart/example-chart/"' in index
    page = read(site, "flowchart/example-chart/index.html")
    assert 'data-chart="example-chart"' in page
    assert "<h1" in page and "Example: a concern about an adult who works with children" in page
    assert "About this flowchart" in page
    # Listed in the navigation of every page, after the other charts.
    nav = read(site, "guidance/consent/index.html")
    assert nav.index("flowchart/early-help-or-safeguarding/") < nav.index("flowchart/example-chart/")


def test_the_overdue_page_shows_a_banner_and_the_others_do_not(variant):
    _, site = variant
    overdue = read(site, "about/licence/index.html")
    assert "This page is overdue for review" in overdue
    assert "31 January 2020" in overdue and "31 July 2020" in overdue  # six-month period in the test settings
    assert "This page is overdue for review" not in read(site, "guidance/consent/index.html")


@pytest.mark.browser
def test_the_added_chart_walks_in_the_browser_and_records_the_partnership(variant, browser):
    from ..browser.flowchart_driver import answer_by_keyboard, current_node, wait_for_engine, wait_for_node

    repo, site = variant
    chart = Chart.from_compiled(
        json.loads((repo / "flowchart" / "compiled" / "example-chart.json").read_text(encoding="utf-8"))
    )
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve(site) as url:
        page.goto(f"{url}flowchart/example-chart/")
        assert wait_for_engine(page, "example-chart") == "pyodide"
        for answers, outcome in all_paths(chart):
            page.goto(f"{url}flowchart/example-chart/#chart=example-chart")
            wait_for_node(page, chart.start)
            for question, answer in answers:
                assert current_node(page) == question
                answer_by_keyboard(page, answer)
            result = page.locator(".flowchart-live [data-decision]")
            assert result.get_attribute("data-node") == outcome.id
            assert result.get_attribute("data-decision") == outcome.decision
        page.goto(f"{url}flowchart/example-chart/#chart=example-chart&about-an-adult=yes&harm=yes")
        wait_for_node(page, "tell-the-lado")
        assert "0113 496 0444" in page.locator(".flowchart-live").inner_text()
        page.get_by_role("button", name="Copy as text").click()
        page.wait_for_function("document.querySelector('.flowchart-record-text').textContent.length > 0")
        record = page.locator(".flowchart-record-text").text_content()
    context.close()
    assert "Site: Share to Safeguard for Testshire and Sampleton Children's Partnership" in record
    assert errors == []


# The default build: review dates, owners, printing.


def test_pages_show_owner_and_next_review_and_a_banner_only_when_overdue(built_site):
    settings = shipped()
    page = read(built_site, "guidance/consent/index.html")
    assert f"Owner: {settings['content_owner']['name']}" in page
    reviewed = yaml.safe_load((REPO_ROOT / "docs/guidance/consent.md").read_text(encoding="utf-8").split("---")[1])[
        "last_reviewed"
    ]
    due = review.review_due(reviewed, settings["review_period_months"])
    assert f"Next review due: {long_date(due)}" in page
    assert ("This page is overdue for review" in page) == (due < datetime.date.today())


def test_every_page_carries_the_print_notice(built_site):
    for page in built_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        assert "Printed copies go out of date" in html, page
        assert "data-print-date" in html, page


def test_the_whole_site_print_page_holds_every_guidance_page_once(built_site):
    html = read(built_site, "about/print/index.html")
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S).group(1)
    assert len(re.findall(r"<h1\b", article)) == 1
    for title in ("Consent", "The seven golden rules", "Local contacts", "Myth-busting"):
        assert re.search(rf"<h2 id=\"p\d+-[^\"]*\"[^>]*>{title}", article), title
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids on the print page"
    assert '<div class="flowchart" data-chart' not in article  # the interactive charts stay online
    assert "Publish this for your partnership" not in article  # pages marked `print: false`
    assert article.count('class="print-site-page"') >= 20


def test_every_action_is_pinned_to_a_commit():
    for workflow in (REPO_ROOT / ".github" / "workflows").glob("*.yml"):
        steps = [
            step
            for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values()
            for step in job.get("steps", ())
        ]
        for step in steps:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), (workflow.name, step["uses"])


def test_ci_tries_properdocs_without_blocking():
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["properdocs"]
    assert job["continue-on-error"] is True
    assert [step["run"] for step in job["steps"] if "run" in step] == ["make properdocs"]
    assert "\nproperdocs: setup\n" in (REPO_ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_link_check_is_weekly_and_never_blocks():
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "links.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    job = workflow["jobs"]["links"]
    check = next(step for step in job["steps"] if ".venv/bin/lychee" in step.get("run", ""))
    summary = next(step for step in job["steps"] if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    assert job["continue-on-error"] is True and check["continue-on-error"] is True
    # The report reaches the summary even when lychee exits non-zero for a broken link.
    assert summary["if"] == "always()" and "lychee.md" in summary["run"]


def test_the_pages_workflow_is_valid_and_builds_with_make_build():
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in triggers and "workflow_dispatch" in triggers
    # Least privilege: only the deploy job may write to Pages, and only after the tests and the
    # build of the same commit.
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["test"]["uses"] == "./.github/workflows/ci.yml"
    assert workflow["jobs"]["build"]["needs"] == "test"
    build = workflow["jobs"]["build"]["steps"]
    assert [step["run"] for step in build if "run" in step] == ["make build"]
    uses = [step.get("uses", "").split("@")[0] for step in build]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    make_build = next(step for step in build if step.get("run") == "make build")
    assert "steps.pages.outputs.base_url" in make_build["env"]["SITE_URL"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in deploy["steps"])
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme
