// Compiles Pyodide's standard library to bytecode with Pyodide's own interpreter, under Node.
//
// Why: the npm package ships the standard library as .py sources only, so every page load made
// CPython compile each module it imports — most of Pyodide's start-up time. Bytecode has to come
// from the same CPython version as the runtime (3.14 here); the build host's Python (3.11) would
// write bytecode Pyodide rejects ("bad magic number"), so the compiling is done inside Pyodide.
//
// Usage: node compile_stdlib.mjs <pyodide dir> <input python_stdlib.zip> <output zip> <options JSON>
//   options: {"drop_sources": bool, "keep": [top-level names] | null}
//   keep, when given, trims the archive to those top-level modules and packages.
//
// The .pyc files are hash-based and unchecked (PEP 552): they never look at a source file or a
// timestamp, so they load from the zip as they are and the output is byte-for-byte reproducible.

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, inputZip, outputZip, optionsJSON] = process.argv.slice(2);
if (!outputZip) {
  console.error("usage: node compile_stdlib.mjs <pyodide dir> <input zip> <output zip> [options JSON]");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(resolve(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: resolve(pyodideDir) + "/" });

pyodide.FS.writeFile("/tmp/stdlib-in.zip", new Uint8Array(readFileSync(inputZip)));
pyodide.globals.set("options_json", optionsJSON || "{}");
const summary = pyodide.runPython(`
import json, os, py_compile, sys, zipfile
from py_compile import PycInvalidationMode

options = json.loads(options_json)
keep = set(options["keep"]) if options.get("keep") else None
# Where the runtime mounts the archive: compiled-in file names then match what tracebacks and
# the stock, source-compiled modules would show.
RUNTIME_ZIP = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
SRC, OUT = "/tmp/stdlib-src", "/tmp/stdlib-out.zip"
# A fixed timestamp makes the archive reproducible (zip entries carry one).
EPOCH = (1980, 1, 1, 0, 0, 0)

def kept(name):
    return keep is None or name.split("/")[0].removesuffix(".py") in keep

compiled = dropped = 0
with zipfile.ZipFile("/tmp/stdlib-in.zip") as source:
    source.extractall(SRC)
    names = sorted(n for n in source.namelist() if not n.endswith("/") and kept(n))

with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
    def add(name, data):
        info = zipfile.ZipInfo(name, EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        out.writestr(info, data)

    for name in names:
        path = f"{SRC}/{name}"
        if name.endswith(".py"):
            # zipimport looks for name.pyc beside name.py (not in __pycache__).
            py_compile.compile(path, cfile=path + "c", dfile=f"{RUNTIME_ZIP}/{name}", doraise=True,
                               invalidation_mode=PycInvalidationMode.UNCHECKED_HASH)
            with open(path + "c", "rb") as f:
                add(name + "c", f.read())
            compiled += 1
            if options.get("drop_sources"):
                continue
        with open(path, "rb") as f:
            add(name, f.read())
json.dumps({"compiled": compiled, "magic": __import__("importlib.util").util.MAGIC_NUMBER.hex(),
            "python": sys.version.split()[0]})
`);
writeFileSync(outputZip, pyodide.FS.readFile("/tmp/stdlib-out.zip"));
console.log(summary);
