"""`gmi check` provenance rules (calculator/check_sources.py) on broken and on acceptable copies of indicators/.

A benchmark or factor with no source, or one that cites a secondary source without saying so (its own status
`secondary` or `illustrative`), fails the check; the same edits with an honest label pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from calculator.cli import main
from calculator.source import read_bundle
from tests.engine.engine_support import load_cases
from tests.engine.test_engine_framework import all_issues, broken_copy

CASES: dict[str, Any] = load_cases("source_mutations.json")


@pytest.mark.parametrize("case", CASES["broken"], ids=lambda case: case["name"])
def test_check_fails(tmp_path: Path, case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    folder = broken_copy(tmp_path, case)
    lines = [str(issue) for issue in all_issues(folder)]
    assert any(all(part in line for part in case["expect"]) for line in lines), "\n".join(lines)
    assert main(["--indicators", str(folder), "check"]) == 1
    printed = capsys.readouterr()
    assert case["expect"][0] in printed.out + printed.err


@pytest.mark.parametrize("case", CASES["valid"], ids=lambda case: case["name"])
def test_check_accepts_an_honest_label(tmp_path: Path, case: dict[str, Any]) -> None:
    folder = broken_copy(tmp_path, case)
    assert [str(issue) for issue in all_issues(folder)] == []


def test_every_source_has_a_status_and_secondary_ones_are_used_honestly() -> None:
    bundle, problems = read_bundle(Path(__file__).resolve().parents[2] / "indicators")
    assert problems == []
    sources = bundle["sources.yaml"]["sources"]
    assert {entry["status"] for entry in sources.values()} == {"official", "secondary"}
    for entry in sources.values():
        if entry["status"] == "official":
            assert entry["document"] and entry["date"]
