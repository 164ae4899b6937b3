"""Subresource Integrity values, as browsers check them (sha384, the value the service worker's
precache list and the engine's worker both use)."""

import base64
import hashlib
from pathlib import Path


def sri_hash(content):
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode("ascii")


def sri_hash_of(path):
    return sri_hash(Path(path).read_bytes())
