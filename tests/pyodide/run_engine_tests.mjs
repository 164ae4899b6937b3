// Runs the engine test suite (tests/engine) inside Pyodide under Node, proving that the shipped
// wheel works in the browser's interpreter. Everything is loaded from local files: the pinned
// Pyodide from node_modules, pytest and its pure-Python dependencies as 3.14 wheels, and the
// flowchart wheel exactly as the site ships it.
//
// Usage: node run_engine_tests.mjs <flowchart wheel> <dir of test wheels> <tests/engine dir>
// Exit code: pytest's.

import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pyodideDir = join(repoRoot, "node_modules", "pyodide");
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);

const [flowchartWheel, wheelDir, engineTests] = process.argv.slice(2).map((p) => resolve(p));
const testWheels = readdirSync(wheelDir)
  .filter((name) => name.endsWith(".whl"))
  .map((name) => join(wheelDir, name));

const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
await pyodide.loadPackage([...testWheels, flowchartWheel], { messageCallback: () => {} });
pyodide.mountNodeFS("/project/engine", engineTests);

const exitCode = pyodide.runPython(`
import sys
sys.dont_write_bytecode = True
print("python", sys.version.split()[0], "on", sys.platform)
import flowchart, pytest
print("flowchart from", flowchart.__file__)
int(pytest.main(["-q", "-p", "no:cacheprovider", "--rootdir", "/project", "/project/engine"]))
`);
process.exit(exitCode);
