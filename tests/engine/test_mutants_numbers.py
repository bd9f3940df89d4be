"""Numbers as people read them (mutants of calculator/numbers.py): every branch of the rounding rules.

Each expected text of ``tests/data/engine/mutants_numbers.json`` is rounded by hand (the rule in its "about").
"""

from __future__ import annotations

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
