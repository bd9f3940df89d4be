"""The content audit's corrections as printed in each booklet, read back with poppler (cases in
tests/data/site/corrections.json)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from publish.booklet import filename

ROOT = Path(__file__).resolve().parents[2]
CASES: dict[str, Any] = json.loads((ROOT / "tests" / "data" / "site" / "corrections.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("case", CASES["booklets"], ids=lambda case: case["language"])
def test_correction_in_the_booklet(site_dir: Path, case: dict[str, Any]) -> None:
    pdf = site_dir / "downloads" / filename(case["language"])
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True)
    squashed = re.sub(r"\s+", "", text.stdout.replace("\u2010\n", ""))  # hyphenation's line-end hyphens
    for part in case["contains"]:
        assert re.sub(r"\s+", "", part) in squashed, (case["language"], part)
