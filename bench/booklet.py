"""Benchmark the booklets: build time and file size per language, then build_all with 1 and 2 processes.

PYTHONPATH=. .venv/bin/python bench/booklet.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from calculator.source import load_folder
from calculator.spec import LANGUAGES
from publish.booklet import build_all, build_booklet, filename
from publish.tree import pilots

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="gmi-booklets-"))
    framework, examples = load_folder(), pilots()
    for language in LANGUAGES:
        started = time.perf_counter()
        path = build_booklet(framework, language, examples, ROOT / "docs", out_dir / filename(language))
        elapsed = time.perf_counter() - started
        pages = len(PdfReader(path).pages)
        print(f"{language:8} {elapsed:6.2f} s  {pages:4d} pages  {path.stat().st_size / 1024:8.0f} KB  {path}")
    for workers in (1, 2):
        started = time.perf_counter()
        build_all(ROOT / "docs", out_dir / f"workers-{workers}", workers=workers)
        print(f"build_all, {workers} process(es): {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
