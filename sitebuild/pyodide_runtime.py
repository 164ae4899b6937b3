"""Install the pinned, self-hosted Pyodide runtime and the engine's wheel into the built site.

Nothing is fetched from a CDN: the runtime files come from node_modules/pyodide (pinned in
package-lock.json), and a small lockfile lists only our wheel so that Pyodide never looks
elsewhere for packages. The lockfile's sha256 doubles as the fetch's integrity hash. The standard
library is not the stock one but the bytecode-compiled one from sitebuild/stdlib.py, under a name
that carries its content hash.
"""

import json
import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import snapshot
from .errors import BuildError
from .integrity import sri_hash, sri_hash_of
from .pyodide_compile import NODE_PYODIDE
from .wheel import sha256_of

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
LOCKFILE_NAME = "flowchart-lock.json"


class RuntimeMissing(BuildError):
    pass


@dataclass(frozen=True)
class EngineAssets:
    """Site-relative URLs of what a chart page needs to start the engine."""

    pyodide_dir: str  # e.g. assets/pyodide/314.0.7/
    lockfile: str  # e.g. assets/flowchart/<hash>/flowchart-lock.json
    stdlib: str  # e.g. assets/pyodide/314.0.7/python_stdlib-<hash>.zip
    stdlib_source: Path  # the archive on disk that is copied there
    lockfile_text: str  # the lockfile's content, written beside the wheel
    snapshot: "EngineSnapshot | None"  # None in the live preview, which has no offline copy
    # Site-relative URL -> Subresource Integrity hash of each file Pyodide fetches, so the
    # engine's worker can refuse a changed or corrupted file even on a first, uncached visit.
    integrity: dict
    # Site-relative URL -> size in bytes of each file whose download the page reports as it
    # loads ("3.1 of 12.4 MB"), so a slow connection is told apart from a stalled one.
    sizes: dict


@dataclass(frozen=True)
class EngineSnapshot:
    """The engine's memory snapshot (sitebuild/snapshot.py) as a page offers it."""

    url: str  # e.g. assets/flowchart/<hash>/engine-<hash>.snapshot.gz
    source: Path  # the gzipped snapshot on disk that is copied there
    integrity: str  # its Subresource Integrity hash
    made_from: str  # the id of the engine inside it (snapshot.made_from), checked after a start


def versioned_files(site_dir, assets):
    """The installed runtime and wheel files: their folders are named by Pyodide's version and
    the wheel's hash, so a file there never changes under the same address."""
    site_dir = Path(site_dir)
    folders = (assets.pyodide_dir, posixpath.dirname(assets.lockfile) + "/")
    return sorted(
        path.relative_to(site_dir).as_posix()
        for folder in folders
        for path in (site_dir / folder).rglob("*")
        if path.is_file()
    )


def runtime_file(name, node_pyodide=NODE_PYODIDE):
    """A file of the pinned Pyodide package, or a message saying how to get it."""
    path = Path(node_pyodide) / name
    if not path.is_file():
        raise RuntimeMissing(f"{path} not found: run `npm ci` (or `make build`) first.")
    return path


def pyodide_version(node_pyodide=NODE_PYODIDE):
    package = runtime_file("package.json", node_pyodide)
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def plan_assets(wheel_path, stdlib_path, snapshot_path=None, node_pyodide=NODE_PYODIDE):
    """Where the runtime, the standard library, the wheel and the snapshot (if there is one) go.
    Every path carries a version or a content hash, so a new deploy never mixes new pages with old
    cached engine files."""
    pyodide_dir = f"assets/pyodide/{pyodide_version(node_pyodide)}/"
    lockfile = f"assets/flowchart/{sha256_of(wheel_path)[:16]}/{LOCKFILE_NAME}"
    stdlib = f"{pyodide_dir}python_stdlib-{sha256_of(stdlib_path)[:16]}.zip"
    lockfile_text = json.dumps(lockfile_for(wheel_path, node_pyodide), indent=1) + "\n"
    wasm = f"{pyodide_dir}pyodide.asm.wasm"
    wheel = f"{lockfile.rsplit('/', 1)[0]}/{Path(wheel_path).name}"
    return EngineAssets(
        pyodide_dir=pyodide_dir,
        lockfile=lockfile,
        stdlib=stdlib,
        stdlib_source=Path(stdlib_path),
        lockfile_text=lockfile_text,
        snapshot=EngineSnapshot(
            url=f"{posixpath.dirname(lockfile)}/engine-{sha256_of(snapshot_path)[:16]}.snapshot.gz",
            source=Path(snapshot_path),
            integrity=sri_hash_of(snapshot_path),
            made_from=snapshot.made_from(wheel_path),
        )
        if snapshot_path
        else None,
        integrity={
            wasm: sri_hash_of(runtime_file("pyodide.asm.wasm", node_pyodide)),
            stdlib: sri_hash_of(stdlib_path),
            lockfile: sri_hash(lockfile_text.encode("utf-8")),
        },
        sizes={
            wasm: runtime_file("pyodide.asm.wasm", node_pyodide).stat().st_size,
            stdlib: Path(stdlib_path).stat().st_size,
            wheel: Path(wheel_path).stat().st_size,
        },
    )


def install_runtime(site_dir, assets, node_pyodide=NODE_PYODIDE):
    target = Path(site_dir) / assets.pyodide_dir
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(runtime_file(name, node_pyodide), target / name)
    shutil.copyfile(assets.stdlib_source, Path(site_dir) / assets.stdlib)


def install_wheel(site_dir, assets, wheel_path):
    """Copy the wheel and the engine's memory snapshot beside the lockfile and write the lockfile."""
    target = Path(site_dir) / assets.lockfile
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(wheel_path, target.parent / Path(wheel_path).name)
    if assets.snapshot:
        shutil.copyfile(assets.snapshot.source, Path(site_dir) / assets.snapshot.url)
    target.write_text(assets.lockfile_text, encoding="utf-8")


def lockfile_for(wheel_path, node_pyodide=NODE_PYODIDE):
    """A Pyodide lockfile holding only the flowchart wheel; `info` must match the runtime's ABI."""
    stock = json.loads((Path(node_pyodide) / "pyodide-lock.json").read_text(encoding="utf-8"))
    name, version = Path(wheel_path).name.split("-")[:2]
    return {
        "info": stock["info"],
        "packages": {
            name: {
                "name": name,
                "version": version,
                "file_name": Path(wheel_path).name,
                "install_dir": "site",
                "sha256": sha256_of(wheel_path),
                "package_type": "package",
                "imports": [name],
                "depends": [],
                "unvendored_tests": False,
                "tool": {},
            }
        },
    }
