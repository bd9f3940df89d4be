"""Regression tests for engine bugs this suite found (huge integers, non-finite values, band vs shown total, deep
nesting, the on-site PV direction); each asserts the behaviour the method and the facade promise."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import calculator
from calculator import Framework
from calculator.cli import main
from tests.engine.engine_support import assessment, assessment_with_total, score_valid

HUGE = 10**400  # a JSON integer with 401 digits: valid JSON, parsed by Python as an int beyond float range


def test_huge_integer_reporting_year_gives_a_message(framework: Framework) -> None:
    result = calculator.score(framework, assessment(reporting_year=HUGE))
    assert result["valid"] is False
    assert result["messages"][0]["field"] == "reporting_year"


def test_huge_integer_level_gives_a_message(framework: Framework) -> None:
    result = calculator.score(framework, assessment(levels={"green-design": HUGE}))
    assert result["valid"] is False
    assert result["messages"][0]["field"] == "levels.green-design"


def test_score_json_with_a_huge_integer_year(framework: Framework) -> None:
    text = json.dumps(assessment()).replace('"reporting_year": 2025', f'"reporting_year": {HUGE}')
    assert json.loads(calculator.score_json(framework, text))["valid"] is False


@pytest.mark.usefixtures("session_framework")
def test_cli_with_a_huge_integer_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(assessment()).replace("2025", str(HUGE)), encoding="utf-8")
    assert main(["score", str(path)]) == 1
    assert "Reporting year" in capsys.readouterr().out


def test_result_is_strict_json_for_a_tiny_site_area(framework: Framework) -> None:
    raw = assessment(data={"output_value": 1_000_000_000, "site_area_m2": 1e-310})
    text = calculator.score_json(framework, json.dumps(raw))
    json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))


def test_band_agrees_with_the_total_shown(framework: Framework) -> None:
    result = score_valid(framework, assessment_with_total(84.996))
    assert result["total"] == 85.0
    assert result["rating"]["band"] == "leading"


def test_onsite_renewable_is_not_declared_monotone(framework: Framework) -> None:
    # More on-site PV at constant grid use is more energy consumed (GB/T 36132-2025 B.2 counts all energy), so it
    # may lower energy intensity's points once the renewable share is at its leading value: no `good` direction.
    assert framework.inputs["onsite_renewable"].good is None
    assert framework.inputs["green_certificate"].good == "up"


def test_deeply_nested_value_gives_a_message(framework: Framework) -> None:
    nested: list[Any] = []
    for _ in range(5_000):
        nested = [nested]
    raw = assessment()
    raw["format"] = nested
    assert calculator.score(framework, raw)["valid"] is False
