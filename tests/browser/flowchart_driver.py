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


def wait_until(check, timeout_s=10, message="condition"):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {message}")


def wait_for_offline_copy(page, timeout_s=60):
    """Wait until the page's service worker is in charge: only once it is activated, that is
    after it has precached every file of the site."""
    wait_until(
        lambda: page.evaluate("navigator.serviceWorker.controller !== null"),
        timeout_s=timeout_s,
        message="the service worker to take charge",
    )


def current_node(page):
    return page.locator(".flowchart-live .flowchart-step").get_attribute("data-node")


def wait_for_node(page, node_id):
    wait_until(lambda: current_node(page) == node_id, message=f"node {node_id!r}")


def answer_by_keyboard(page, answer):
    """Choose an answer and continue using only the keyboard: from the question's heading, Tab to
    the radio group, arrow keys to the answer (which selects it), then Tab to Continue and Enter."""
    options = page.locator(".flowchart-live input[type=radio]")
    values = [options.nth(i).get_attribute("value") for i in range(options.count())]
    before = current_node(page)
    page.locator(".flowchart-live .flowchart-heading").focus()
    focused = tab_until(page, "input[type=radio]")
    index = values.index(focused)
    target = values.index(answer)
    key = "ArrowDown" if target >= index else "ArrowUp"
    for _ in range(abs(target - index)):
        page.keyboard.press(key)
    if target == index:
        page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.value") == answer
    assert page.evaluate("document.activeElement.checked")
    tab_until(page, "button.flowchart-continue")
    page.keyboard.press("Enter")
    wait_until(lambda: current_node(page) != before, message=f"a move from {before!r}")
    assert_focus_in_view(page)


# The part of the window that Material's sticky header does not cover, and whether the focused
# element lies wholly inside it (WCAG 2.4.11, focus not obscured).
FOCUS_IN_VIEW = """() => {
  const box = document.activeElement.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect();
  return box.top >= header.bottom && box.bottom <= window.innerHeight;
}"""


def assert_focus_in_view(page):
    heading = page.evaluate("() => document.activeElement.textContent.trim().slice(0, 60)")
    assert page.evaluate(FOCUS_IN_VIEW), f"focus on {heading!r} is under the header or off screen"


def tab_until(page, selector, limit=30):
    for _ in range(limit):
        page.keyboard.press("Tab")
        match = page.evaluate(
            "(s) => document.activeElement.matches(s) ? (document.activeElement.value ?? '') : null", selector
        )
        if match is not None:
            return match
    raise AssertionError(f"never reached {selector!r} by pressing Tab")


def follow_static_link_by_keyboard(page, label):
    """In the static chart, Tab to the visible answer link with this label and press Enter. (From
    the top of the page that passes the whole navigation, so the limit is generous.)"""
    for _ in range(250):
        page.keyboard.press("Tab")
        text = page.evaluate(
            "() => { const a = document.activeElement; return a.closest('.flowchart-static-options') ? a.textContent : null }"
        )
        if text == label:
            page.keyboard.press("Enter")
            return
    raise AssertionError(f"no answer link {label!r} reachable by Tab")


def visible_static_step(page):
    return page.evaluate(
        """() => [...document.querySelectorAll('.flowchart-static-step')]
              .filter((s) => s.checkVisibility()).map((s) => s.dataset.node)"""
    )


def record_context(browser, **options):
    """A browser context in which a record's buttons work as for a person: downloads are
    accepted and the clipboard can be written and read."""
    context = browser.new_context(accept_downloads=True, **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context


def download(page, button, timeout_s=30):
    """Press a download button; the file's suggested name and its text."""
    with page.expect_download(timeout=timeout_s * 1000) as info:
        page.get_by_role("button", name=button).click()
    return info.value.suggested_filename, info.value.path().read_text(encoding="utf-8")
