"""`make bench`: build the site, serve it on loopback and time start-up in headless Chromium.

Every figure is the median of several runs in fresh browser contexts (an empty cache, so "cold"),
and is reported next to a baseline measured in the same run on the same machine: a bare page that
only loads the same self-hosted Pyodide files and runs `1+1`. Ratios, not absolute times, are what
carry from one machine to another.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.harness import build_site, chromium_launch_options, serve  # noqa: E402

BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide baseline</title></head>
<body><p id="result">loading</p>
<script type="module">
const indexURL = new URL("{pyodide_dir}", location.href).href;
const {{ loadPyodide }} = await import(indexURL + "pyodide.mjs");
const lockFileURL = new URL("pyodide-lock.json", location.href).href;
const pyodide = await loadPyodide({{ indexURL, lockFileURL }});
document.getElementById("result").textContent = pyodide.runPython("1+1");
performance.mark("bare-ready");
</script></body></html>
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per scenario (default 5)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
        site = Path(folder)
        started = time.perf_counter()
        result = build_site(site)
        build_seconds = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit(result.stdout + result.stderr)
        (pyodide_dir,) = (p.relative_to(site).as_posix() + "/" for p in site.glob("assets/pyodide/*"))
        (site / "bench").mkdir()
        (site / "bench" / "bare.html").write_text(BARE_PAGE.format(pyodide_dir="../" + pyodide_dir))
        # The stock lockfile, which the site itself does not ship (it has its own, naming only the engine).
        shutil.copyfile(REPO_ROOT / "node_modules" / "pyodide" / "pyodide-lock.json", site / "bench" / "pyodide-lock.json")

        with serve(site) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options())
            bare = [mark_time(browser, base_url + "bench/bare.html", "bare-ready") for _ in range(args.runs)]
            chart = [
                mark_time(browser, base_url + "flowchart/when-and-how/", "flowchart-engine-ready")
                for _ in range(args.runs)
            ]
            browser.close()

    baseline = statistics.median(bare)
    rows = [
        ("bare page: loadPyodide() + 1+1 (baseline)", bare),
        ("flowchart page: Python driving the chart", chart),
    ]
    print(f"\nStart-up, cold (fresh context), median of {args.runs} runs, headless Chromium on loopback\n")
    print(f"{'scenario':<46} {'median ms':>10} {'min':>8} {'max':>8} {'ratio':>7}")
    for name, times in rows:
        median = statistics.median(times)
        print(f"{name:<46} {median:>10.0f} {min(times):>8.0f} {max(times):>8.0f} {median / baseline:>7.2f}")
    print(f"\n`mkdocs build --strict` took {build_seconds:.1f} s")


def mark_time(browser, url, mark, timeout_s=60):
    """Milliseconds from navigation start to the page's performance mark, in a fresh context."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            found = page.evaluate("(m) => performance.getEntriesByName(m)[0]?.startTime ?? null", mark)
            if found is not None:
                return found
            time.sleep(0.02)
        raise SystemExit(f"{url}: no {mark!r} mark after {timeout_s} s")
    finally:
        context.close()


if __name__ == "__main__":
    main()
