"""Benchmark the search index: what a page view fetches and what the first query fetches, per language.

Builds the site (no booklets) and prints the stub every page fetches, each language's index (raw and gzip), and as
the reference in the same run the one index of all three languages that the theme would have every page fetch
(the three files merged, without the hidden ranking fields).

Run: PYTHONPATH=. .venv/bin/python bench/search.py
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculator.spec import LANGUAGES
from tests.conftest import build_site

HIDDEN = ("keys", "also", "boost")


def _sizes(data: bytes) -> str:
    return f"{len(data) / 1024:7.1f} KB raw, {len(gzip.compress(data, 9)) / 1024:6.1f} KB gzip"


def main() -> None:
    os.environ["GMI_SKIP_BOOKLETS"] = "1"
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        result = build_site(site)
        if result.returncode != 0:
            raise SystemExit(result.stdout + result.stderr)
        search = site / "search"
        stub = (search / "search_index.json").read_bytes()
        print(f"every page view (stub):   {_sizes(stub)}")
        merged: list[dict[str, object]] = []
        config: object = None
        for language in LANGUAGES:
            data = (search / f"{language}.json").read_bytes()
            print(f"first query, {language:8}: {_sizes(data)}  ({len(json.loads(data)['docs'])} entries)")
            index = json.loads(data)
            config = json.loads(stub)["config"]
            merged += [{key: value for key, value in doc.items() if key not in HIDDEN} for doc in index["docs"]]
        reference = json.dumps({"config": config, "docs": merged}, ensure_ascii=False).encode()
        print(f"reference, one index of all languages on every page: {_sizes(reference)}")
        largest = max((search / f"{language}.json").stat().st_size for language in LANGUAGES)
        print(f"largest language index / reference: {largest / len(reference):.2f}")


if __name__ == "__main__":
    main()
