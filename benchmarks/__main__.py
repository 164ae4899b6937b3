"""`make bench`: build the site, serve it on loopback and time it in headless Chromium.

Every figure is the median of several runs, next to a baseline measured in the same run on the
same machine, because ratios, not absolute times, are what carry from one machine to another:
- a plain guidance page's DOMContentLoaded, for the time until the first question is answerable;
- a bare page that loads the stock Pyodide files and runs `1+1` cold, for the engine's start.
Cold runs use a fresh browser context (empty cache); warm runs are the second visit in a
persistent profile, after the first visit installed the service worker (the third visit is
reported too). Answers are timed after a short reading pause, as a person answers. Scenarios are
interleaved run by run, so drift on a shared machine hits all of them alike.

The site is served gzipped as GitHub Pages serves it (benchmarks/server.py). The standard-library
variants of sitebuild/stdlib.py (stock, compiled, trimmed) are each built and measured, so the
choice between them is made on figures from the same run.
"""

import argparse
import json
import os
import posixpath
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from benchmarks import measure  # noqa: E402
from benchmarks.pages import write_bench_pages  # noqa: E402
from benchmarks.server import serve_gzip  # noqa: E402
from sitebuild import service_worker, stdlib  # noqa: E402
from tests.harness import build_site, chromium_launch_options  # noqa: E402

CHART = "when-and-how"
CHART_PAGE = f"flowchart/{CHART}/"
GUIDANCE_PAGE = "guidance/consent/"
NODE_PYODIDE = REPO_ROOT / "node_modules" / "pyodide"
VARIANTS = ("stock", "compiled", "trimmed")
FIRST, READY = "flowchart-first-question-answerable", "flowchart-engine-ready"
# The engine worker's marks on a warm visit, in the order they happen (flowchart-engine.mjs).
PHASES = (
    "engine:worker-started",
    "engine:asked",
    "engine:loader-imported",
    "engine:snapshot-inflated",
    "engine:snapshot-restored",
    "engine:ready",
)

# The goals: (ratio limit, what it is a ratio to).
GOALS = {
    "first": 1.1,  # × guidance page DOMContentLoaded
    "cold": 0.4,  # × bare stock Pyodide, cold
    "warm": 0.2,  # × bare stock Pyodide, cold
    "answer_p95_ms": 20,
    "bytes_first_kb": 300,
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per scenario (default 5)")
    parser.add_argument("--throttled-runs", type=int, default=3, help="runs under 4G throttling (default 3)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        builds = build_all(work)
        sites = {variant: work / variant for variant in VARIANTS}
        with serve_all(sites) as urls, sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options())
            results = run_scenarios(playwright, browser, urls, args)
            browser.close()
        sizes = {variant: stdlib_size(site) for variant, site in sites.items()}
        snapshot_sizes = {variant: snapshot_size(site) for variant, site in sites.items()}
        offline_bytes = service_worker.offline_copy_bytes(sites[stdlib.DEFAULT_VARIANT])
    report(results, builds, sizes, snapshot_sizes, offline_bytes, args)


def build_all(work):
    """Build the shipped variant twice (a cold, then a warm cache of Pyodide-compiled bytecode)
    and the other variants once; returns the build times."""
    cold_cache = work / "cache"
    times = {}
    for label, site in (
        ("cold bytecode cache", work / "discard"),
        ("warm bytecode cache", work / stdlib.DEFAULT_VARIANT),
    ):
        started = time.perf_counter()
        check(build_site(site, env={"FLOWCHART_CACHE": str(cold_cache)}))
        times[label] = time.perf_counter() - started
    shutil.rmtree(work / "discard")
    for variant in VARIANTS:
        if variant != stdlib.DEFAULT_VARIANT:
            check(build_site(work / variant, env={stdlib.VARIANT_ENV: variant}))
    for variant in VARIANTS:
        add_bench_pages(work / variant)
    return times


def check(result):
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)


def add_bench_pages(site):
    (pyodide_dir,) = (p.relative_to(site).as_posix() + "/" for p in site.glob("assets/pyodide/*"))
    (lockfile,) = (p.relative_to(site).as_posix() for p in site.glob("assets/flowchart/*/flowchart-lock.json"))
    (stdlib_zip,) = (p.relative_to(site).as_posix() for p in site.glob(f"{pyodide_dir}python_stdlib-*.zip"))
    (worker,) = (p.relative_to(site).as_posix() for p in site.glob("javascripts/flowchart-engine.*.mjs"))
    offered = re.search(r"data-snapshot='([^']*)'", (site / CHART_PAGE / "index.html").read_text(encoding="utf-8"))
    snapshot = json.loads(offered.group(1))
    snapshot["url"] = "../" + posixpath.normpath(posixpath.join(CHART_PAGE, snapshot["url"]))
    bench = site / "bench"
    write_bench_pages(
        bench, "../" + pyodide_dir, "../" + lockfile, "../" + stdlib_zip, "../" + worker, json.dumps(snapshot)
    )
    # The baseline's stock files, which the site itself does not ship.
    for name in ("pyodide-lock.json", "python_stdlib.zip"):
        shutil.copyfile(NODE_PYODIDE / name, bench / name)


def stdlib_size(site):
    (path,) = site.glob("assets/pyodide/*/python_stdlib-*.zip")
    return path.stat().st_size


def snapshot_size(site):
    (path,) = site.glob("assets/flowchart/*/engine-*.snapshot.gz")
    return path.stat().st_size


class serve_all:
    def __init__(self, sites):
        self.servers = {variant: serve_gzip(site) for variant, site in sites.items()}

    def __enter__(self):
        return {variant: server.__enter__() for variant, server in self.servers.items()}

    def __exit__(self, *exc):
        for server in self.servers.values():
            server.__exit__(*exc)


def run_scenarios(playwright, browser, urls, args):
    site = urls[stdlib.DEFAULT_VARIANT]
    r = {
        key: []
        for key in (
            "guidance_dcl",
            "first",
            "ready",
            "bytes_first",
            "bytes_total",
            "bare",
            "main",
            "main_long",
            "worker",
            "worker_long",
            "warm_bare",
            "after_guidance",
            "snapshot_first",
            "warm_phases",
        )
    }
    r.update({("cold", v): [] for v in VARIANTS})
    r.update({("warm", v): [] for v in VARIANTS})
    r["third"] = []
    for run in range(args.runs):
        print(f"run {run + 1}/{args.runs}", file=sys.stderr)
        r["guidance_dcl"].append(measure.dcl_visit(browser, site + GUIDANCE_PAGE))
        r["bare"].append(measure.fresh_visit(browser, site + "bench/bare.html", "bare-ready")["bare-ready"])
        for variant in VARIANTS:
            visit = measure.marks_on_one_visit(browser, urls[variant] + CHART_PAGE, [FIRST, READY])
            r[("cold", variant)].append(visit[READY])
            if variant == stdlib.DEFAULT_VARIANT:
                r["first"].append(visit[FIRST])
                r["bytes_first"].append(visit["bytes_at"][FIRST])
                r["bytes_total"].append(visit["bytes_total"])
        for kind in ("main", "worker"):
            visit = measure.fresh_visit(browser, site + f"bench/engine-{kind}.html", "engine-ready")
            r[kind].append(visit["engine-ready"])
            r[kind + "_long"].append(visit["long_tasks"])
        r["snapshot_first"].append(
            measure.fresh_visit(browser, site + "bench/engine-snapshot.html", "engine-ready")["engine-ready"]
        )
        for variant in VARIANTS:
            shipped = variant == stdlib.DEFAULT_VARIANT
            phases = r["warm_phases"] if shipped else None
            second, third = measure.return_visits(playwright, urls[variant] + CHART_PAGE, READY, True, phases=phases)
            r[("warm", variant)].append(second)
            if variant == stdlib.DEFAULT_VARIANT:
                r["third"].append(third)
        r["after_guidance"].append(measure.after_visiting(browser, site + GUIDANCE_PAGE, site + CHART_PAGE, READY))
        r["warm_bare"].append(
            measure.return_visits(playwright, site + "bench/bare.html", "bare-ready", False, returns=1)[0]
        )

    answers = measure.answer_times(browser, site + CHART_PAGE, chart_paths(CHART) * args.runs)
    r["answer_dom"] = [dom for dom, _ in answers]
    r["answer_paint"] = [paint for _, paint in answers]

    r.update(throttled_first=[], throttled_ready=[], throttled_bare=[], throttled_guidance=[], throttled_snapshot=[])
    for run in range(args.throttled_runs):
        print(f"4G run {run + 1}/{args.throttled_runs}", file=sys.stderr)
        r["throttled_guidance"].append(measure.dcl_visit(browser, site + GUIDANCE_PAGE, network=measure.FAST_4G))
        visit = measure.marks_on_one_visit(browser, site + CHART_PAGE, [FIRST, READY], network=measure.FAST_4G)
        r["throttled_first"].append(visit[FIRST])
        r["throttled_ready"].append(visit[READY])
        bare = measure.fresh_visit(browser, site + "bench/bare.html", "bare-ready", network=measure.FAST_4G)
        r["throttled_bare"].append(bare["bare-ready"])
        snapshot = measure.fresh_visit(
            browser, site + "bench/engine-snapshot.html", "engine-ready", network=measure.FAST_4G
        )
        r["throttled_snapshot"].append(snapshot["engine-ready"])
    return r


def chart_paths(chart_id):
    """The answer values of each reviewed path of a chart (tests/engine/paths/<chart>.tsv)."""
    table = REPO_ROOT / "tests" / "engine" / "paths" / f"{chart_id}.tsv"
    rows = [
        line.split("\t")[0]
        for line in table.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return [[pair.split("=")[1] for pair in row.split()] for row in rows]


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def report(r, builds, sizes, snapshot_sizes, offline_bytes, args):
    med = statistics.median
    dcl, bare, bare_4g = med(r["guidance_dcl"]), med(r["bare"]), med(r["throttled_bare"])
    rows = []

    def row(name, values, baseline=None, goal=None, unit="ms"):
        median = med(values)
        ratio = median / baseline if baseline else None
        verdict = "" if goal is None else ("met" if (ratio if baseline else median) <= goal else "NOT met")
        goal_text = "" if goal is None else (f"≤ {goal}×" if baseline else f"≤ {goal} {unit}")
        rows.append((name, median, min(values), max(values), ratio, goal_text, verdict, unit))

    row("guidance page DOMContentLoaded (baseline A)", r["guidance_dcl"])
    row("bare stock Pyodide + 1+1, cold (baseline B)", r["bare"])
    row("first question answerable, cold (÷A)", r["first"], dcl, GOALS["first"])
    for variant in VARIANTS:
        shipped = " [shipped]" if variant == stdlib.DEFAULT_VARIANT else ""
        row(
            f"engine ready, cold, {variant} stdlib{shipped} (÷B)",
            r[("cold", variant)],
            bare,
            GOALS["cold"] if shipped else None,
        )
    for variant in VARIANTS:
        shipped = " [shipped]" if variant == stdlib.DEFAULT_VARIANT else ""
        row(
            f"engine ready, warm, {variant} stdlib{shipped} (÷B)",
            r[("warm", variant)],
            bare,
            GOALS["warm"] if shipped else None,
        )
    row(f"engine ready, third visit, {stdlib.DEFAULT_VARIANT} stdlib [shipped] (÷B)", r["third"], bare)
    row("engine ready, first chart visit after a guidance page (÷B)", r["after_guidance"], bare)
    row("engine ready, cold, from the snapshot [not shipped] (÷B)", r["snapshot_first"], bare)
    for phase in PHASES:
        values = [phases[phase] for phases in r["warm_phases"] if phase in phases]
        if values:
            row(f"  warm, {phase}", values)
    row("bare stock Pyodide, warm (HTTP cache) (÷B)", r["warm_bare"], bare)
    row("engine on the main thread, cold (÷B)", r["main"], bare)
    row("  main-thread long tasks during start", r["main_long"])
    row("engine in a module worker, cold (÷B)", r["worker"], bare)
    row("  main-thread long tasks during start", r["worker_long"])
    row("answer: click to next question in DOM", r["answer_dom"])
    rows.append(
        (
            "answer: click to next question painted, p95",
            p95(r["answer_paint"]),
            min(r["answer_paint"]),
            max(r["answer_paint"]),
            None,
            f"≤ {GOALS['answer_p95_ms']} ms",
            "met" if p95(r["answer_paint"]) <= GOALS["answer_p95_ms"] else "NOT met",
            "ms",
        )
    )
    row(
        "bytes before the first question is answerable",
        [b / 1024 for b in r["bytes_first"]],
        None,
        GOALS["bytes_first_kb"],
        "KB",
    )
    row("bytes over the wire (bodies), flowchart page to engine ready", [b / 1024 for b in r["bytes_total"]], unit="KB")
    row("4G: guidance page DOMContentLoaded", r["throttled_guidance"])
    row("4G: first question answerable, cold", r["throttled_first"], med(r["throttled_guidance"]))
    row("4G: engine ready, cold (÷ bare under 4G)", r["throttled_ready"], bare_4g)
    row("4G: bare stock Pyodide, cold", r["throttled_bare"])
    row("4G: engine ready, cold, from the snapshot [not shipped]", r["throttled_snapshot"], bare_4g)

    print(
        f"\nHeadless Chromium, site on loopback served gzipped; median of {args.runs} runs "
        f"({args.throttled_runs} under 4G: {measure.FAST_4G['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down, "
        f"{measure.FAST_4G['latency']:.0f} ms latency); {len(r['answer_paint'])} answers timed\n"
    )
    print(f"{'scenario':<58} {'median':>9} {'min':>8} {'max':>8} {'ratio':>6}  {'goal':<10} {'':<7}")
    for name, median, low, high, ratio, goal, verdict, unit in rows:
        ratio_text = f"{ratio:>6.2f}" if ratio is not None else " " * 6
        print(f"{name:<58} {median:>6.0f} {unit:<2} {low:>8.0f} {high:>8.0f} {ratio_text}  {goal:<10} {verdict:<7}")
    print(
        "Engine snapshot: "
        + ", ".join(f"{v} {size / 1e6:.2f} MB gzipped" for v, size in snapshot_sizes.items())
        + f"; offline copy (every precached file): {offline_bytes / 1e6:.1f} MB"
    )
    print("\nStandard library archive: " + ", ".join(f"{v} {size / 1e6:.2f} MB" for v, size in sizes.items()))
    print(
        "Build (`mkdocs build --strict`, as `make build`): "
        + ", ".join(f"{label} {s:.1f} s" for label, s in builds.items())
    )


if __name__ == "__main__":
    if os.environ.get("NO_MKDOCS_2_WARNING") is None:
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
    main()
