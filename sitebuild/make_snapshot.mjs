// Makes a memory snapshot of Pyodide with the flowchart engine imported and every chart loaded
// (see snapshot_engine.py), so that a chart page can start its engine from it instead of starting
// CPython and importing the engine.
//
// Why under Node at build time: the snapshot is then one fixed file the build can hash, the
// service worker can precache and the page can check like every other engine file; it never holds
// anything from a person's browser.
//
// Usage: node make_snapshot.mjs <pyodide dir> <stdlib zip> <wheel> <made-from id> <output file>
// Writes the raw snapshot; prints a JSON summary.

import nodeCrypto from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, stdLib, wheel, madeFrom, output] = process.argv.slice(2);
if (!output) {
  console.error("usage: node make_snapshot.mjs <pyodide dir> <stdlib zip> <wheel> <made-from id> <output file>");
  process.exit(2);
}
reproducible();
const { loadPyodide } = await import(pathToFileURL(resolve(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: resolve(pyodideDir) + "/",
  stdLibURL: resolve(stdLib),
  _makeSnapshot: true,
  // Every visitor starts from this one interpreter, so its hash seed is shared whatever it is;
  // a fixed one keeps the snapshot reproducible.
  env: { PYTHONHASHSEED: "0" },
});
const work = "/snapshot";
pyodide.FS.mkdirTree(work);
pyodide.FS.writeFile(`${work}/snapshot_engine.py`, readFileSync(new URL("snapshot_engine.py", import.meta.url)));
pyodide.FS.writeFile(`${work}/engine.whl`, new Uint8Array(readFileSync(wheel)));
// Through runPython only: a PyProxy held in JavaScript at snapshot time makes the snapshot fail.
const modules = pyodide.runPython(`
import sys
sys.path.insert(0, "${work}")
import snapshot_engine
modules = snapshot_engine.prepare("${work}/engine.whl", ${JSON.stringify(madeFrom)})
sys.path.remove("${work}")
del sys.modules["snapshot_engine"], snapshot_engine, sys
modules
`);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(output, snapshot);
console.log(JSON.stringify({ bytes: snapshot.length, modules }));

// The same inputs give the same snapshot, byte for byte, so an unchanged engine keeps its address
// and a redeploy does not make every visitor download 5 MB again. Pyodide's memory takes in the
// clock, the program's path and random bytes while it starts; here they come from fixed sources.
// The clocks still move forward (the import system compares folder times), and nothing secret
// comes from them: the engine uses no randomness, and the worker reseeds Python's `random` after
// every start from a snapshot (flowchart-engine.mjs).
function reproducible() {
  let state = 1;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const fill = (view) => {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    bytes.forEach((_, index) => (bytes[index] = next() >>> 24));
    return view;
  };
  nodeCrypto.randomFillSync = fill;
  globalThis.crypto.getRandomValues = fill;
  Math.random = () => next() / 2 ** 32;
  let clock = Date.UTC(2026, 0, 1);
  Date.now = () => (clock += 1);
  let ticks = 0;
  performance.now = () => (ticks += 0.5);
  process.argv[1] = "make_snapshot.mjs";
}
