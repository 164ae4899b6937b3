"""Pages the benchmark adds to a built site (under bench/, which the service worker never caches).

- bare.html: the baseline. Only the stock Pyodide files (stock standard library, stock lockfile)
  and `1+1`; the issue's ratios are to this page.
- engine-main.html / engine-worker.html: the flowchart engine started the way the site starts it
  (compiled standard library, our lockfile), on the main thread or in a module Web Worker, to
  decide between the two by measurement. Both record the main thread's long tasks.
- engine-snapshot.html: the site's engine worker started from its memory snapshot on a first
  visit (downloaded, not from the offline copy), which the site does not do: the figure that
  decides whether it should.
"""

BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide baseline</title></head>
<body><p id="result">loading</p>
<script type="module">
const indexURL = new URL("{pyodide_dir}", location.href).href;
const {{ loadPyodide }} = await import(indexURL + "pyodide.mjs");
const lockFileURL = new URL("pyodide-lock.json", location.href).href;
const stdLibURL = new URL("python_stdlib.zip", location.href).href;
const pyodide = await loadPyodide({{ indexURL, lockFileURL, stdLibURL }});
document.getElementById("result").textContent = pyodide.runPython("1+1");
performance.mark("bare-ready");
</script></body></html>
"""

# Long tasks (main thread busy > 50 ms) are what make a page feel frozen while Python starts.
LONG_TASKS = """<script>
window.longTaskMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.longTaskMs += entry.duration;
}).observe({ type: "longtask", buffered: true });
</script>"""

ENGINE_MAIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Engine on the main thread</title>{long_tasks}</head>
<body><script type="module">
const indexURL = new URL("{pyodide_dir}", location.href).href;
const {{ loadPyodide }} = await import(indexURL + "pyodide.mjs");
const pyodide = await loadPyodide({{
  indexURL,
  lockFileURL: new URL("{lockfile}", location.href).href,
  stdLibURL: new URL("{stdlib}", location.href).href,
  packages: ["flowchart"],
}});
const web = pyodide.pyimport("flowchart.web");
web.show("when-and-how", "", "");
performance.mark("engine-ready");
</script></body></html>
"""

ENGINE_WORKER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Engine in a module worker</title>{long_tasks}</head>
<body><script type="module">
const worker = new Worker("engine-worker.mjs", {{ type: "module" }});
worker.onmessage = () => performance.mark("engine-ready");
worker.postMessage({{
  indexURL: new URL("{pyodide_dir}", location.href).href,
  lockFileURL: new URL("{lockfile}", location.href).href,
  stdLibURL: new URL("{stdlib}", location.href).href,
}});
</script></body></html>
"""

ENGINE_WORKER_SCRIPT = """
self.onmessage = async ({ data }) => {
  const { loadPyodide } = await import(data.indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ ...data, packages: ["flowchart"] });
  const web = pyodide.pyimport("flowchart.web");
  postMessage(web.show("when-and-how", "", ""));
};
"""


# The site's own engine worker, told to start from the snapshot as a chart page tells it on a
# visit after the first.
ENGINE_SNAPSHOT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Engine from its snapshot, first visit</title></head>
<body><script type="module">
const absolute = (url) => new URL(url, location.href).href;
const worker = new Worker("{worker}", {{ type: "module" }});
// A refused snapshot leaves the mark unset, so the benchmark stops rather than time an ordinary start.
let fromSnapshot = false;
worker.onmessage = ({{ data }}) => {{
  if (data.startedFrom) {{
    fromSnapshot = data.startedFrom.snapshot;
    if (!fromSnapshot) console.error("snapshot refused:", data.startedFrom.refused);
  }}
  if (data.started && fromSnapshot) performance.mark("engine-ready");
}};
worker.postMessage({{ start: {{
  indexURL: absolute("{pyodide_dir}"),
  lockFileURL: absolute("{lockfile}"),
  stdLibURL: absolute("{stdlib}"),
  integrity: {{}},
  handover: false,
  snapshot: {{ ...{snapshot}, url: absolute({snapshot}.url) }},
}} }});
</script></body></html>
"""


def write_bench_pages(folder, pyodide_dir, lockfile, stdlib, worker, snapshot):
    """Write the pages into folder (site/bench/); the arguments are URLs relative to it, and
    `snapshot` the JSON a chart page gives the engine about its snapshot, its URL made relative
    to the folder too."""
    urls = {
        "pyodide_dir": pyodide_dir,
        "lockfile": lockfile,
        "stdlib": stdlib,
        "worker": worker,
        "snapshot": snapshot,
        "long_tasks": LONG_TASKS,
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bare.html").write_text(BARE_PAGE.format(**urls), encoding="utf-8")
    (folder / "engine-main.html").write_text(ENGINE_MAIN_PAGE.format(**urls), encoding="utf-8")
    (folder / "engine-worker.html").write_text(ENGINE_WORKER_PAGE.format(**urls), encoding="utf-8")
    (folder / "engine-worker.mjs").write_text(ENGINE_WORKER_SCRIPT, encoding="utf-8")
    (folder / "engine-snapshot.html").write_text(ENGINE_SNAPSHOT_PAGE.format(**urls), encoding="utf-8")
