"""Numbers as people read them: rounded by unit (``unit_display`` in framework.yaml), thousands separated.

Percent to one decimal, intensities to three significant figures, tonnes to sensible decimals: the rule is data, so
the text report and the page (which reads the same rules from ``display_names``) round alike.  The result keeps
full precision; only what is shown is rounded.  The CSV keeps the figures of the result (full precision).
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Literal

from .messages import text
from .model import Framework

__all__ = ["DEFAULT_RULE", "Toward", "format_amount", "format_value"]

#: Rounding of a target: ``up`` for a value to reach (higher is better), ``down`` for one to stay under, so that the
#: figure shown always earns what it promises; ``None`` rounds half up, as people do.
Toward = Literal["up", "down"] | None
_MODES = {None: ROUND_HALF_UP, "up": ROUND_CEILING, "down": ROUND_FLOOR}

#: A unit without a rule (none in a valid framework: check_display requires one per unit).
DEFAULT_RULE: dict[str, int] = {"decimals": 2}


def format_amount(value: float, rule: dict[str, int] | None = None, toward: Toward = None) -> str:
    """``value`` rounded by ``rule`` (``{"decimals": n}`` or ``{"significant": n}``): no exponent, thousands
    separated, ``-0`` shown as ``0``."""
    rule = rule or DEFAULT_RULE
    decimals = _decimals_for(value, rule["significant"]) if "significant" in rule else rule["decimals"]
    # Half up on the shortest decimal form of the float, as people round: 5.975 shows 5.98 (binary 5.97499…).
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=_MODES[toward])
    shown = f"{rounded:,.{decimals}f}"
    return shown[1:] if shown.startswith("-") and not any(digit in "123456789" for digit in shown) else shown


def _decimals_for(value: float, significant: int) -> int:
    """Decimals that show ``significant`` figures of ``value`` (none for large numbers: 123,456 stays whole)."""
    if value == 0 or not math.isfinite(value):
        return 0
    decimals = significant - 1 - math.floor(math.log10(abs(value)))
    # Half up on the shortest decimal form, as the number is then shown (and as the page's JS does): 9.995 is 10.0.
    rounded = float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-max(decimals, 0)), rounding=_MODES[None]))
    if rounded and math.floor(math.log10(abs(rounded))) > math.floor(math.log10(abs(value))):
        decimals -= 1  # 0.09996 to 3 figures is 0.100, not 0.1000
    return max(decimals, 0)


def format_value(value: float | None, unit: str, language: str, framework: Framework, toward: Toward = None) -> str:
    """``value`` with its unit's name in ``language``, rounded by the unit's rule (``–`` for no value)."""
    if value is None:
        return "–"
    rules = framework.main.get("unit_display", {})
    units = {**framework.bundle["factors.yaml"]["factor_units"], **framework.main["units"]}
    name = text(units[unit], language) if unit in units else unit
    return f"{format_amount(value, rules.get(unit), toward)} {name}"
