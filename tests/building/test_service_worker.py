"""The built site's service worker precaches every file of the site, each with the hash of the
file as built, and loads nothing from elsewhere; the engine's files carry versions or hashes."""

import base64
import hashlib
import re
from pathlib import Path

from sitebuild.service_worker import offline_copy_bytes, precache_manifest
from sitebuild.stdlib import STDLIB_NAME
from sitebuild.wheel import sha256_of

REPO_ROOT = Path(__file__).resolve().parents[2]


def sha384_sri(path):
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def test_every_file_of_the_site_is_precached_with_its_own_hash(built_site):
    entries = precache_manifest(built_site)
    # Source maps are for developers' tools, which fetch them only when open.
    files = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file() and p.suffix != ".map"}
    files -= {"sw.js", "sw-handover.js"}
    assert set(entries) == files
    for url, (revision, integrity) in entries.items():
        path = built_site / url
        assert integrity == sha384_sri(path), url
        if revision is not None:  # Workbox's revision is the MD5 of the content
            assert revision == hashlib.md5(path.read_bytes()).hexdigest(), url


def test_files_with_a_version_in_their_path_are_not_cache_busted(built_site):
    entries = precache_manifest(built_site)
    material_bundle = re.compile(r"assets/(javascripts|stylesheets)/.+\.[0-9a-f]{8}\.min\.(js|css)")
    for url, (revision, _) in entries.items():
        versioned = url.startswith(("assets/pyodide/", "assets/flowchart/", "javascripts/", "stylesheets/"))
        # Exactly these: any other file (a page, the search index) must be fetched fresh.
        assert (revision is None) == bool(versioned or material_bundle.fullmatch(url)), url
    assert any(url.endswith("pyodide.asm.wasm") for url in entries), "the 9.6 MB wasm must not be left out"


def test_the_service_worker_is_self_contained(built_site):
    sw = (built_site / "sw.js").read_text(encoding="utf-8")
    # The Workbox runtime is inlined; the one script it imports is the site's own handover.
    assert re.findall(r"importScripts\(([^)]*)\)", sw) == ['"sw-handover.js"'], (
        "the Workbox runtime must be inlined, not loaded"
    )
    assert (built_site / "sw-handover.js").is_file()
    for script in (sw, (built_site / "sw-handover.js").read_text(encoding="utf-8")):
        assert not re.search(r"https?://(?!bit\.ly/)", script), (
            "no URL of another host (bit.ly only appears in an error message)"
        )
    assert not (built_site / "workbox-").exists()
    assert not list(built_site.glob("workbox-*.js"))


def test_every_page_registers_the_service_worker(built_site):
    for page in built_site.rglob("*.html"):
        if "bench" in page.parts:
            continue
        assert re.search(r'src="[./]*javascripts/offline\.[0-9a-f]{8,}\.js"', page.read_text(encoding="utf-8")), page


def test_the_shipped_standard_library_is_compiled_and_named_by_its_hash(built_site):
    (runtime,) = built_site.glob("assets/pyodide/*")
    assert not (runtime / STDLIB_NAME).exists(), "the stock, source-only archive is not shipped"
    (stdlib,) = runtime.glob("python_stdlib-*.zip")
    assert sha256_of(stdlib).startswith(stdlib.stem.removeprefix("python_stdlib-"))
    html = (built_site / "flowchart/when-and-how/index.html").read_text(encoding="utf-8")
    assert f'data-stdlib="../../{stdlib.relative_to(built_site).as_posix()}"' in html


def test_the_privacy_notice_states_the_size_of_the_offline_copy_and_of_the_snapshot(built_site):
    """Its figures (the whole copy twice, then the engine's snapshot) are each within a tenth."""
    notice = (REPO_ROOT / "docs" / "about" / "privacy.md").read_text(encoding="utf-8")
    (snapshot,) = built_site.glob("assets/flowchart/*/engine-*.snapshot.gz")
    copy_mb, snapshot_mb = offline_copy_bytes(built_site) / 1e6, snapshot.stat().st_size / 1e6
    stated = [int(mb) for mb in re.findall(r"about (\d+) MB", notice)]
    assert len(stated) == 3, stated
    for mb, actual in zip(stated, (copy_mb, copy_mb, snapshot_mb), strict=True):
        assert abs(mb - actual) <= actual / 10, f"the privacy notice says about {mb} MB where it is {actual:.1f} MB"
