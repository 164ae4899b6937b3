// Starts Pyodide under Node the way a chart page starts it in the browser — the site's own
// standard-library archive, the site's lockfile, the flowchart package from it — and runs
// exercise_engine.py. It proves that the archive holds every module the engine needs, which
// matters once the archive is trimmed to what Pyodide and the engine import.
//
// Usage: node exercise_engine.mjs <stdlib zip> <flowchart-lock.json>
// Prints the exercise's JSON line; exit code 1 if anything fails.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pyodideDir = join(here, "..", "..", "node_modules", "pyodide");
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);

const [stdLibURL, lockFileURL] = process.argv.slice(2).map((p) => resolve(p));
try {
  const pyodide = await loadPyodide({
    indexURL: pyodideDir + "/",
    stdLibURL,
    lockFileURL,
    packages: ["flowchart"],
    // Only a failure should be printed, not Pyodide's "Loading flowchart" messages.
    stdout: (line) => console.log(line),
  });
  pyodide.runPython(readFileSync(join(here, "exercise_engine.py"), "utf-8"), { filename: "exercise_engine.py" });
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
