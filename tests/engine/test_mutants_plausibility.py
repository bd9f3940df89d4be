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


_ZERO_SPLIT: list[Framework] = []


def zero_rule_split(framework: Framework) -> Framework:
    """The framework whose "zero" rule is written as two (schema-valid) rules: one with only ``inputs``, one with
    only ``groups`` (id ``zero_group``); built once."""
    if not _ZERO_SPLIT:
        rules = []
        for rule in framework.bundle["plausibility.yaml"]["rules"]:
            if rule["kind"] == "zero":
                rules.append({key: value for key, value in rule.items() if key != "groups"})
                rules.append({**{key: value for key, value in rule.items() if key != "inputs"}, "id": "zero_group"})
            else:
                rules.append(rule)
        bundle = {**framework.bundle, "plausibility.yaml": {"rules": copy.deepcopy(rules)}}
        _ZERO_SPLIT.append(calculator.load_framework(bundle))
    return _ZERO_SPLIT[0]


def test_a_zero_rule_may_name_only_inputs_or_only_groups(framework: Framework) -> None:
    # Water 0 (an input of the first rule) and the only electricity bought at 0 (the group of the second rule).
    raw = assessment(data={"water_withdrawal_m3": 0, "electricity_csg": 0, "natural_gas": 10})
    result = score_valid(zero_rule_split(framework), raw)
    assert [(m["code"], m["field"], m["severity"]) for m in result["messages"]] == [
        ("zero_doubtful", "data.water_withdrawal_m3", "warning"),
        ("zero_group", "data.electricity_csg", "warning"),
    ]
