"""The site's service worker (``sw.js`` at the site root): offline use of the calculator after one visit.

It precaches what the calculator needs whatever the reader's language (the runtime files the worker loads, the
engine manifest, the content-named engine folder, the calculator's scripts and styles, the theme's hashed bundles,
the pilot examples) and keeps every page the reader opens.  Its ``VERSION`` is a hash over the bytes of everything
it precaches, so a new edition installs a fresh cache and drops the old one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

__all__ = ["SERVICE_WORKER", "precache_list", "write_service_worker"]

SERVICE_WORKER = "sw.js"
_TEMPLATE = Path(__file__).with_name("sw.js")
_PATTERNS = (
    "assets/pyodide/pyodide.mjs",
    "assets/pyodide/pyodide.asm.mjs",
    "assets/pyodide/pyodide.asm.wasm",
    "assets/pyodide/python_stdlib.zip",
    "assets/gmi/engine.json",
    "assets/gmi/*/*",
    "assets/js/*.js",
    "assets/js/*.mjs",
    "assets/css/*.css",
    "assets/javascripts/bundle.*.min.js",
    "assets/stylesheets/*.min.css",
    "assets/images/favicon.png",
    "downloads/pilots/*.json",
)


def precache_list(site_dir: Path) -> list[str]:
    """Paths (relative to the site root, sorted) that the service worker stores on install."""
    found: set[str] = set()
    for pattern in _PATTERNS:
        found.update(
            path.relative_to(site_dir).as_posix()
            for path in site_dir.glob(pattern)
            if path.is_file() and path.suffix not in (".gz", ".br")
        )
    return sorted(found)


def write_service_worker(site_dir: Path) -> Path:
    """Write ``sw.js`` into the site root (after every other asset, since its version hashes them)."""
    paths = precache_list(site_dir)
    template = _TEMPLATE.read_text(encoding="utf-8")
    digest = hashlib.sha256(template.encode())
    for path in paths:
        digest.update(path.encode() + b"\0" + hashlib.sha256((site_dir / path).read_bytes()).digest())
    text = template.replace("__VERSION__", digest.hexdigest()[:16]).replace("__PRECACHE__", json.dumps(paths))
    target = site_dir / SERVICE_WORKER
    target.write_text(text, encoding="utf-8")
    return target
