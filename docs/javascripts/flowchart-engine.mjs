// The flowchart engine's module Web Worker: starts Pyodide off the main thread and answers the
// page's calls to flowchart.web. (make bench measured it against the main thread: start-up is no
// slower, and the page stays responsive — no long tasks — while CPython starts.)
//
// Messages in: {start: {indexURL, lockFileURL, stdLibURL}} once, then {id, method, args}.
// Messages out: {started: true} or {started: false, error}, then {id, result} or {id, error}.

// Only these functions of flowchart/web.py may be called from the page.
const METHODS = new Set(["show", "answer", "record"]);
let web = null;

self.onmessage = async ({ data }) => {
  if (data.start) {
    try {
      const { loadPyodide } = await import(data.start.indexURL + "pyodide.mjs");
      const pyodide = await loadPyodide({ ...data.start, packages: ["flowchart"] });
      web = pyodide.pyimport("flowchart.web");
      postMessage({ started: true });
    } catch (error) {
      postMessage({ started: false, error: String(error) });
    }
    return;
  }
  const { id, method, args } = data;
  try {
    if (!web || !METHODS.has(method)) {
      throw new Error(`cannot call ${method}`);
    }
    postMessage({ id, result: web[method](...args) });
  } catch (error) {
    postMessage({ id, error: String(error) });
  }
};
