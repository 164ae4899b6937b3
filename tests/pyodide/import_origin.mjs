// Installs a flowchart wheel into Pyodide under Node, imports every module of the engine, and
// reports whether the import system loaded each one from the wheel's bytecode or compiled its
// source (a missing, stale or rejected .pyc all end in compiling the source).
//
// Usage: node import_origin.mjs <flowchart wheel> [stdlib zip]
// Prints JSON: {"magic": Pyodide's MAGIC_NUMBER in hex, "modules": {name: {"origin": "bytecode" |
// "source", "file": __file__, "cached": __cached__, "compiled_as": file name inside the .pyc}}}

import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pyodideDir = join(repoRoot, "node_modules", "pyodide");
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);

const [wheel, stdLib] = process.argv.slice(2).map((p) => resolve(p));
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", ...(stdLib && { stdLibURL: stdLib }) });
const loadErrors = [];
await pyodide.loadPackage(wheel, { messageCallback: () => {}, errorCallback: (error) => loadErrors.push(error) });
if (loadErrors.length) {
  console.error(loadErrors.join("\n"));
  process.exit(1);
}

console.log(
  pyodide.runPython(`
import importlib, importlib.resources, importlib.util, json, marshal
from importlib import _bootstrap_external as external

# A module's code comes either from its .pyc, through _compile_bytecode, or from its source,
# through source_to_code (the import system's fallback). Both are wrapped to record which.
origins = {}
load_pyc, compile_source = external._compile_bytecode, external.SourceLoader.source_to_code

def from_pyc(data, name=None, bytecode_path=None, source_path=None):
    origins[source_path] = "bytecode"
    return load_pyc(data, name, bytecode_path, source_path)

def from_source(self, data, path, *args, **kwargs):
    origins[path] = "source"
    return compile_source(self, data, path, *args, **kwargs)

external._compile_bytecode, external.SourceLoader.source_to_code = from_pyc, from_source

def compiled_as(module):
    try:
        with open(module.__cached__, "rb") as f:
            return marshal.loads(f.read()[16:]).co_filename
    except FileNotFoundError:
        return None

import flowchart
# (Not pkgutil: the site's standard library is trimmed to what the engine needs, without it.)
names = sorted(f.name.removesuffix(".py") for f in importlib.resources.files(flowchart).iterdir() if f.name.endswith(".py"))
modules = [flowchart] + [importlib.import_module(f"flowchart.{name}") for name in names if name != "__init__"]
json.dumps({
    "magic": importlib.util.MAGIC_NUMBER.hex(),
    "modules": {
        m.__name__: {"origin": origins.get(m.__file__), "file": m.__file__, "cached": m.__cached__, "compiled_as": compiled_as(m)}
        for m in modules
    },
})
`),
);
