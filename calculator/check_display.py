"""Cross-checks of ``unit_display`` (framework.yaml): one rounding rule for every unit, and for points.

Each rule is ``{decimals: n}`` or ``{significant: n}`` (significant figures need at least one): the text report and
the page round every number shown by it, so a unit without a rule would be shown unrounded.
"""

from __future__ import annotations

from .check_context import CheckContext

__all__ = ["EXTRA_DISPLAY_UNITS", "check_display"]

#: Rounded like units although not a unit of an input or indicator.
EXTRA_DISPLAY_UNITS = ("points",)

_FILE = "framework.yaml"


def check_display(ctx: CheckContext) -> None:
    rules = ctx.main.get("unit_display", {})
    known = (*ctx.main["units"], *EXTRA_DISPLAY_UNITS)
    for unit in known:
        if unit not in rules:
            ctx.issue(_FILE, ("unit_display", unit), None, f"a rounding rule for '{unit}' (decimals or significant)")
    for unit, rule in rules.items():
        path = ("unit_display", unit)
        if unit not in known:
            ctx.issue(_FILE, path, repr(unit), "a unit listed under units in framework.yaml, or points")
        if len(rule) != 1:
            ctx.issue(_FILE, path, ", ".join(rule) or "no rule", "exactly one of decimals, significant")
        elif rule.get("significant") == 0:
            ctx.issue(_FILE, (*path, "significant"), "0", "at least 1 significant figure")
