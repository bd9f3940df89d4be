"""Numbers as people read them (mutants of calculator/numbers.py): every branch of the rounding rules.

Each expected text of ``tests/data/engine/mutants_numbers.json`` is rounded by hand (the rule in its "about").
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from calculator import Framework
from calculator.numbers import format_amount, format_value
from tests.engine.engine_support import load_cases

CASES = load_cases("mutants_numbers.json")


@pytest.mark.parametrize("case", CASES["amounts"], ids=[case["name"] for case in CASES["amounts"]])
def test_format_amount(case: dict[str, Any]) -> None:
    assert format_amount(case["value"], case["rule"], case["toward"]) == case["shown"]


@pytest.mark.parametrize("case", CASES["values"], ids=[case["name"] for case in CASES["values"]])
def test_format_value(framework: Framework, case: dict[str, Any]) -> None:
    shown = format_value(case["value"], case["unit"], case["language"], framework, case["toward"])
    assert shown == case["shown"]


def test_a_framework_without_display_rules_shows_two_decimals(framework: Framework) -> None:
    # DEFAULT_RULE: a unit without a rule is shown to two decimals (a framework that is not checked may lack them).
    main = {key: value for key, value in framework.main.items() if key != "unit_display"}
    bare = dataclasses.replace(framework, bundle={**framework.bundle, "framework.yaml": main})
    assert format_value(1.23456, "tce", "en", bare) == "1.23 tce"
    assert format_value(24.58, "tce", "en", framework) == "24.6 tce"
