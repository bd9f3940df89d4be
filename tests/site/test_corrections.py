"""The content audit's corrections as a reader sees them on the built pages, per language (cases in
tests/data/site/corrections.json)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES: dict[str, Any] = json.loads((ROOT / "tests" / "data" / "site" / "corrections.json").read_text(encoding="utf-8"))
PREFIX = {"zh-hant": "", "zh-hans": "zh-hans/", "en": "en/"}


def page_text(site_dir: Path, language: str, page: str) -> str:
    """The visible text of a built page: tags dropped, entities decoded, whitespace collapsed."""
    raw = (site_dir / PREFIX[language] / page / "index.html").read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.DOTALL)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


@pytest.mark.parametrize("case", CASES["pages"], ids=lambda case: case["name"])
def test_correction_on_the_page(site_dir: Path, case: dict[str, Any]) -> None:
    text = page_text(site_dir, case["language"], case["page"])
    for part in case["contains"]:
        assert part in text, (case["page"], case["language"], part)
    for part in case.get("absent", []):
        assert part not in text, (case["page"], case["language"], part)
