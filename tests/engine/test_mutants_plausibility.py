"""Plausibility warnings, every message of a hand-built assessment at once (mutants of calculator/plausibility.py).

Each case of ``mutants_plausibility.json`` lists the complete messages the result carries (code, field, params,
severity), worked by hand from the thresholds of ``indicators/plausibility.yaml`` and the general benchmarks.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import calculator
from calculator import Framework
from tests.engine.engine_support import assessment, load_cases, score_valid

CASES: list[dict[str, Any]] = load_cases("mutants_plausibility.json")["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_every_warning_of_a_hand_built_case(framework: Framework, case: dict[str, Any]) -> None:
    raw = assessment(data=case["data"], **case.get("set", {}))
    result = score_valid(framework, raw)
    expected = [
        {"code": code, "field": field, "params": params, "severity": "warning"}
        for code, field, params in case["messages"]
    ]
    assert result["messages"] == expected


_WITH_RENEWABLE: list[Framework] = []


def far_worse_over_renewable_share(framework: Framework) -> Framework:
    """The framework whose "far worse" rule also watches renewable share (general baseline 0 %), built once."""
    if not _WITH_RENEWABLE:
        rules = copy.deepcopy(framework.bundle["plausibility.yaml"]["rules"])
        for rule in rules:
            if rule["id"] == "intensity_far_worse":
                rule["indicators"] = ["renewable-share", "water-intensity"]
        bundle = {**framework.bundle, "plausibility.yaml": {"rules": rules}}
        _WITH_RENEWABLE.append(calculator.load_framework(bundle))
    return _WITH_RENEWABLE[0]


def test_a_baseline_of_0_is_never_10_times_worse(framework: Framework) -> None:
    # Renewable share's general baseline is 0 %: 50 % (100 kWh on-site renewable of 100 + 100 kWh) is "more than
    # 10 x 0", but 10 times a baseline of 0 says nothing, so only water is named: 80 m3 per RMB 10k > 10 x 7.3.
    raw = assessment(
        data={"output_value": 10_000, "water_withdrawal_m3": 80, "electricity_csg": 100, "onsite_renewable": 100}
    )
    result = score_valid(far_worse_over_renewable_share(framework), raw)
    assert result["messages"] == [
        {
            "code": "intensity_far_worse",
            "field": "data.output_value",
            "params": {"indicators": ["indicators.water-intensity"]},
            "severity": "warning",
        }
    ]
