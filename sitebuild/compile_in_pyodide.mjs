// Runs one compile step of pyodide_bytecode.py inside Pyodide's own interpreter, under Node.
//
// Why: bytecode has to come from the same CPython version as the runtime (3.14 here); the build
// host's Python (3.11) would write bytecode Pyodide rejects ("bad magic number"), so the
// compiling is done inside Pyodide.
//
// Usage: node compile_in_pyodide.mjs <pyodide dir> <step> <input file> <output file> [options JSON]
//   step: "stdlib" (python_stdlib.zip) or "wheel" (the engine's wheel); see pyodide_bytecode.py.
// Prints the step's summary as JSON.

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, step, input, output, options] = process.argv.slice(2);
if (!output) {
  console.error("usage: node compile_in_pyodide.mjs <pyodide dir> <step> <input file> <output file> [options JSON]");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(resolve(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: resolve(pyodideDir) + "/" });

const work = "/compile";
pyodide.FS.mkdirTree(work);
pyodide.FS.writeFile(`${work}/pyodide_bytecode.py`, readFileSync(new URL("pyodide_bytecode.py", import.meta.url)));
pyodide.FS.writeFile(`${work}/input`, new Uint8Array(readFileSync(input)));
pyodide.runPython(`import sys; sys.path.insert(0, "${work}")`);
const summary = pyodide.pyimport("pyodide_bytecode").run(step, `${work}/input`, `${work}/output`, options || "{}");
writeFileSync(output, pyodide.FS.readFile(`${work}/output`));
console.log(summary);
