"""Benchmark: wall time of a full strict site build (three languages), with and without the booklets.

Run: PYTHONPATH=. .venv/bin/python bench/site.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import build_site


def _timed_build(skip_booklets: bool) -> float:
    os.environ["GMI_SKIP_BOOKLETS"] = "1" if skip_booklets else "0"
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        result = build_site(Path(folder) / "site")
        elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)
    return elapsed


def main() -> None:
    pages_only = [_timed_build(skip_booklets=True) for _ in range(3)]
    print(f"site build, 3 languages, no booklets: median {statistics.median(pages_only):.2f} s over 3 runs")
    print(f"site build with the three booklets:   {_timed_build(skip_booklets=False):.2f} s (one run)")


if __name__ == "__main__":
    main()
