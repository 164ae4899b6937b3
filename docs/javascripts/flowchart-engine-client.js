// Starts the flowchart engine — Pyodide in a module Web Worker (flowchart-engine.mjs) — as soon as
// the chart page has been parsed, before the page's other scripts run (a deferred script in the
// head). Starting it earlier still, while the page was being parsed, was measured: on a 2-core
// machine the engine was ready no sooner, because the worker then competes with the page's own
// parsing, and the first question became answerable about 100 ms later.
//
// window.flowchartEngine is a promise of {call(method, ...args) -> promise of the result}, which
// flowchart.mjs uses; it rejects if the engine cannot start. While the engine's files download,
// a "flowchart:progress" event on the document says how much has arrived ({loaded, total} bytes),
// and window.flowchartEngineProgress holds the latest figures. window.flowchartEngineHandedOver
// resolves once the engine has left its files for the offline copy (offline.js waits for it).
// The URLs the worker needs, the integrity hash of each file Pyodide fetches and the sizes of the
// files it reports on come from this script's data- attributes, written at build time
// (overrides/partials/flowchart-engine.html).
(() => {
  const script = document.currentScript;
  const absolute = (url) => new URL(url, document.baseURI).href;
  const sizes = Object.fromEntries(
    Object.entries(JSON.parse(script.dataset.sizes)).map(([url, size]) => [absolute(url), size]),
  );
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  const arrived = {};
  window.flowchartEngineProgress = { loaded: 0, total };
  // Only a first visit, before a service worker controls the page, has an offline copy to make.
  const handover = "serviceWorker" in navigator && !navigator.serviceWorker.controller;
  let handedOver;
  window.flowchartEngineHandedOver = new Promise((resolve) => {
    handedOver = resolve;
  });

  window.flowchartEngine = new Promise((resolve, reject) => {
    if (typeof WebAssembly !== "object") {
      handedOver();
      throw new Error("WebAssembly is not available");
    }
    let worker;
    try {
      worker = new Worker(absolute(script.dataset.worker), { type: "module" });
    } catch (error) {
      handedOver();
      throw error;
    }
    const waiting = new Map();
    let nextId = 0;
    const call = (method, ...args) =>
      new Promise((done, failed) => {
        waiting.set(nextId, { done, failed });
        worker.postMessage({ id: nextId++, method, args });
      });
    worker.onerror = (event) => {
      reject(new Error(event.message || "the engine's worker failed"));
      handedOver();
    };
    worker.onmessage = ({ data }) => {
      if ("progress" in data) {
        if (data.progress.url in sizes) {
          arrived[data.progress.url] = data.progress.loaded;
          const loaded = Object.values(arrived).reduce((sum, bytes) => sum + bytes, 0);
          window.flowchartEngineProgress = { loaded, total };
          document.dispatchEvent(new CustomEvent("flowchart:progress", { detail: window.flowchartEngineProgress }));
        }
        return;
      }
      if ("startedFrom" in data) {
        window.flowchartEngineStartedFrom = data.startedFrom;
        return;
      }
      if ("handedOver" in data) {
        handedOver();
        return;
      }
      if ("started" in data) {
        data.started ? resolve({ call }) : reject(new Error(data.error));
        return;
      }
      const { done, failed } = waiting.get(data.id);
      waiting.delete(data.id);
      "error" in data ? failed(new Error(data.error)) : done(data.result);
    };
    const integrity = JSON.parse(script.dataset.integrity);
    // Pyodide resolves relative URLs in surprising ways, so it is given absolute ones.
    worker.postMessage({
      start: {
        indexURL: absolute(script.dataset.pyodide),
        lockFileURL: absolute(script.dataset.lockfile),
        // The standard library compiled to bytecode at build time (sitebuild/stdlib.py): starting
        // CPython from it skips compiling every module it imports.
        stdLibURL: absolute(script.dataset.stdlib),
        integrity: Object.fromEntries(Object.entries(integrity).map(([url, hash]) => [absolute(url), hash])),
        handover,
        snapshot: fromOfflineCopy(JSON.parse(script.dataset.snapshot)),
      },
    });
  });
  // The engine starts from its memory snapshot (sitebuild/snapshot.py) only when the offline copy
  // holds it, that is once a service worker controls the page: a visit after the first, or the
  // first chart after any other page of the site. A first visit starts the ordinary way, because
  // the snapshot is 5 MB more to download, which costs a slow connection more than it saves.
  function fromOfflineCopy(snapshot) {
    if (!snapshot || !navigator.serviceWorker?.controller || typeof DecompressionStream !== "function") {
      return null;
    }
    return { ...snapshot, url: absolute(snapshot.url) };
  }
  // flowchart.mjs reports a failure when it takes the engine over; until then a rejection is
  // expected, not an error for the console.
  window.flowchartEngine.catch(() => {});
})();
