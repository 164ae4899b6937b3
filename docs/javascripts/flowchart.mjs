// Starts the Python engine and lets it drive each chart on the page.
//
// The engine runs in a module Web Worker (flowchart-engine.mjs), so the page stays responsive
// while CPython starts; every call to it is a message and its reply. The worker is started by
// flowchart-engine-client.js (a deferred script in the head), which runs just before this one.
//
// There is no decision logic here: every answer goes to the engine (flowchart/web.py), and the
// HTML it returns is painted as it is. Back, Change and Start again are plain links to URL
// fragments that the engine wrote, so the browser's history does the navigating; this script
// only loads the engine, passes answers and fragments in, paints, and moves focus.

const FALLBACK_MESSAGE =
  "The interactive flowchart could not start in this browser, so the same questions are shown " +
  "below as links. The decision record needs the interactive version.";

for (const element of document.querySelectorAll(".flowchart[data-chart]")) {
  drive(element);
}

function drive(element) {
  const chart = element.dataset.chart;
  const siteRoot = element.dataset.siteRoot;
  const live = element.querySelector(".flowchart-live");
  const status = element.querySelector(".flowchart-status");
  const announcer = element.querySelector(".flowchart-announcer");
  let engine = null;
  let pendingAnswer; // an answer given before the engine was ready
  // The engine's replies to each answer of the question on screen, asked for while it is read,
  // so that Continue paints the next step at once. They are keyed by the fragment they were made
  // for, and the engine is stateless, so a reply used from here is exactly what asking would give.
  let ahead = { fragment: null, replies: {} };

  const askAhead = () => {
    const fragment = location.hash.slice(1);
    if (ahead.fragment === fragment) {
      return;
    }
    ahead = { fragment, replies: {} };
    engine
      .call("answers_ahead", chart, fragment, siteRoot)
      .then((replies) => {
        if (ahead.fragment === fragment) {
          ahead.replies = JSON.parse(replies);
        }
      })
      .catch((error) => console.warn("Answers ahead unavailable; each answer will be asked for:", error));
  };

  element.dataset.engine = "loading";

  const paint = (reply, { focus }) => {
    live.innerHTML = reply.html;
    if (focus) {
      announcer.textContent = reply.announcement;
    }
    status.textContent = reply.notice || "";
    if (reply.notice) {
      history.replaceState(null, "", "#" + reply.fragment);
    }
    highlightPath(element, reply);
    const form = live.querySelector(".flowchart-record-form");
    if (form) {
      showFollowOns(form);
    }
    if (focus) {
      live.querySelector(".flowchart-heading")?.focus();
    }
    if (reply.kind === "question") {
      askAhead();
    }
  };

  const showFragment = async ({ focus }) => {
    paint(JSON.parse(await engine.call("show", chart, location.hash.slice(1), siteRoot)), { focus });
  };

  const submitAnswer = async (value) => {
    const fragment = location.hash.slice(1);
    const reply =
      ahead.fragment === fragment && Object.hasOwn(ahead.replies, value)
        ? ahead.replies[value]
        : JSON.parse(await engine.call("answer", chart, fragment, value, siteRoot));
    if (!reply.error) {
      // The reply already holds the next step: it is painted at once, and the new fragment is
      // pushed as a history entry (pushState fires no hashchange, so the engine is not asked to
      // render it twice; Back and Forward still fire hashchange).
      history.pushState(null, "", "#" + reply.fragment);
    }
    paint(reply, { focus: true }); // with an error: the same question again, with its message
  };

  live.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = new FormData(event.target).get("answer");
    if (engine) {
      submitAnswer(value);
    } else {
      pendingAnswer = value;
      status.textContent = "Starting the flowchart… your answer will be used as soon as it is ready.";
    }
  });

  live.addEventListener("change", (event) => {
    const form = event.target.closest(".flowchart-record-form");
    if (form) {
      showFollowOns(form);
    }
  });

  live.addEventListener("click", (event) => {
    const button = event.target.closest("[data-record]");
    if (button && engine) {
      makeRecord(engine, chart, live, button.dataset.record);
    }
  });

  window.addEventListener("hashchange", () => {
    if (engine) {
      showFragment({ focus: true });
    }
  });
  // From here an answer is taken (and queued until the engine is ready); `make bench` times this.
  performance.mark("flowchart-first-question-answerable");

  // One worker (one Python) for the page however many charts it has, already started by
  // flowchart-engine-client.js.
  const starting = window.flowchartEngine ?? Promise.reject(new Error("the engine was not started"));
  withTimeout(starting, Number(element.dataset.engineTimeout))
    .then(async (started) => {
      const reply = JSON.parse(await started.call("show", chart, location.hash.slice(1), siteRoot));
      engine = started;
      element.dataset.engine = "pyodide";
      performance.mark("flowchart-engine-ready");
      // The build already painted the first question; repainting it would drop a choice made
      // while the engine loaded.
      if (reply.node !== live.querySelector("[data-node]")?.dataset.node || reply.notice) {
        paint(reply, { focus: false });
      } else {
        highlightPath(element, reply);
        askAhead(); // the first question, as the build painted it
      }
      if (pendingAnswer !== undefined) {
        submitAnswer(pendingAnswer);
        pendingAnswer = undefined;
      }
    })
    .catch((error) => {
      element.dataset.engine = "static";
      status.textContent = FALLBACK_MESSAGE;
      console.warn("Flowchart engine unavailable:", error);
    })
    // The service worker (offline.js) waits for this before it downloads the site for offline
    // use, so that its downloads never compete with the engine's start.
    .finally(() => element.dispatchEvent(new Event("flowchart:settled", { bubbles: true })));
}

// A follow-on field of the record (data-shown-when names the field it follows, data-shown-for the
// values that ask for it, both written by the engine) is shown while one of those values is
// chosen, and always while it holds anything typed: nothing typed is ever hidden.
function showFollowOns(form) {
  for (const field of form.querySelectorAll("[data-shown-when]")) {
    const leader = form.elements[field.dataset.shownWhen];
    const asked = field.dataset.shownFor.split(" ").includes(leader?.value ?? "");
    const filled = [...field.querySelectorAll("input, select, textarea")].some((control) =>
      control.type === "radio" ? control.checked : control.value.trim() !== "",
    );
    field.hidden = !(asked || filled);
  }
}

// Marks on the diagram the path the engine reported: each answered question, the answer's
// arrow, and the step now shown.
function highlightPath(element, reply) {
  const diagram = element.querySelector(".flowchart-diagram");
  if (!diagram) {
    return;
  }
  for (const marked of diagram.querySelectorAll(".is-on-path, .is-current")) {
    marked.classList.remove("is-on-path", "is-current");
  }
  const node = (id) => diagram.querySelector(`[data-node="${CSS.escape(id)}"]`);
  for (const [question, answer] of reply.path) {
    node(question)?.classList.add("is-on-path");
    diagram
      .querySelector(`[data-from="${CSS.escape(question)}"][data-answer="${CSS.escape(answer)}"]`)
      ?.classList.add("is-on-path");
  }
  node(reply.node)?.classList.add("is-on-path", "is-current");
}

// The decision record: the engine builds it from the form; this only delivers it as asked.
// Nothing is sent or stored: the text lives in the page until it is closed.
async function makeRecord(engine, chart, live, action) {
  const form = live.querySelector(".flowchart-record-form");
  const status = live.querySelector(".flowchart-record-status");
  const fields = {};
  for (const [name, value] of new FormData(form)) {
    fields[name] = value;
  }
  const reply = JSON.parse(
    await engine.call("record", chart, location.hash.slice(1), JSON.stringify(fields), localDateTime(new Date())),
  );
  if (reply.error) {
    status.textContent = reply.error;
    return;
  }
  const preview = live.querySelector(".flowchart-record-text");
  preview.textContent = reply.text;
  if (action === "print") {
    preview.hidden = false;
    window.print();
    status.textContent = "The record is shown below the form, as it was printed.";
  } else if (action === "copy") {
    try {
      await navigator.clipboard.writeText(reply.text);
      status.textContent = "The record has been copied. Paste it into your case record.";
    } catch {
      preview.hidden = false;
      status.textContent = "This browser would not copy the record, so it is shown below to select and copy.";
    }
  } else {
    const [content, type, name] =
      action === "json"
        ? [reply.json, "application/json", reply.files.json]
        : [reply.text, "text/plain", reply.files.text];
    download(content, type, name);
    status.textContent = `The record has been saved as ${name} in your downloads.`;
  }
}

function download(content, type, name) {
  const url = URL.createObjectURL(new Blob([content], { type: type + ";charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ISO 8601 in the browser's own time zone, with its offset (toISOString would give UTC).
function localDateTime(date) {
  const pad = (n) => String(Math.abs(Math.trunc(n))).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${offset >= 0 ? "+" : "-"}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

function withTimeout(promise, ms) {
  // loadPyodide never settles if WebAssembly fails to instantiate, so it gets a deadline.
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no engine after ${ms} ms`)), ms)),
  ]);
}
