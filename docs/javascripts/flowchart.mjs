// Starts the Python engine and lets it drive each chart on the page.
//
// There is no decision logic here: every answer goes to the engine (flowchart/web.py), and the
// HTML it returns is painted as it is. This script only loads the engine, passes events, keeps
// the answers in the URL fragment and browser history, and moves focus.

const ENGINE_TIMEOUT_MS = 30000;

for (const element of document.querySelectorAll(".flowchart[data-chart]")) {
  drive(element);
}

function drive(element) {
  const chart = element.dataset.chart;
  const siteRoot = element.dataset.siteRoot;
  const live = element.querySelector(".flowchart-live");
  const status = element.querySelector(".flowchart-status");
  let engine = null;
  let fragment = location.hash.slice(1);
  let pending = null; // an event that arrived before the engine was ready

  element.dataset.engine = "loading";

  function paint(reply, { focus = true, push = false } = {}) {
    live.innerHTML = reply.html;
    fragment = reply.fragment;
    status.textContent = reply.notice || "";
    if (push && location.hash.slice(1) !== fragment) {
      history.pushState(null, "", "#" + fragment);
    }
    if (focus) {
      live.querySelector(".flowchart-heading")?.focus();
    }
  }

  function handle(action) {
    if (!engine) {
      pending = action;
      status.textContent = "Starting the flowchart…";
      return;
    }
    const reply = JSON.parse(
      action.name === "answer"
        ? engine.answer(chart, fragment, action.value, siteRoot)
        : action.name === "back"
          ? engine.back(chart, fragment, siteRoot)
          : engine.restart(chart, siteRoot),
    );
    paint(reply, { push: true });
  }

  live.addEventListener("submit", (event) => {
    event.preventDefault();
    handle({ name: "answer", value: new FormData(event.target).get("answer") });
  });

  live.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (button) {
      handle({ name: button.dataset.action });
    }
  });

  window.addEventListener("popstate", () => {
    if (engine) {
      paint(JSON.parse(engine.show(chart, location.hash.slice(1), siteRoot)));
    }
  });

  withTimeout(loadEngine(element), ENGINE_TIMEOUT_MS)
    .then((loaded) => {
      engine = loaded;
      element.dataset.engine = "pyodide";
      performance.mark("flowchart-engine-ready");
      const restored = JSON.parse(engine.show(chart, fragment, siteRoot));
      const hasAnswers = restored.fragment.includes("&");
      if (hasAnswers || restored.notice) {
        paint(restored, { focus: false });
      } else {
        status.textContent = "";
      }
      if (pending) {
        const action = pending;
        pending = null;
        handle(action);
      }
    })
    .catch((error) => {
      element.dataset.engine = "static";
      status.textContent =
        "The interactive flowchart could not start in this browser. " +
        "Please use the guidance pages, or ask your designated safeguarding lead.";
      console.warn("Flowchart engine unavailable:", error);
    });
}

async function loadEngine(element) {
  if (typeof WebAssembly !== "object") {
    throw new Error("WebAssembly is not available");
  }
  // Pyodide resolves relative URLs in surprising ways, so it is given absolute ones.
  const indexURL = new URL(element.dataset.pyodide, document.baseURI).href;
  const lockFileURL = new URL(element.dataset.lockfile, document.baseURI).href;
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, lockFileURL, packages: ["flowchart"] });
  return pyodide.pyimport("flowchart.web");
}

function withTimeout(promise, ms) {
  // loadPyodide never settles if WebAssembly fails to instantiate, so it gets a deadline.
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no engine after ${ms} ms`)), ms)),
  ]);
}
