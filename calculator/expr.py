"""Tiny, safe arithmetic for the formulas and rules written in the YAML.

The YAML states each indicator's Annex B formula as text (``water_reused_m3 / (water_withdrawal_m3 +
water_reused_m3) * 100``) so that editors read and change it in one place.  We parse it with :mod:`ast` and allow only
numbers, names, ``+ - * /``, unary minus and one comparison: nothing can be called or imported.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = ["Expression", "ExpressionError", "ZeroDenominator", "parse_expression"]

Evaluator = Callable[[Mapping[str, float]], float | bool]


class ExpressionError(ValueError):
    """The text is not an allowed formula (reported by the framework validator)."""


class ZeroDenominator(ArithmeticError):
    """A denominator evaluated to zero; ``names`` are the inputs that make it up."""

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__(names)
        self.names = names


@dataclass(frozen=True)
class Expression:
    """A parsed formula: its source text, the names it reads, and a compiled evaluator."""

    text: str
    names: tuple[str, ...]
    evaluate: Evaluator


_ARITHMETIC: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
}
_COMPARISONS: dict[type[ast.cmpop], Callable[[float, float], bool]] = {
    ast.LtE: lambda a, b: a <= b,
    ast.Lt: lambda a, b: a < b,
    ast.GtE: lambda a, b: a >= b,
    ast.Gt: lambda a, b: a > b,
}


def parse_expression(text: str, *, comparison: bool = False) -> Expression:
    """Parse ``text``; a rule (``comparison=True``) must be exactly one comparison, a formula must not be one."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise ExpressionError(f"not a valid expression ({exc.msg})") from None
    if comparison != isinstance(tree, ast.Compare):
        raise ExpressionError("expected a comparison such as 'a <= b + c'" if comparison else "expected arithmetic")
    names: list[str] = []
    evaluate = _compile(tree, names)
    return Expression(text=text.strip(), names=tuple(dict.fromkeys(names)), evaluate=evaluate)


def _compile(node: ast.expr, names: list[str]) -> Evaluator:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        constant = float(node.value)
        return lambda _values: constant
    if isinstance(node, ast.Name):
        name = node.id
        names.append(name)
        return lambda values: values[name]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        operand = _compile(node.operand, names)
        return lambda values: -operand(values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return _compile_division(node, names)
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        operator = _ARITHMETIC[type(node.op)]
        left, right = _compile(node.left, names), _compile(node.right, names)
        return lambda values: operator(left(values), right(values))
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARISONS:
        compare = _COMPARISONS[type(node.ops[0])]
        left, right = _compile(node.left, names), _compile(node.comparators[0], names)
        return lambda values: compare(left(values), right(values))
    raise ExpressionError(f"'{ast.unparse(node)}' is not allowed (only numbers, names, + - * / and one comparison)")


def _compile_division(node: ast.BinOp, names: list[str]) -> Evaluator:
    numerator = _compile(node.left, names)
    denominator_names: list[str] = []
    denominator = _compile(node.right, denominator_names)
    names.extend(denominator_names)
    involved = tuple(dict.fromkeys(denominator_names))

    def divide(values: Mapping[str, float]) -> float:
        below = denominator(values)
        if below == 0:
            raise ZeroDenominator(involved)
        return numerator(values) / below

    return divide
