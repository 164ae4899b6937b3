// The flowchart engine's module Web Worker: starts Pyodide off the main thread and answers the
// page's calls to flowchart.web. (make bench measured it against the main thread: start-up is no
// slower, and the page stays responsive — no long tasks — while CPython starts.)
//
// Messages in: {start: {indexURL, lockFileURL, stdLibURL, integrity, handover}} once, then
// {id, method, args}.
// Messages out: {progress: {url, loaded, done}} while the files download, {started: true} or
// {started: false, error}, {handedOver: true} once the files are left for the offline copy (see
// below), then {id, result} or {id, error}.

// Only these functions of flowchart/web.py may be called from the page.
const METHODS = new Set(["show", "answer", "answers_ahead", "record", "replay", "disclosure_record"]);
const PROGRESS_EVERY_MS = 250;
// Read by docs/sw-handover.js, which the service worker imports.
const HANDOVER = "flowchart-engine-handover";
let web = null;

self.onmessage = async ({ data }) => {
  if (data.start) {
    try {
      const { integrity, handover, ...options } = data.start;
      checkAndReport(integrity, handover);
      const { loadPyodide } = await import(options.indexURL + "pyodide.mjs");
      const pyodide = await loadPyodide({ ...options, packages: ["flowchart"] });
      web = pyodide.pyimport("flowchart.web");
      postMessage({ started: true });
    } catch (error) {
      postMessage({ started: false, error: String(error) });
    }
    await Promise.allSettled(handingOver);
    postMessage({ handedOver: true });
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

// Pyodide fetches the WebAssembly, the standard library, the lockfile and the wheel itself. Every
// fetch of one of the first three carries the hash the build recorded (url -> "sha384-..."), so a
// changed or corrupted file is refused even on a first visit, before the service worker has a
// checked copy (the lockfile's own sha256 guards the wheel). A refused file fails the start at
// once: Pyodide itself would only log it and never finish starting.
//
// Each of them also reports how much of it has arrived, so the page can tell a slow connection
// (still arriving) from a stalled one, and say how far it has got.
//
// On a first visit (handover: no service worker controls the page yet) each file the engine
// downloaded is also left in a handover cache, so that the offline copy made after this start
// takes it from there instead of downloading it again: on a slow connection that is 12 MB. The
// service worker keeps a file only if its bytes match the build's hash, and then deletes the
// handover cache (docs/sw-handover.js).
const handingOver = [];

function checkAndReport(hashes, handover) {
  const unchecked = self.fetch;
  self.fetch = async (resource, options = {}) => {
    const url = new URL(resource instanceof Request ? resource.url : resource, self.location.href).href;
    const checked = url in hashes ? { ...options, integrity: hashes[url] } : options;
    let response;
    try {
      response = await unchecked(resource, checked);
    } catch (error) {
      if (url in hashes) {
        postMessage({ started: false, error: `${url} was refused: ${error}` });
      }
      throw error;
    }
    if (response.body) {
      count(url, response.clone());
    }
    if (handover && response.ok && new URL(url).origin === self.location.origin && self.caches) {
      const copy = response.clone();
      handingOver.push(caches.open(HANDOVER).then((cache) => cache.put(url, copy)));
    }
    return response; // untouched, so the browser can still cache the compiled WebAssembly by URL
  };
}

// Reads a copy of a response as it arrives, reporting how many bytes have come.
async function count(url, copy) {
  const reader = copy.body.getReader();
  let loaded = 0;
  let reported = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (!done) {
        loaded += value.byteLength;
      }
      if (done || Date.now() - reported >= PROGRESS_EVERY_MS) {
        reported = Date.now();
        postMessage({ progress: { url, loaded, done } });
      }
      if (done) {
        return;
      }
    }
  } catch {
    // The download itself failed; Pyodide reports that.
  }
}
