"""Generate the service worker that makes the whole site work offline after one visit.

The work is done by Workbox in sitebuild/generate_sw.mjs; this module computes the integrity
hashes it puts in the precache manifest and runs it. See generate_sw.mjs for what is cached and why.
"""

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import BuildError
from .integrity import sri_hash_of

GENERATE_SCRIPT = Path(__file__).with_name("generate_sw.mjs")
SW_NAME = "sw.js"
# An entry of the precache manifest as Workbox writes it into the (minified) sw.js.
MANIFEST_ENTRY = re.compile(r'\{url:"([^"]+)",revision:(null|"[0-9a-f]+"),integrity:"(sha384-[A-Za-z0-9+/=]+)"\}')


class GenerateFailed(BuildError):
    pass


def integrity_map(site_dir):
    site_dir = Path(site_dir)
    return {
        path.relative_to(site_dir).as_posix(): sri_hash_of(path)
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


def generate(site_dir, versioned=()):
    """Write sw.js. `versioned` lists the site-relative URLs whose names change with their
    content (Pyodide's version folder, the wheel's hash folder, hashed scripts and styles): the
    worker takes them as they are instead of fetching them again with a cache-busting query."""
    node = shutil.which("node")
    if node is None:
        raise GenerateFailed("Node.js 20+ is needed to generate the service worker")
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as plan:
        json.dump({"integrity": integrity_map(site_dir), "versioned": sorted(versioned)}, plan)
        plan.flush()
        result = subprocess.run(
            [node, str(GENERATE_SCRIPT), str(site_dir), plan.name],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=GENERATE_SCRIPT.parent.parent,  # so that Node finds node_modules/workbox-build
        )
    if result.returncode != 0:
        raise GenerateFailed(f"generating the service worker failed:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def precache_manifest(site_dir):
    """What the built service worker precaches: {site-relative URL: (revision or None, integrity)}."""
    sw = (Path(site_dir) / SW_NAME).read_text(encoding="utf-8")
    return {
        url: (revision.strip('"') if revision != "null" else None, integrity)
        for url, revision, integrity in MANIFEST_ENTRY.findall(sw)
    }


def offline_copy_bytes(site_dir):
    """The size of the offline copy: every precached file, as stored."""
    return sum((Path(site_dir) / url).stat().st_size for url in precache_manifest(site_dir))
