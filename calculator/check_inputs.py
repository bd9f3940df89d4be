"""Cross-checks of the inputs a factory enters: ids, units, alternative units, groups, factors per region, rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .check_context import DERIVED, CheckContext, Path
from .expr import Expression, ExpressionError, parse_expression
from .messages import MESSAGE_CODES
from .spec import format_path

__all__ = ["check_expression_names", "check_rule", "register_input"]


def register_input(ctx: CheckContext, entry: Mapping[str, Any], file: str, path: Path) -> None:
    """Record an input and check what it refers to (unit, groups, coefficient, factors, alternative units)."""
    if entry["id"] in ctx.inputs or entry["id"] in DERIVED:
        other_file, other_path = ctx.inputs.get(entry["id"], ("framework.yaml", ("derived",)))
        declared = f"{other_file}: {format_path(other_path)}"
        ctx.issue(file, (*path, "id"), repr(entry["id"]), f"an input id not already used ({declared})")
    if entry["unit"] not in ctx.units:
        ctx.issue(file, (*path, "unit"), repr(entry["unit"]), "a unit listed under units in framework.yaml")
    if "group" in entry and entry["group"] not in ctx.groups:
        ctx.issue(file, (*path, "group"), repr(entry["group"]), "a group id listed under input_groups")
    for index, region in enumerate(entry.get("regions", [])):
        if region not in ctx.regions:
            ctx.issue(file, (*path, "regions", index), repr(region), "a region id of framework.yaml")
    energy = entry.get("energy")
    if energy is not None and energy not in ctx.coefficients and energy not in ctx.inputs:
        ctx.issue(file, (*path, "energy"), repr(energy), "an energy coefficient id of factors.yaml or an earlier input")
    if "factor" in entry:
        _factor_reference(ctx, entry["factor"], file, (*path, "factor"))
    # Registered only now: an input's coefficient and factors must be EARLIER inputs, never the input itself
    # (an input that is its own factor would multiply the quantity by itself).
    ctx.inputs[entry["id"]] = (file, path)
    multipliers = ctx.main["unit_multipliers"]
    for unit, conversion in entry.get("alt_units", {}).items():
        where: Path = (*path, "alt_units", unit)
        if unit not in ctx.units:
            ctx.issue(file, where, repr(unit), "a unit listed under units in framework.yaml")
        if conversion == "exact":
            if entry["unit"] not in multipliers.get(unit, {}):
                ctx.issue(file, where, repr(unit), f"unit_multipliers.{unit}.{entry['unit']} in framework.yaml")
        elif conversion not in ctx.conversions:
            ctx.issue(file, where, repr(conversion), "'exact' or a conversion id of factors.yaml")


def _factor_reference(ctx: CheckContext, value: object, file: str, path: Path) -> None:
    if isinstance(value, dict):
        if sorted(value) != sorted(ctx.regions):
            ctx.issue(file, path, ", ".join(sorted(value)), "one entry per region: " + ", ".join(ctx.regions))
        for region, inner in value.items():
            _factor_reference(ctx, inner, file, (*path, region))
        return
    for index, factor in enumerate(value if isinstance(value, list) else [value]):
        if factor not in ctx.factors and factor not in ctx.inputs:
            where = (*path, index) if isinstance(value, list) else path
            ctx.issue(file, where, repr(factor), "an emission factor id or an earlier input")


def check_rule(ctx: CheckContext, rule: Mapping[str, Any], file: str, path: Path) -> None:
    """A consistency rule: arithmetic comparison over known inputs, on a known field, with a known message."""
    try:
        expression = parse_expression(rule["rule"], comparison=True)
    except ExpressionError as exc:
        ctx.issue(file, (*path, "rule"), repr(rule["rule"]), str(exc))
        return
    check_expression_names(ctx, expression, file, (*path, "rule"))
    if rule["field"] not in ctx.inputs:
        ctx.issue(file, (*path, "field"), repr(rule["field"]), "an input id")
    if rule["code"] not in MESSAGE_CODES:
        ctx.issue(file, (*path, "code"), repr(rule["code"]), "a message code: " + ", ".join(MESSAGE_CODES))


def check_expression_names(ctx: CheckContext, expression: Expression, file: str, path: Path) -> None:
    """Formulas and rules may only name inputs and the derived quantities."""
    for name in expression.names:
        if name not in ctx.inputs and name not in DERIVED:
            ctx.issue(file, path, repr(name), "only input ids and " + ", ".join(DERIVED))
