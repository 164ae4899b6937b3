"""Drive a chart in the browser the way a person would, for the browser tests."""

import time

ENGINE_READY_TIMEOUT_S = 60


def wait_for_engine(page, chart_id, timeout_s=ENGINE_READY_TIMEOUT_S):
    """Wait until Python drives the chart (or the page gave up on it), and return the engine state.

    Polls with page.evaluate: Playwright's wait_for_function evaluates strings with eval, which
    the site's Content-Security-Policy rightly blocks."""
    selector = f'.flowchart[data-chart="{chart_id}"]'
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        engine = page.evaluate("(s) => document.querySelector(s)?.dataset.engine ?? null", selector)
        if engine in ("pyodide", "static"):
            return engine
        time.sleep(0.05)
    raise AssertionError(f"chart {chart_id!r} was not ready after {timeout_s} s")


def answer_by_keyboard(page, answer):
    """Choose an answer and continue using only the keyboard: Tab to the radio group, arrow keys
    to the answer, Space to select, then Tab to Continue and press Enter."""
    options = page.locator(".flowchart-live input[type=radio]")
    values = [options.nth(i).get_attribute("value") for i in range(options.count())]
    target = values.index(answer)
    heading = page.locator(".flowchart-live .flowchart-heading")
    heading.focus()
    focused = _tab_until(page, "input[type=radio]")
    index = values.index(focused)
    key = "ArrowDown" if target >= index else "ArrowUp"
    for _ in range(abs(target - index)):
        page.keyboard.press(key)
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.value") == answer
    _tab_until(page, "button.flowchart-continue")
    page.keyboard.press("Enter")


def _tab_until(page, selector, limit=25):
    for _ in range(limit):
        page.keyboard.press("Tab")
        match = page.evaluate(
            "(s) => document.activeElement.matches(s) ? (document.activeElement.value ?? '') : null", selector
        )
        if match is not None:
            return match
    raise AssertionError(f"never reached {selector!r} by pressing Tab")


def current_node(page):
    return page.locator(".flowchart-live .flowchart-step").get_attribute("data-node")
