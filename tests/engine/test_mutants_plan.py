"""Whole improvement plans, every step and field (mutants of calculator/plan.py).

The plans of ``tests/data/engine/mutants_plan.json`` were worked by hand for the report cases of
``mutants_report.json`` (benchmarks of ``indicators/dimensions/*.yaml``; arithmetic in both files' "about").
"""

from __future__ import annotations

from typing import Any

import pytest

import calculator
from calculator import Framework
from tests.engine.engine_support import assessment, load_cases

PLANS = load_cases("mutants_plan.json")["plans"]
REPORTS = {case["name"]: case for case in load_cases("mutants_report.json")["reports"]}


def rounded(value: Any) -> Any:
    """Floats to 9 decimals (the plan's own rounding is to 2 or 6), everything else as it is."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [rounded(item) for item in value]
    return value


@pytest.mark.parametrize("case", PLANS, ids=[case["case"] for case in PLANS])
def test_whole_improvement_plan(framework: Framework, case: dict[str, Any]) -> None:
    result = calculator.score(framework, REPORTS[case["case"]]["assessment"])
    assert rounded(result["improvement_plan"]) == rounded(case["plan"])
    assert [type(step["points_available"]) for step in result["improvement_plan"]] == [float] * len(case["plan"])


STEPS = load_cases("mutants_plan.json")["steps"]


@pytest.mark.parametrize("case", STEPS, ids=[case["name"] for case in STEPS])
def test_one_step_exactly(framework: Framework, case: dict[str, Any]) -> None:
    result = calculator.score(framework, assessment(**case["assessment"]))
    assert result["valid"], result["messages"]
    step = next(step for step in result["improvement_plan"] if step["id"] == case["step"]["id"])
    assert step == case["step"]
