// The flowchart engine's module Web Worker: starts Pyodide off the main thread and answers the
// page's calls to flowchart.web. (make bench measured it against the main thread: start-up is no
// slower, and the page stays responsive — no long tasks — while CPython starts.)
//
// Messages in: {start: {indexURL, lockFileURL, stdLibURL, integrity}} once, then {id, method, args}.
// Messages out: {started: true} or {started: false, error}, then {id, result} or {id, error}.

// Only these functions of flowchart/web.py may be called from the page.
const METHODS = new Set(["show", "answer", "answers_ahead", "record"]);
let web = null;

self.onmessage = async ({ data }) => {
  if (data.start) {
    try {
      const { integrity, ...options } = data.start;
      requireIntegrity(integrity);
      const { loadPyodide } = await import(options.indexURL + "pyodide.mjs");
      const pyodide = await loadPyodide({ ...options, packages: ["flowchart"] });
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

// Pyodide fetches the WebAssembly, the standard library and the lockfile itself; every fetch of
// one of them carries the hash the build recorded (url -> "sha384-..."), so a changed or corrupted
// file is refused even on a first visit, before the service worker has a checked copy. (The
// lockfile's own sha256 already guards the wheel.) A refused file fails the start at once:
// Pyodide itself would only log it and never finish starting.
function requireIntegrity(hashes) {
  const unchecked = self.fetch;
  self.fetch = (resource, options = {}) => {
    const url = new URL(resource instanceof Request ? resource.url : resource, self.location.href).href;
    if (!(url in hashes)) {
      return unchecked(resource, options);
    }
    return unchecked(resource, { ...options, integrity: hashes[url] }).catch((error) => {
      postMessage({ started: false, error: `${url} was refused: ${error}` });
      throw error;
    });
  };
}
