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
//
// An answer given before the engine is ready is never held back: the person carries on in the
// chart the build rendered as linked sections (from the same engine), following the link for the
// answer they chose, while the engine goes on loading. When it arrives it is given the answers
// they followed there and takes over where they are, with the decision record. A slow download is
// not a failure: only a download that stops (nothing arriving for a while) gives up the engine.

const FAILED_MESSAGE =
  "The interactive flowchart could not start in this browser, so the same questions are shown " +
  "below as links. The decision record needs the interactive version.";
const STALLED_MESSAGE =
  "The interactive flowchart stopped loading (your connection may have dropped), so the same " +
  "questions are shown below as links. The decision record needs the interactive version: " +
  "reload the page to try again.";
const WIDE_SCREEN = window.matchMedia("(min-width: 45em)");
const DISCLOSURE_FAILED_MESSAGE =
  "The record could not be made in this browser. Print this page and fill in the form by hand, " +
  "or copy the headings into your organisation's own record.";
const TAKEN_OVER_MESSAGE =
  "The interactive flowchart has loaded and carried on from your answers. You can now make a decision record.";

// The status while the engine's files arrive, with how far they have got ("3.1 of 12.4 MB so far").
function loadingMessage() {
  const progress = window.flowchartEngineProgress;
  const megabytes = (bytes) => (bytes / 1e6).toFixed(1);
  const sofar = progress?.total ? ` (${megabytes(progress.loaded)} of ${megabytes(progress.total)} MB so far)` : "";
  return (
    `The interactive flowchart is still loading on this connection${sofar}, so carry on with the ` +
    "questions below: your answers are kept. It will take over where you are, with the decision " +
    "record, when it has loaded."
  );
}

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
  // [question, answer, section anchor] for each link followed in the static chart while the engine
  // loaded (null until then): the engine is given them, in order, when it arrives.
  let followed = null;
  // The engine's replies to each answer of the question on screen, asked for while it is read,
  // so that Continue paints the next step at once. They are keyed by the fragment they were made
  // for, and the engine is stateless, so a reply used from here is exactly what asking would give.
  let ahead = { fragment: null, replies: {} };
  // What was typed into each outcome's record, by the history entry it was typed at, so that
  // going Back and Forward to it finds the record as it was left. In the page's memory only:
  // never stored, and gone when the page is closed. (The answer given at a question goes into
  // its history entry instead, as the browser does for forms: it is in the next entry's
  // fragment anyway.)
  const drafts = new Map();

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
    const chosen = history.state?.chosen;
    if (reply.kind === "question" && chosen && !live.querySelector('input[name="answer"]:checked')) {
      const earlier = live.querySelector(`input[name="answer"][value="${CSS.escape(chosen)}"]`);
      if (earlier) {
        earlier.checked = true;
      }
    }
    if (focus) {
      announcer.textContent = reply.announcement;
    }
    status.textContent = reply.notice || "";
    if (reply.notice) {
      replaceFragment(reply.fragment);
    }
    highlightPath(element, reply);
    const form = live.querySelector(".flowchart-record-form");
    if (form) {
      restoreDraft(form, drafts.get(history.state?.draft));
      showFollowOns(form);
      markRecordInProgress(form, live);
      // On a phone the outcome's decision, reasons and next steps come first and the record form
      // opens when asked for; on a wider screen, or with a record already begun, it is open.
      form.closest("details").open ||= WIDE_SCREEN.matches || form.classList.contains("is-filled");
    }
    if (focus) {
      focusClearOfHeader(live.querySelector(".flowchart-heading"));
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
    // Going Back to this question will find this answer chosen.
    noteInHistory({ chosen: value });
    const reply =
      ahead.fragment === fragment && Object.hasOwn(ahead.replies, value)
        ? ahead.replies[value]
        : JSON.parse(await engine.call("answer", chart, fragment, value, siteRoot));
    if (!reply.error) {
      // The reply already holds the next step: it is painted at once, and the new fragment is
      // pushed as a history entry (pushState fires no hashchange, so the engine is not asked to
      // render it twice; Back and Forward still fire hashchange).
      pushFragment(reply.fragment);
    }
    paint(reply, { focus: true }); // with an error: the same question again, with its message
  };

  live.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = new FormData(event.target).get("answer");
    if (engine) {
      submitAnswer(value);
    } else {
      carryOnStatic(event.target.dataset.node, value);
    }
  });

  // Before the engine is ready: show the static chart at the step the chosen answer leads to (or
  // at this question, if none was chosen), and keep note of the way there.
  const staticSteps = element.querySelector(".flowchart-static");
  const startAnchor = "#" + staticSteps.querySelector(".flowchart-static-step").id;
  const carryOnStatic = (question, value) => {
    followed = followed ?? [];
    element.dataset.engine = "static";
    element.dataset.enginePending = "true";
    status.textContent = loadingMessage();
    const section = staticSteps.querySelector(`.flowchart-static-step[data-node="${CSS.escape(question)}"]`);
    const link = value ? section.querySelector(`a[data-answer="${CSS.escape(value)}"]`) : null;
    if (link) {
      followed.push([question, value, link.hash]);
    }
    location.hash = link ? link.hash : "#" + section.id;
    const heading = staticSteps.querySelector(`${location.hash} .flowchart-heading`);
    heading?.setAttribute("tabindex", "-1");
    focusClearOfHeader(heading);
  };
  staticSteps.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link || followed === null) {
      return;
    }
    if (link.dataset.answer) {
      followed.push([link.closest("[data-node]").dataset.node, link.dataset.answer, link.hash]);
    } else if (link.hash === startAnchor) {
      followed = [];
    }
  });
  // Back and Forward in the static chart: the way there is cut back to the step now shown.
  const retrace = () => {
    if (location.hash === startAnchor) {
      followed = [];
      return;
    }
    const last = followed.findLastIndex(([, , anchor]) => anchor === location.hash);
    if (last >= 0) {
      followed.length = last + 1;
    }
  };
  document.addEventListener("flowchart:progress", () => {
    if (element.dataset.enginePending) {
      status.textContent = loadingMessage();
    }
  });

  const keepDraft = (event) => {
    const form = event.target.closest(".flowchart-record-form");
    if (form) {
      showFollowOns(form);
      markRecordInProgress(form, live);
      if (!drafts.has(history.state?.draft)) {
        noteInHistory({ draft: `${performance.timeOrigin}:${drafts.size}` });
      }
      if (history.state?.draft) {
        drafts.set(history.state.draft, draftOf(form));
      }
    }
  };
  live.addEventListener("change", keepDraft);
  live.addEventListener("input", keepDraft);

  live.addEventListener("click", (event) => {
    const button = event.target.closest("[data-record]");
    if (button && engine) {
      makeRecord(engine, chart, live, button.dataset.record);
    }
  });

  window.addEventListener("hashchange", () => {
    if (engine) {
      showFragment({ focus: true });
    } else if (followed !== null) {
      retrace();
    }
  });
  // From here an answer is taken (and queued until the engine is ready); `make bench` times this.
  performance.mark("flowchart-first-question-answerable");

  // One worker (one Python) for the page however many charts it has, already started by
  // flowchart-engine-client.js.
  const starting = window.flowchartEngine ?? Promise.reject(new Error("the engine was not started"));
  unlessStalled(starting, Number(element.dataset.engineStall), Number(element.dataset.engineSlowest))
    .then(async (started) => {
      if (followed !== null) {
        // The person carried on in the static chart: the engine takes over where they are.
        const reply = JSON.parse(
          await started.call("replay", chart, JSON.stringify(followed.map(([question, answer]) => [question, answer])), siteRoot),
        );
        engine = started;
        element.dataset.engine = "pyodide";
        delete element.dataset.enginePending;
        replaceFragment(reply.fragment);
        paint(reply, { focus: true });
        status.textContent = reply.notice || TAKEN_OVER_MESSAGE;
        performance.mark("flowchart-engine-ready");
        return;
      }
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
    })
    .catch((error) => {
      element.dataset.engine = "static";
      delete element.dataset.enginePending;
      status.textContent = error instanceof StalledError ? STALLED_MESSAGE : FAILED_MESSAGE;
      console.warn("Flowchart engine unavailable:", error);
    })
    // The service worker (offline.js) waits for this before it downloads the site for offline
    // use, so that its downloads never compete with the engine's, and never fetch a file twice.
    .finally(() => element.dispatchEvent(new Event("flowchart:settled", { bubbles: true })));
}

class StalledError extends Error {}

// The engine, unless its download stalls. Each report of progress restarts the clock, which then
// allows as long as what is left would take at the slowest connection waited for (bytes per
// second), and never less than `ms` (loadPyodide never settles if WebAssembly fails to
// instantiate, so this is also its deadline). Some proxies, and browsers' own throttling, hand a
// file over in one piece, so progress can come late; the person is never kept waiting meanwhile.
function unlessStalled(promise, ms, slowest) {
  return new Promise((resolve, reject) => {
    let timer;
    const restart = () => {
      const { loaded = 0, total = 0 } = window.flowchartEngineProgress ?? {};
      const limit = Math.max(ms, ((total - loaded) / slowest) * 1000);
      clearTimeout(timer);
      timer = setTimeout(() => reject(new StalledError(`nothing arrived for ${Math.round(limit)} ms`)), limit);
    };
    document.addEventListener("flowchart:progress", restart);
    restart();
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      document.removeEventListener("flowchart:progress", restart);
    });
  });
}

// Safari's engine refuses history changes made faster than a set rate (a SecurityError), which a
// quick hand or a test can reach. An answer is never lost to that: the address is then set
// directly, which is not limited (the hashchange it fires asks the engine for the same step).
function pushFragment(fragment) {
  try {
    history.pushState(null, "", "#" + fragment);
  } catch (error) {
    console.warn("History refused a new entry; setting the address instead:", error);
    location.hash = fragment;
  }
}

function replaceFragment(fragment) {
  try {
    history.replaceState(null, "", "#" + fragment);
  } catch (error) {
    console.warn("History refused a change; setting the address instead:", error);
    location.replace("#" + fragment);
  }
}

// Notes kept with the current history entry (the answer chosen, a record's draft) are a
// convenience for Back and Forward; without them nothing on the page is lost.
function noteInHistory(notes) {
  try {
    history.replaceState({ ...history.state, ...notes }, "");
  } catch (error) {
    console.warn("History refused a note:", error);
  }
}

// A browser scrolls a focused element only until it is inside the window, which can leave it
// under Material's sticky header; scrolling it "nearest" with its scroll-margin keeps it clear.
function focusClearOfHeader(heading) {
  heading?.focus({ preventScroll: true });
  heading?.scrollIntoView({ block: "nearest" });
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

// What has been typed or chosen in a record form, to put back if the person returns to it.
function draftOf(form) {
  return [...form.elements]
    .filter((control) => control.name)
    .map((control) => [control.name, control.value, control.type === "radio" || control.type === "checkbox" ? control.checked : null]);
}

function restoreDraft(form, draft) {
  for (const [name, value, checked] of draft ?? []) {
    for (const control of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (checked === null) {
        control.value = value;
      } else if (control.value === value) {
        control.checked = checked;
      }
    }
  }
}

// While a record holds anything typed, the links out of the outcome open in a new tab, so that
// following one (to the local contacts, say) never loses the record; each link says so. The
// form is also marked, so that the browser's own print includes what was typed.
function markRecordInProgress(form, live) {
  const typed =
    [...form.querySelectorAll("input:not([type=radio]):not([type=checkbox]), textarea, select")].some(
      (control) => control.value.trim() !== "",
    ) || form.querySelector("input:checked") !== null;
  form.classList.toggle("is-filled", typed);
  for (const link of live.querySelectorAll("a[href]")) {
    const address = link.getAttribute("href");
    if (address.startsWith("#") || /^(tel|mailto):/.test(address) || link.closest(".flowchart-record-form")) {
      continue;
    }
    const said = link.querySelector(".flowchart-new-tab");
    if (typed && !said) {
      link.target = "_blank";
      link.rel = "noopener";
      link.insertAdjacentHTML("beforeend", '<span class="flowchart-new-tab"> (opens in a new tab, so your record stays here)</span>');
    } else if (!typed && said) {
      link.removeAttribute("target");
      link.removeAttribute("rel");
      said.remove();
    }
  }
}

// Prints only the given element: a copy of it is put on a sheet of its own, which the print
// style sheet shows instead of the page, until printing is over.
function printAlone(element) {
  const sheet = document.createElement("div");
  sheet.className = "print-alone";
  const copy = document.createElement(element.tagName);
  copy.textContent = element.textContent;
  sheet.append(copy);
  document.body.append(sheet);
  document.documentElement.dataset.printing = "alone";
  window.addEventListener(
    "afterprint",
    () => {
      sheet.remove();
      delete document.documentElement.dataset.printing;
    },
    { once: true },
  );
  window.print();
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
  const reply = JSON.parse(
    await engine.call("record", chart, location.hash.slice(1), JSON.stringify(fieldsOf(form)), localDateTime(new Date())),
  );
  deliver(reply, action, live);
}

function fieldsOf(form) {
  const fields = {};
  for (const [name, value] of new FormData(form)) {
    fields[name] = value;
  }
  return fields;
}

// A record the engine made (or the problem it found), printed, copied or downloaded as asked.
async function deliver(reply, action, container) {
  const status = container.querySelector(".flowchart-record-status");
  if (reply.error) {
    status.textContent = reply.error;
    return;
  }
  const preview = container.querySelector(".flowchart-record-text");
  preview.textContent = reply.text;
  if (action === "print") {
    preview.hidden = false;
    printAlone(preview);
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

// The record of what a child told a practitioner (guidance/disclosure-record/): a form the build
// rendered, which the engine turns into the record when a button is pressed. Links out of the
// page open in a new tab while anything is typed, as for the decision record.
for (const element of document.querySelectorAll(".disclosure-record")) {
  const form = element.querySelector(".flowchart-record-form");
  const page = element.closest(".md-content") ?? element;
  form.addEventListener("input", () => markRecordInProgress(form, page));
  element.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-record]");
    if (!button) {
      return;
    }
    const status = element.querySelector(".flowchart-record-status");
    let engine;
    try {
      status.textContent = "Making the record…";
      engine = await (window.flowchartEngine ?? Promise.reject(new Error("the engine was not started")));
    } catch (error) {
      status.textContent = DISCLOSURE_FAILED_MESSAGE;
      console.warn("Flowchart engine unavailable:", error);
      return;
    }
    const reply = JSON.parse(await engine.call("disclosure_record", JSON.stringify(fieldsOf(form)), localDateTime(new Date())));
    deliver(reply, button.dataset.record, element);
  });
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
