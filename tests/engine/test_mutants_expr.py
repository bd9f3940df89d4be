"""Formulas and rules of the YAML (mutants of calculator/expr.py): the names each reads, its value, the inputs named
when a denominator is zero, and the exact refusal of anything that is not allowed arithmetic.

Cases and their hand-worked values: ``tests/data/engine/mutants_expr.json``.
"""

from __future__ import annotations

from typing import Any

import pytest

import calculator
from calculator.expr import ExpressionError, ZeroDenominator, parse_expression
from tests.engine.engine_support import load_cases

CASES: dict[str, list[dict[str, Any]]] = load_cases("mutants_expr.json")


@pytest.mark.parametrize("case", CASES["formulas"], ids=lambda case: case["text"])
def test_formula(case: dict[str, Any]) -> None:
    expression = parse_expression(case["text"])
    assert expression.text == case["text"].strip()
    assert expression.names == tuple(case["names"])
    value = expression.evaluate({name: float(number) for name, number in case["values"].items()})
    assert value == pytest.approx(case["result"], rel=1e-12)
    assert type(value) is float  # constants are floats too (the engine feeds floats)


@pytest.mark.parametrize("case", CASES["rules"], ids=lambda case: f"{case['text']} {case['values']}")
def test_rule(case: dict[str, Any]) -> None:
    expression = parse_expression(case["text"], comparison=True)
    assert expression.text == case["text"].strip()
    assert expression.names == tuple(case["names"])
    assert expression.evaluate(case["values"]) is case["result"]


@pytest.mark.parametrize("case", CASES["zero"], ids=lambda case: case["text"])
def test_zero_denominator_names_its_inputs(case: dict[str, Any]) -> None:
    expression = parse_expression(case["text"])
    with pytest.raises(ZeroDenominator) as raised:
        expression.evaluate(case["values"])
    assert raised.value.names == tuple(case["names"])
    assert raised.value.args == (tuple(case["names"]),)
    assert isinstance(raised.value, ArithmeticError)


@pytest.mark.parametrize("case", CASES["errors"], ids=lambda case: case["text"] or "empty")
def test_refused(case: dict[str, Any]) -> None:
    with pytest.raises(ExpressionError) as raised:
        parse_expression(case["text"], comparison=case["comparison"])
    assert str(raised.value) == case["message"]
    assert isinstance(raised.value, ValueError)
    assert calculator.ExpressionError is ExpressionError


def test_a_formula_is_arithmetic_by_default() -> None:
    with pytest.raises(ExpressionError, match=r"^expected arithmetic$"):
        parse_expression("a < b")
    assert parse_expression("a").evaluate({"a": 4.0}) == 4.0
