// Runs the engine test suite (tests/engine) inside Pyodide under Node, proving that the shipped
// wheel works in the browser's interpreter. Everything is loaded from local files: the pinned
// Pyodide from node_modules, pytest and its pure-Python dependencies as 3.14 wheels, and the
// flowchart wheel exactly as the site ships it.
//
// Usage: node run_engine_tests.mjs <flowchart wheel> <dir of test wheels> <tests/engine dir> [stdlib zip]
// With a stdlib zip (the site's, compiled to bytecode at build time), Pyodide starts from it
// instead of the stock one, and every .pyc in it is first checked against the runtime's magic number.
// Exit code: pytest's.

import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pyodideDir = join(repoRoot, "node_modules", "pyodide");
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);

const [flowchartWheel, wheelDir, engineTests, stdLib] = process.argv.slice(2).map((p) => resolve(p));
const testWheels = readdirSync(wheelDir)
  .filter((name) => name.endsWith(".whl"))
  .map((name) => join(wheelDir, name));

const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", ...(stdLib && { stdLibURL: stdLib }) });
if (stdLib) {
  console.log(
    pyodide.runPython(`
import importlib.util, json, sys, zipfile
archive = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
with zipfile.ZipFile(archive) as z:
    pycs = [n for n in z.namelist() if n.endswith(".pyc")]
    wrong = [n for n in pycs if z.read(n)[:4] != importlib.util.MAGIC_NUMBER]
    sources = [n for n in z.namelist() if n.endswith(".py")]
import json.decoder
assert not wrong, f"bytecode of another Python version: {wrong[:5]}"
assert pycs, "no bytecode in the archive"
f"compiled stdlib: {len(pycs)} modules, magic {importlib.util.MAGIC_NUMBER.hex()}, {len(sources)} sources"
`),
  );
}
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
