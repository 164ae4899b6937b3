// Starts Pyodide under Node from the engine's memory snapshot, as a chart page does on a visit
// after the first — the site's own standard-library archive, nothing installed — and runs
// exercise_engine.py on it. It proves that the snapshot holds everything the engine reads: with
// no wheel installed, a chart or module left out of it fails here.
//
// Usage: node exercise_snapshot.mjs <snapshot memory> <stdlib zip>
//   The memory as sitebuild/snapshot.py `unpacked` gives it.
// Prints {"madeFrom": ..., "sitePackages": [...]} and then the exercise's JSON line; exit code 1
// if anything fails.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pyodideDir = join(here, "..", "..", "node_modules", "pyodide");
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);

const [snapshot, stdLibURL] = process.argv.slice(2).map((p) => resolve(p));
try {
  const pyodide = await loadPyodide({
    indexURL: pyodideDir + "/",
    stdLibURL,
    _loadSnapshot: new Uint8Array(readFileSync(snapshot)),
    stdout: (line) => console.log(line),
  });
  const sitePackages = pyodide.runPython("import os, site; ','.join(os.listdir(site.getsitepackages()[0]))");
  console.log(
    JSON.stringify({
      madeFrom: pyodide.globals.get("flowchart_snapshot_of"),
      sitePackages: sitePackages ? sitePackages.split(",") : [],
    }),
  );
  pyodide.globals.set("FROM_SNAPSHOT", true);
  pyodide.runPython(readFileSync(join(here, "exercise_engine.py"), "utf-8"), { filename: "exercise_engine.py" });
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
