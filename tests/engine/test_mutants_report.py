"""The text report and the CSV row, every line and every cell (mutants of calculator/report.py).

The expected reports of ``tests/data/engine/mutants_report.json`` were worked by hand (the arithmetic is in the
file's "about"); the good practices a plan step quotes are read from ``indicators/dimensions/*.yaml`` here.
"""

from __future__ import annotations

from typing import Any

import pytest

import calculator
from calculator import Framework, csv_header, csv_row, render_text
from tests.engine.engine_support import LANGUAGES, load_cases

CASES = load_cases("mutants_report.json")
REPORTS = CASES["reports"]
PRACTICE = {"en": "Good practice", "zh-hant": "良好實務", "zh-hans": "良好实务"}


def practices(bundle: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """The good practices of every indicator, as the YAML lists them."""
    entries = [
        entry for name, content in bundle.items() if name.startswith("dimensions/") for entry in content["indicators"]
    ]
    return {entry["id"]: entry.get("practices", []) for entry in entries}


def expected_lines(case: dict[str, Any], language: str, bundle: dict[str, Any]) -> list[str]:
    known = practices(bundle)
    lines: list[str] = []
    for line in case["report"][language]:
        if line.startswith("@practices "):
            quoted = known[line.split()[1]][:2]
            lines += [f"     {PRACTICE[language]}: {practice[language]}" for practice in quoted]
        else:
            lines.append(line)
    return lines


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", REPORTS, ids=[case["name"] for case in REPORTS])
def test_whole_text_report(framework: Framework, bundle: dict[str, Any], case: dict[str, Any], language: str) -> None:
    result = calculator.score(framework, case["assessment"])
    assert render_text(result, framework, language).split("\n") == expected_lines(case, language, bundle)


def test_csv_header_names_every_column(framework: Framework) -> None:
    assert csv_header(framework) == CASES["csv"]["header"]


@pytest.mark.parametrize("row", CASES["csv"]["rows"], ids=[row["case"] for row in CASES["csv"]["rows"]])
def test_csv_row_every_cell(framework: Framework, row: dict[str, Any]) -> None:
    raw = next(case["assessment"] for case in REPORTS if case["name"] == row["case"])
    result = calculator.score(framework, raw)
    cells = csv_row(row["file"], result, framework, row["language"])
    assert dict(zip(CASES["csv"]["header"], cells, strict=True)) == row["cells"]
