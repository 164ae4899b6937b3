"""The flowcharts in the two other engines practitioners use: Firefox (Gecko) and WebKit (Safari's
engine, as on a school's iPads). In each, every chart is walked along paths that between them give
every answer and reach every outcome, once with the engine running on Pyodide and once as the
static chart a browser without JavaScript gets; each walk must end at the outcome the engine gives
under CPython. Chromium is covered answer by answer in tests/browser."""

import json
import time

import pytest

from flowchart import chart_ids, load_chart

from ..browser.flowchart_driver import FOCUS_IN_VIEW
from ..engine.helpers import covering_paths
from . import drivers

pytestmark = pytest.mark.browser

ENGINE_READY_TIMEOUT_S = 90


@pytest.fixture(autouse=True)
def engines_installed():
    assert not drivers.missing(), f"not installed: {', '.join(drivers.missing())} (run `make engines`)"


def wait_for(check, message, timeout_s=15):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {message}")


# The step the live chart shows, and whether the focus is clear of the header (read together, to
# keep the round trips to the browser few).
LIVE_STEP = f"""return [
  document.querySelector('.flowchart')?.dataset.engine ?? null,
  document.querySelector('.flowchart-live .flowchart-step')?.dataset.node ?? null,
  ({FOCUS_IN_VIEW})(),
]"""


# Read by WebDriver's own script runner, which works with the page's JavaScript turned off.
STATIC_STEPS_SHOWN = """return [...document.querySelectorAll('.flowchart-static-step')]
  .filter((step) => step.checkVisibility()).map((step) => step.dataset.node)"""


LABEL_OF = '.flowchart-live .flowchart-option:has(input[value="{}"]) label'
CONTINUE = ".flowchart-live button.flowchart-continue"
# Every so many paths is walked with WebDriver's pointer, which clicks only what a person could
# see and reach (a button under the sticky header fails); the rest by clicking the same controls
# from a script, which takes one round trip instead of two slow ones.
POINTER_EVERY = 4


def answer(browser, question, choice, pointer):
    """Choose an answer by its label and press Continue."""
    if pointer:
        browser.find(LABEL_OF.format(choice)).click()
        browser.find(CONTINUE).click()
    else:
        browser.script(
            "document.querySelector(arguments[0]).click(); document.querySelector(arguments[1]).click()",
            LABEL_OF.format(choice),
            CONTINUE,
        )
    _, node, focus_in_view = wait_for(
        lambda: (step := browser.script(LIVE_STEP))[1] != question and step,
        f"a move on from {question!r} in {browser.name}",
    )
    assert focus_in_view, f"the focus is hidden after {question!r} in {browser.name}"
    return node


@pytest.mark.parametrize("engine", sorted(drivers.ENGINES))
def test_every_chart_runs_on_pyodide_and_reaches_each_outcome(engine, site_url):
    with drivers.ENGINES[engine]() as browser:
        for chart_id in chart_ids():
            chart = load_chart(chart_id)
            browser.go(f"{site_url}flowchart/{chart_id}/")
            engine_state, _, _ = wait_for(
                lambda: (step := browser.script(LIVE_STEP))[0] in ("pyodide", "static") and step,
                f"{chart_id}'s engine in {browser.name}",
                timeout_s=ENGINE_READY_TIMEOUT_S,
            )
            assert engine_state == "pyodide", f"{chart_id} fell back to the static chart in {browser.name}"
            for number, (answers, outcome) in enumerate(covering_paths(chart)):
                wait_for(
                    lambda start=chart.start: browser.script(LIVE_STEP)[1] == start, f"{chart_id}'s first question"
                )
                node = chart.start
                for question, choice in answers:
                    assert node == question, (chart_id, answers, browser.name)
                    node = answer(browser, question, choice, pointer=number % POINTER_EVERY == 0)
                assert node == outcome.id, (chart_id, answers, browser.name)
                browser.find(".flowchart-live .flowchart-restart").click()


@pytest.mark.parametrize(
    "engine, without",
    [("firefox", "javascript"), ("webkit", "javascript")],
    ids=["firefox-no-javascript", "webkit-no-javascript"],
)
def test_without_javascript_the_static_chart_walks_to_each_outcome(engine, without, site_url):
    with drivers.ENGINES[engine](**{without: False}) as browser:
        for chart_id in chart_ids():
            chart = load_chart(chart_id)
            browser.go(f"{site_url}flowchart/{chart_id}/")
            for answers, outcome in covering_paths(chart):
                for question, choice in answers:
                    # WebDriver clicks only what can be seen and reached: a hidden link fails here.
                    browser.find(f'.flowchart-static-step[data-node="{question}"] a[data-answer="{choice}"]').click()
                assert browser.script(STATIC_STEPS_SHOWN) == [outcome.id], (chart_id, answers, browser.name)
                step = browser.find(f'.flowchart-static-step[data-node="{outcome.id}"]')
                assert step.get_attribute("data-decision") == outcome.decision
                # Start again leads back to the first question.
                step.find_element("css selector", "a.flowchart-restart").click()


# Starts a second engine worker in the chart page, told to start from the snapshot as the page
# tells it on a visit after the first, and asks it for the chart's first step. What it reports is
# written to an attribute of the page, read back by polling: Marionette runs each script in a
# fresh sandbox, where a property set on `window` by one script is gone for the next.
START_FROM_SNAPSHOT = """
const chartId = arguments[0];
const client = document.querySelector("script[data-snapshot]");
const absolute = (url) => new URL(url, document.baseURI).href;
const snapshot = JSON.parse(client.dataset.snapshot);
const worker = new Worker(absolute(client.dataset.worker), { type: "module" });
const reported = {};
const report = () => (document.documentElement.dataset.snapshotStart = JSON.stringify(reported));
worker.onmessage = ({ data }) => {
  if (data.startedFrom) reported.startedFrom = data.startedFrom;
  if ("started" in data) {
    reported.started = data.started;
    worker.postMessage({ id: 1, method: "show", args: [chartId, "", ""] });
  }
  if (data.id === 1) reported.shown = JSON.parse(data.result).node;
  report();
};
worker.postMessage({ start: {
  indexURL: absolute(client.dataset.pyodide),
  lockFileURL: absolute(client.dataset.lockfile),
  stdLibURL: absolute(client.dataset.stdlib),
  integrity: {},
  handover: false,
  snapshot: { ...snapshot, url: absolute(snapshot.url) },
} });
"""
SNAPSHOT_START_REPORTED = "return document.documentElement.dataset.snapshotStart ?? null"


@pytest.mark.parametrize("engine", sorted(drivers.ENGINES))
def test_the_engine_starts_from_its_snapshot(engine, site_url):
    """The snapshot is made under Node (V8); here it must restore in SpiderMonkey and JavaScriptCore."""
    chart = load_chart("when-and-how")
    with drivers.ENGINES[engine]() as browser:
        browser.go(f"{site_url}flowchart/{chart.id}/")
        browser.script(START_FROM_SNAPSHOT, chart.id)
        result = wait_for(
            lambda: (reported := json.loads(browser.script(SNAPSHOT_START_REPORTED) or "{}")).get("shown") and reported,
            f"the engine from its snapshot in {browser.name}",
            timeout_s=ENGINE_READY_TIMEOUT_S,
        )
        assert result == {"startedFrom": {"snapshot": True, "refused": None}, "started": True, "shown": chart.start}
