"""Precompressed siblings (``.br`` and ``.gz``) of the site's larger text and WebAssembly files.

A partner's web server can then send the compressed bytes as they are (nginx ``gzip_static``/``brotli_static``,
Apache ``mod_rewrite`` + ``Content-Encoding``; see ``deploy/``) instead of compressing on every request or not at
all: the runtime's 9.6 MB ``pyodide.asm.wasm`` travels as about 2.7 MB with brotli.  Only files that shrink by at
least a tenth get siblings, so ``python_stdlib.zip``, the engine wheel and the PDFs are left alone.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import brotli

__all__ = ["COMPRESSIBLE", "MIN_BYTES", "cache_folder", "write_compressed"]

COMPRESSIBLE = frozenset({".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt"})
MIN_BYTES = 1024
_LARGE = 256 * 1024
_WORTH = 0.9  # keep a sibling only if it is at most 90 % of the original


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gmi" / "compressed"


def _packed(data: bytes, suffix: str, cache: Path | None) -> bytes:
    key = cache / f"{hashlib.sha256(data).hexdigest()}{suffix}" if cache else None
    if key is not None and key.is_file():
        return key.read_bytes()
    large = len(data) >= _LARGE
    quality = 11 if large else 9  # 11 takes seconds per megabyte, so only for the few large (and cached) files
    if suffix == ".gz":
        packed = gzip.compress(data, compresslevel=9, mtime=0)
    else:
        packed = brotli.compress(data, quality=quality)
    if key is not None and large:
        try:
            key.parent.mkdir(parents=True, exist_ok=True)
            key.write_bytes(packed)
        except OSError:
            pass  # a read-only home: compress again next time
    return packed


def write_compressed(site_dir: Path, cache: Path | None = None) -> list[Path]:
    """Write ``name.br`` and ``name.gz`` next to each compressible file of ``site_dir``; returns them."""
    cache = cache_folder() if cache is None else cache
    written: list[Path] = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE or path.stat().st_size < MIN_BYTES:
            continue
        data = path.read_bytes()
        for suffix in (".gz", ".br"):
            packed = _packed(data, suffix, cache)
            sibling = path.with_name(path.name + suffix)
            if len(packed) <= _WORTH * len(data):
                sibling.write_bytes(packed)
                written.append(sibling)
            elif sibling.exists():
                sibling.unlink()
    return written
