// The flowchart engine's module Web Worker: starts Pyodide off the main thread and answers the
// page's calls to flowchart.web. (make bench measured it against the main thread: start-up is no
// slower, and the page stays responsive — no long tasks — while CPython starts.)
//
// Messages in: {start: {indexURL, lockFileURL, stdLibURL, integrity, handover, snapshot}} once,
// then {id, method, args}.
// Messages out: {progress: {url, loaded, done}} while the files download, {startedFrom: {snapshot,
// refused}} (how it started, and why not from the snapshot), {started: true} or {started: false,
// error}, {handedOver: true} once the files are left for the offline copy (see below), then
// {id, result} or {id, error}.

// Only these functions of flowchart/web.py may be called from the page.
const METHODS = new Set(["show", "answer", "answers_ahead", "record", "replay", "disclosure_record"]);
const PROGRESS_EVERY_MS = 250;
// Read by docs/sw-handover.js, which the service worker imports.
const HANDOVER = "flowchart-engine-handover";
let web = null;

self.onmessage = async ({ data }) => {
  if (data.start) {
    try {
      const { integrity, handover, snapshot, ...options } = data.start;
      performance.mark("engine:asked");
      checkAndReport(integrity, handover);
      const { loadPyodide } = await import(options.indexURL + "pyodide.mjs");
      performance.mark("engine:loader-imported");
      const pyodide = await start(loadPyodide, options, snapshot);
      web = pyodide.pyimport("flowchart.web");
      performance.mark("engine:ready");
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

// From the engine's memory snapshot when the page offers one (flowchart-engine-client.js says when),
// else the ordinary way: Pyodide starts CPython and installs the engine's wheel. A snapshot that
// is missing, corrupt, made by another Pyodide or holding another engine is set aside and the
// engine starts the ordinary way; only the time differs.
async function start(loadPyodide, options, snapshot) {
  let refused = null;
  if (snapshot) {
    try {
      const pyodide = await fromSnapshot(loadPyodide, options, snapshot);
      postMessage({ startedFrom: { snapshot: true, refused } });
      return pyodide;
    } catch (error) {
      refused = String(error);
    }
  }
  postMessage({ startedFrom: { snapshot: false, refused } });
  return loadPyodide({ ...options, packages: ["flowchart"] });
}

async function fromSnapshot(loadPyodide, options, { url, integrity, madeFrom }) {
  // Given as a promise, the snapshot downloads and inflates while Pyodide loads its own script and
  // compiles the WebAssembly.
  const memory = inflated(url, integrity);
  memory.catch(() => {}); // awaited by loadPyodide only once its script is in: not unhandled meanwhile
  // Pyodide itself refuses a snapshot made by another build of Pyodide.
  const pyodide = await loadPyodide({ ...options, _loadSnapshot: memory });
  performance.mark("engine:snapshot-restored");
  const holds = pyodide.globals.get("flowchart_snapshot_of");
  if (holds !== madeFrom) {
    throw new Error(`the snapshot holds engine ${holds}, not ${madeFrom}`);
  }
  // Every visitor starts from the same memory, so Python's random numbers would repeat.
  pyodide.runPython("import random; random.seed()");
  return pyodide;
}

// Shipped packed and gzipped (31 MB of memory, 5 MB as sent): a server cannot be relied on to
// compress a file it does not know.
async function inflated(url, integrity) {
  // The browser refuses a body that does not match its hash, an error page's included.
  const response = await fetch(url, { integrity }).catch((error) => {
    throw new Error(`the snapshot was refused: ${error}`);
  });
  if (!response.ok) {
    throw new Error(`the snapshot was refused: ${response.status} ${response.statusText}`);
  }
  let packed;
  try {
    packed = await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  } catch (error) {
    throw new Error(`the snapshot could not be inflated: ${error}`);
  }
  performance.mark("engine:snapshot-inflated");
  return unpacked(new Uint8Array(packed));
}

// The memory the build packed (sitebuild/snapshot.py, `packed`: only the pages that are not all
// zeros), laid into zeroed memory of its full length.
const MAGIC = "FCSNAP01";

function unpacked(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const malformed = () => new Error("the snapshot is not a packed engine snapshot");
  if (packed.length < 16 || new TextDecoder().decode(packed.subarray(0, 8)) !== MAGIC) {
    throw malformed();
  }
  const memory = new Uint8Array(view.getUint32(8, true));
  const runs = view.getUint32(12, true);
  let at = 16 + 8 * runs;
  for (let run = 0; run < runs; run++) {
    const start = view.getUint32(16 + 8 * run, true);
    const length = view.getUint32(20 + 8 * run, true);
    if (at + length > packed.length || start + length > memory.length) {
      throw malformed();
    }
    memory.set(packed.subarray(at, at + length), start);
    at += length;
  }
  if (at !== packed.length) {
    throw malformed();
  }
  return memory;
}

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
